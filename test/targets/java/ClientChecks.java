import io.ecgrid.ecgridos.ECGridOS;
import io.ecgrid.ecgridos.KeyIDInfo;
import io.ecgrid.ecgridos.KeySet;
import io.ecgrid.ecgridos.KeyVisibility;
import io.ecgrid.ecgridos.Roots;
import io.ecgrid.soap.runtime.ClientOptions;
import io.ecgrid.soap.runtime.DecodeException;
import io.ecgrid.soap.runtime.DecodeOptions;
import io.ecgrid.soap.runtime.EncodeException;
import io.ecgrid.soap.runtime.EncodeOptions;
import io.ecgrid.soap.runtime.HttpStatusException;
import io.ecgrid.soap.runtime.ResponseFormatException;
import io.ecgrid.soap.runtime.SoapException;
import io.ecgrid.soap.runtime.SoapFaultException;
import io.ecgrid.soap.runtime.SoapTimeoutException;
import io.ecgrid.soap.runtime.SoapVersion;
import io.ecgrid.soap.runtime.XmlParseException;
import io.ecgrid.soap.runtime.XsdDateTime;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Checks of the generated Java SDK (packages/ecgridos-java, on the runtime library) that the
 * round-trip vectors do not cover: the client against a local server (SOAP 1.1 and 1.2, faults, HTTP errors, timeouts,
 * secrets) and the codec's errors. Prints one line per check, {@code name: outcome}; the vitest
 * file (test/targets/java.test.ts) asserts them.
 *
 * <p>Usage: {@code java ClientChecks <server base URL>}
 */
public final class ClientChecks {
    private static final String SESSION = "a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60";

    private ClientChecks() {
    }

    private static void check(String name, Supplier<Object> body) {
        String outcome;
        try {
            outcome = "ok " + body.get();
        } catch (SoapFaultException e) {
            outcome = "SoapFaultException " + e.version() + " code=" + e.faultCode() + " local=" + e.codeLocalName() + " ns="
                    + e.codeNamespace() + " reason=" + e.reason() + " detail=" + e.detail();
        } catch (HttpStatusException e) {
            outcome = "HttpStatusException " + e.code() + " status=" + e.status() + " excerpt=" + e.bodyExcerpt();
        } catch (DecodeException e) {
            outcome = "DecodeException " + e.code() + " path=" + e.path() + " message=" + e.getMessage();
        } catch (EncodeException e) {
            outcome = "EncodeException " + e.code() + " path=" + e.path() + " message=" + e.getMessage();
        } catch (XmlParseException e) {
            outcome = "XmlParseException " + e.code() + " message=" + e.getMessage();
        } catch (SoapTimeoutException e) {
            outcome = "SoapTimeoutException " + e.code() + " ms=" + e.timeout().toMillis();
        } catch (ResponseFormatException e) {
            outcome = "ResponseFormatException " + e.code() + " status=" + e.status();
        } catch (SoapException e) {
            outcome = e.getClass().getSimpleName() + " " + e.code() + " " + e.getMessage();
        } catch (RuntimeException e) {
            outcome = e.getClass().getName() + " " + e.getMessage();
        }
        System.out.println(name + ": " + outcome.replace('\n', ' '));
    }

    private static ECGridOS at(String base, String path) {
        return new ECGridOS(URI.create(base + path));
    }

    private static String keyIdInfo(String keyId, String userId, String visibility) {
        return "<KeyIDInfo xmlns=\"https://os.ecgrid.io/\"><KeyID>" + keyId + "</KeyID><UserID>" + userId + "</UserID>"
                + "<Key>k</Key><Visibility>" + visibility + "</Visibility><Created>2026-05-07T10:00:00</Created></KeyIDInfo>";
    }

    public static void main(String[] args) {
        String base = args[0];

        // The client.
        check("soap11", () -> at(base, "/ok11").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("soap12", () -> at(base, "/ok12").getECGridOSPort(SoapVersion.SOAP_12).KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("fault11", () -> at(base, "/fault11").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("fault12", () -> at(base, "/fault12").getECGridOSPort(SoapVersion.SOAP_12).KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("html", () -> at(base, "/html").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("notxml", () -> at(base, "/notxml").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("echo", () -> at(base, "/echo").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("badenum", () -> at(base, "/badenum").getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("timeout", () -> new ECGridOS(ClientOptions.defaults().withEndpoint(URI.create(base + "/hang"))
                .withTimeout(Duration.ofMillis(300))).getECGridOSPort().KeySet(SESSION, 5001, KeyVisibility.SHARED));
        check("compact", () -> new ECGridOS(ClientOptions.defaults().withEndpoint(URI.create(base + "/compact")).withPretty(false)
                .withHeader("X-Check", "yes")).getECGridOSPort().KeySet(null, 7, KeyVisibility.PUBLIC));
        check("toString", () -> {
            KeySet request = new KeySet();
            request.setSessionID(SESSION);
            request.setUserID(1);
            request.setVisibility(KeyVisibility.PRIVATE);
            return request;
        });

        // The codec.
        check("doctype", () -> Roots.KEY_ID_INFO.decode("<!DOCTYPE KeyIDInfo [<!ENTITY x \"y\">]>" + keyIdInfo("1", "2", "Shared")));
        check("unknownEnum", () -> Roots.KEY_ID_INFO.decode(keyIdInfo("1", "2", "Secret")));
        check("intRange", () -> Roots.KEY_ID_INFO.decode(keyIdInfo("1", "2147483648", "Shared")));
        check("notInt", () -> Roots.KEY_ID_INFO.decode(keyIdInfo("1.5", "2", "Shared")));
        check("missing", () -> Roots.KEY_ID_INFO.decode("<KeyIDInfo xmlns=\"https://os.ecgrid.io/\"><UserID>2</UserID></KeyIDInfo>"));
        check("order", () -> Roots.KEY_ID_INFO.decode(
                "<KeyIDInfo xmlns=\"https://os.ecgrid.io/\"><KeyID>1</KeyID><UserID>2</UserID><KeyID>1</KeyID></KeyIDInfo>"));
        check("wrongNamespace", () -> Roots.KEY_ID_INFO.decode("<KeyIDInfo><KeyID>1</KeyID></KeyIDInfo>"));
        check("text", () -> Roots.KEY_ID_INFO.decode("<KeyIDInfo xmlns=\"https://os.ecgrid.io/\">x<KeyID>1</KeyID></KeyIDInfo>"));
        check("notWellFormed", () -> Roots.KEY_ID_INFO.decode("<KeyIDInfo>"));
        check("ignoreNamespaces", () -> Roots.KEY_ID_INFO.decode(
                keyIdInfo("1", "+0002", "Public").replace(" xmlns=\"https://os.ecgrid.io/\"", ""), DecodeOptions.IGNORE_NAMESPACES));
        check("lexical", () -> {
            KeyIDInfo info = Roots.KEY_ID_INFO.decode(keyIdInfo("1", "2", "Shared").replace("2026-05-07T10:00:00", " 2026-05-07T10:00:00.50+02:00 "));
            XsdDateTime created = info.getCreated();
            return created + " " + created.toOffsetDateTime() + " " + created.toLocalDateTime() + " " + created.hasTimeZone();
        });
        check("encodeNull", () -> {
            KeyIDInfo info = new KeyIDInfo();
            info.setKeyID(1);
            return Roots.KEY_ID_INFO.encode(info);
        });
        check("encodeUnqualified", () -> {
            KeySet request = new KeySet();
            request.setUserID(5);
            request.setVisibility(KeyVisibility.SESSION);
            return Roots.KEY_SET.encode(request, EncodeOptions.DEFAULT.withQualified(false).withIndent("\t"));
        });
        check("badChar", () -> {
            KeySet request = new KeySet();
            request.setSessionID("a\u0001b");
            request.setVisibility(KeyVisibility.SESSION);
            return Roots.KEY_SET.encode(request);
        });
    }
}
