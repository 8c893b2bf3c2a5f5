import io.ecgrid.soap.runtime.DecodeException;
import io.ecgrid.soap.runtime.Root;
import io.ecgrid.soap.runtime.SoapClient;
import java.net.URI;

/**
 * One application with two generated SDKs, the ECGridOS v3.2 one ({@code io.ecgrid.ecgridos_api_v3})
 * and the v4.1 one ({@code io.ecgrid.ecgridos_api_v4}), on one runtime jar: each calls WhoAmI on a
 * local server and decodes a SessionInfo document of its own service, and refuses the other
 * service's (another XML namespace). Prints one line per check, {@code name: outcome}; the vitest
 * file (test/targets/java-artifacts.test.ts) asserts them.
 *
 * <p>Usage: {@code java SideBySide <server base URL> <v3.2 SessionInfo XML> <v4.1 SessionInfo XML>}
 */
public final class SideBySide {
    private SideBySide() {
    }

    private static void print(String name, Object outcome) {
        System.out.println(name + ": " + outcome);
    }

    private static String decodeError(Root<?> root, String xml) {
        try {
            return "decoded " + root.decode(xml);
        } catch (DecodeException e) {
            return e.code() + " " + e.path();
        }
    }

    public static void main(String[] args) {
        String base = args[0];
        String v3Document = args[1];
        String v4Document = args[2];

        io.ecgrid.ecgridos_api_v3.SessionInfo v3 = new io.ecgrid.ecgridos_api_v3.ECGridOSAPIV3(URI.create(base + "/v3"))
                .getECGridOSAPIV3Port().WhoAmI("session-v3");
        io.ecgrid.ecgridos_api_v4.SessionInfo v4 = new io.ecgrid.ecgridos_api_v4.ECGridOSAPIV4(URI.create(base + "/v4"))
                .getECGridOSAPIV4Port().WhoAmI("session-v4");
        print("v3 call", v3.getClass().getName() + " " + v3.getECGridOSVersion() + " " + v3.getUserID() + " " + v3.getAuthLevel()
                + " " + v3.getLastLogin());
        print("v4 call", v4.getClass().getName() + " " + v4.getECGridOSVersion() + " " + v4.getUserID() + " " + v4.getAuthLevel()
                + " " + v4.getLastLogin());

        print("v3 decode", io.ecgrid.ecgridos_api_v3.Roots.SESSION_INFO.decode(v3Document).getLoginName());
        print("v4 decode", io.ecgrid.ecgridos_api_v4.Roots.SESSION_INFO.decode(v4Document).getLoginName());
        print("v3 refuses v4", decodeError(io.ecgrid.ecgridos_api_v3.Roots.SESSION_INFO, v4Document));
        print("v4 refuses v3", decodeError(io.ecgrid.ecgridos_api_v4.Roots.SESSION_INFO, v3Document));

        // One runtime: both SDKs' roots are instances of the same class, loaded from one jar.
        print("one runtime", io.ecgrid.ecgridos_api_v3.Roots.SESSION_INFO.getClass() == io.ecgrid.ecgridos_api_v4.Roots.SESSION_INFO.getClass());
        print("runtime jar", SoapClient.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        print("v3 jar", io.ecgrid.ecgridos_api_v3.SessionInfo.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        print("v4 jar", io.ecgrid.ecgridos_api_v4.SessionInfo.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
}
