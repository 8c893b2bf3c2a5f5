import java.net.URI;
import java.util.List;

/**
 * Calls the rpc-encoded fixture's operations (test/fixtures/rpc-encoded) against the server at
 * the first argument, with the values of the fixture's request samples, and prints each result.
 * It is compiled as a class of the fixture's generated package (the test prepends the package line).
 */
public final class EncodedCheck {
    private EncodedCheck() {
    }

    public static void main(String[] args) {
        PartnerDirectoryPortType port = new PartnerDirectory(URI.create(args[0])).getPartnerDirectoryPort();
        ArrayOfPartner partners = port.FindPartners("Contoso", 10);
        System.out.println("find: " + partners.size() + " " + partners.get(0));
        System.out.println("tag: " + port.TagPartner(5001, new ArrayOfString(List.of("retail", "x12", "priority"))));
    }
}
