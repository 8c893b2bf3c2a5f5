import java.net.URI;
import java.util.Base64;

/**
 * Calls the soap-header fixture's operation (test/fixtures/soap-header) with its SOAP header
 * blocks, as the fixture's request samples hold them, against the server at the first argument:
 * both headers, then the AuthHeader alone (null leaves a block out). Prints each result. It is
 * compiled as a class of the fixture's generated package (the test prepends the package line).
 */
public final class HeaderCheck {
    private HeaderCheck() {
    }

    public static void main(String[] args) {
        InterchangePortType port = new Interchange(URI.create(args[0])).getInterchangePort();
        AuthHeader auth = new AuthHeader();
        auth.setSessionID("a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60");
        auth.setClientVersion("ecgrid-codegen/1.0");
        TraceHeader trace = new TraceHeader();
        trace.setCorrelationID("c0ffee00-0042");
        trace.setSampled(true);
        byte[] payload = Base64.getDecoder().decode("SVNBKjAwKiAgICAgICAgICAqMDAqICAgICAgICAgICp+");
        System.out.println("both: " + port.SubmitInterchange(5001, payload, auth, trace));
        AuthHeader only = new AuthHeader();
        only.setSessionID("a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60");
        System.out.println("auth: " + port.SubmitInterchange(5001, Base64.getDecoder().decode("SVNBKjAwKg=="), only, null));
    }
}
