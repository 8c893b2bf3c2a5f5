package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SOAP client against a local {@code HttpServer} on 127.0.0.1: what it sends for SOAP 1.1 and
 * 1.2, and how every kind of answer (a result, a Fault, an HTTP error, not XML, no answer in time,
 * no server at all) becomes a value or a typed error with the secrets redacted.
 */
class SoapClientTest {
    private static final String SECRET = "a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    /** One reply per path: status, content type, body. */
    private record Reply(int status, String contentType, String body) {
    }

    /** What the server received on a path: the headers that matter and the body. */
    private record Received(String contentType, String soapAction, String extra, String body) {
    }

    private static HttpServer server;
    private static String base;
    private static final Map<String, Received> RECEIVED = new ConcurrentHashMap<>();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    private static String envelope(String ns, String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + ns + "\"><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static final Map<String, Reply> REPLIES = Map.of(
            "/ok11", new Reply(200, "text/xml; charset=utf-8", envelope(SOAP11, "<Item xmlns=\"urn:test\"><Name>caf\u00e9</Name></Item>")),
            "/ok12", new Reply(200, "application/soap+xml; charset=utf-8", envelope(SOAP12, "<Item xmlns=\"urn:test\"><Name>n</Name></Item>")),
            "/latin1", new Reply(200, "text/xml; charset=ISO-8859-1", envelope(SOAP11, "<Item xmlns=\"urn:test\"><Name>caf\u00e9</Name></Item>")),
            "/fault", new Reply(500, "text/xml", envelope(SOAP11, "<s:Fault><faultcode>s:Client</faultcode><faultstring>bad session "
                    + SECRET + "</faultstring><detail><d>" + SECRET + "</d></detail></s:Fault>")),
            "/html", new Reply(503, "text/html", "<html><body>down for " + SECRET + "</body></html>"),
            "/notxml", new Reply(200, "text/plain", "this is not XML"),
            "/echo", new Reply(200, "text/xml", envelope(SOAP11, "<Item xmlns=\"urn:test\"><Name>n</Name><Count>" + SECRET + "</Count></Item>")),
            "/empty", new Reply(202, "text/xml", ""));

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", SoapClientTest::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        RECEIVED.put(path, new Received(headers.getFirst("Content-Type"), headers.getFirst("SOAPAction"), headers.getFirst("X-Extra"), body));
        if (path.equals("/hang")) {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Reply reply = REPLIES.getOrDefault(path, new Reply(404, "text/plain", "no such path"));
        byte[] bytes = reply.body().getBytes(reply.contentType().contains("ISO-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static CodecTest.Item request() {
        CodecTest.Item item = new CodecTest.Item();
        item.name = SECRET;
        return item;
    }

    private static SoapClient client(String path, ClientOptions options) {
        return new SoapClient(options.withEndpoint(URI.create(base + path)), null, null, "Test");
    }

    private static CodecTest.Item call(String path) {
        return client(path, ClientOptions.defaults()).call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT,
                Show.secrets(SECRET));
    }

    @Test
    void soap11SendsTextXmlWithTheSoapActionHeaderAndAnIndentedEnvelope() {
        CodecTest.Item result = client("/ok11", ClientOptions.defaults().withHeader("X-Extra", "yes"))
                .call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, List.of());
        assertEquals("caf\u00e9", result.name);
        Received sent = RECEIVED.get("/ok11");
        assertEquals("text/xml; charset=utf-8", sent.contentType());
        assertEquals("\"urn:test/Op\"", sent.soapAction());
        assertEquals("yes", sent.extra());
        assertTrue(sent.body().startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"" + SOAP11 + "\""), sent.body());
        assertTrue(sent.body().contains("\n    <Item xmlns=\"urn:test\">\n      <Name>" + SECRET + "</Name>\n    </Item>\n"), sent.body());
    }

    @Test
    void soap12SendsTheActionAsAContentTypeParameter() {
        ClientOptions options = ClientOptions.defaults().withSoapVersion(SoapVersion.SOAP_12).withPretty(false);
        assertEquals("n", client("/ok12", options).call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, List.of()).name);
        Received sent = RECEIVED.get("/ok12");
        assertEquals("application/soap+xml; charset=utf-8; action=\"urn:test/Op\"", sent.contentType());
        assertNull(sent.soapAction());
        assertTrue(sent.body().contains("<soap:Body><Item xmlns=\"urn:test\"><Name>"), sent.body());
    }

    @Test
    void readsTheCharsetOfTheContentType() {
        assertEquals("caf\u00e9", call("/latin1").name);
    }

    @Test
    void aFaultIsASoapFaultExceptionWithoutTheSecrets() {
        SoapFaultException fault = assertThrows(SoapFaultException.class, () -> call("/fault"));
        assertEquals("s:Client", fault.faultCode());
        assertEquals("bad session ***", fault.reason());
        assertEquals("<detail><d>***</d></detail>", fault.detail().toString());
    }

    @Test
    void anHttpErrorKeepsARedactedExcerpt() {
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> call("/html"));
        assertEquals(503, e.status());
        assertEquals("text/html", e.contentType());
        assertEquals("<html><body>down for ***</body></html>", e.bodyExcerpt());
        assertEquals("HTTP 503 from " + base + "/html", e.getMessage());
    }

    @Test
    void aBodyThatIsNotXmlIsAResponseFormatException() {
        ResponseFormatException e = assertThrows(ResponseFormatException.class, () -> call("/notxml"));
        assertEquals("invalid-response", e.code());
        assertEquals(200, e.status());
        assertTrue(e.getCause() instanceof XmlParseException);
    }

    @Test
    void anUndecodableResponseNamesThePathWithoutTheSecret() {
        DecodeException e = assertThrows(DecodeException.class, () -> call("/echo"));
        assertEquals("Item.Count", e.path());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("\"***\""), e.getMessage());
    }

    @Test
    void aOneWayCallTakesAnEmptyAnswer() {
        assertNull(client("/empty", ClientOptions.defaults()).call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), null, List.of()));
    }

    @Test
    void aSlowServerIsATimeout() {
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofMillis(300));
        SoapTimeoutException e = assertThrows(SoapTimeoutException.class,
                () -> client("/hang", options).call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, List.of()));
        assertEquals("timeout", e.code());
        assertEquals(Duration.ofMillis(300), e.timeout());
    }

    @Test
    void noServerIsATransportError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SoapClient closed = new SoapClient(ClientOptions.defaults().withEndpoint(URI.create("http://user:pw@127.0.0.1:" + port + "/x?q=1")),
                null, null, "Test");
        TransportException e = assertThrows(TransportException.class,
                () -> closed.call("urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, List.of()));
        assertEquals("transport-error", e.code());
        assertTrue(e.getMessage().startsWith("request to http://127.0.0.1:" + port + "/x failed"), e.getMessage());
    }

    @Test
    void theWsdlAddressOfTheVersionIsUsedUnlessAnotherIsGiven() {
        SoapClient soap12 = new SoapClient(ClientOptions.defaults().withSoapVersion(SoapVersion.SOAP_12), "http://a/11", "http://a/12", "S");
        assertEquals(URI.create("http://a/12"), soap12.endpoint());
        ClientUsageException none = assertThrows(ClientUsageException.class,
                () -> new SoapClient(ClientOptions.defaults().withSoapVersion(SoapVersion.SOAP_12), "http://a/11", null, "S"));
        assertEquals("no-endpoint", none.code());
        assertTrue(none.getMessage().contains("service S has no SOAP 1.2 endpoint"), none.getMessage());
    }
}
