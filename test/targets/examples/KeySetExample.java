import io.ecgrid.ecgridos.ECGridOS;
import io.ecgrid.ecgridos.ECGridOSPortType;
import io.ecgrid.ecgridos.KeyVisibility;
import java.net.URI;

/**
 * The Java example of the KeySet documentation page (../shared/seeds/KeySet.txt) against the
 * generated SDK (packages/ecgridos-java). Only the line that creates the client differs from the
 * page: it takes the endpoint (the first argument, or ECGRID_ENDPOINT) so the test can point it at
 * a local server; the page's "additional params" are filled in.
 */
public final class KeySetExample {
    private KeySetExample() {
    }

    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : System.getenv("ECGRID_ENDPOINT");
        String sessionID = "a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60";
        int userId = 5001;

        // Generated client (the page: JAX-WS, wsimport)
        // npx ecgrid-codegen generate --target java
        ECGridOS service = new ECGridOS(URI.create(endpoint));
        ECGridOSPortType port = service.getECGridOSPort();
        var result = port.KeySet(sessionID, userId, KeyVisibility.SHARED);
        System.out.println(result);
    }
}
