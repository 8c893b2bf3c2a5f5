package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a Java user expects of the client besides the exchange itself: usage errors for a bad
 * endpoint, errors that name their cause, per-call timeouts and headers, CompletableFuture calls
 * with the same typed errors, a System.Logger hook with an optional body dump, and fault details as
 * plain values.
 */
class ClientIdiomsTest {
    private static final String SECRET = "k3y";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private static HttpServer server;
    private static String base;
    private static final Map<String, String> EXTRA = new ConcurrentHashMap<>();

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static final String OK = envelope("<Item xmlns=\"urn:test\"><Name>n</Name><Count>7</Count></Item>");
    private static final String FAULT = envelope("<s:Fault><faultcode>s:Client</faultcode><faultstring>bad session " + SECRET
            + "</faultstring><detail><Error xmlns=\"urn:e\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" level=\"2\">"
            + "<Code>E42</Code><Item>a</Item><Item>" + SECRET + "</Item><Note xsi:nil=\"true\"/><Where at=\"x\">here</Where></Error></detail></s:Fault>");

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ClientIdiomsTest::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String extra = exchange.getRequestHeaders().getFirst("X-Call");
        if (extra != null) {
            EXTRA.put(path, extra);
        }
        if (path.equals("/slow")) {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean fault = path.equals("/fault");
        byte[] bytes = (fault ? FAULT : OK).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        try {
            exchange.sendResponseHeaders(fault ? 500 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client gave up first.
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

    private static CodecTest.Item call(SoapClient client, CallOptions call) {
        return client.call("Op", "urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, Show.secrets(SECRET), List.of(), false,
                call);
    }

    private static CompletableFuture<Integer> callAsync(SoapClient client, CallOptions call) {
        return client.callAsync("Op", "urn:test/Op", CodecTest.ITEM_ELEMENT, request(), CodecTest.ITEM_ELEMENT, Show.secrets(SECRET), List.of(),
                false, call, item -> item.count);
    }

    /** A System.Logger that keeps what is logged at DEBUG and above. */
    static final class Recorder implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            lines.add(level + " " + supplier.get());
        }
    }

    @Test
    void anEndpointThatIsNotAnAbsoluteHttpUrlIsAUsageErrorThatDoesNotRepeatIt() {
        for (String bad : List.of("ftp://user:pw-secret@example.com/x", "relative/pw-secret", "mailto:pw-secret@example.com", "http:///pw-secret")) {
            // At once, when the options are made.
            ClientUsageException e = assertThrows(ClientUsageException.class, () -> ClientOptions.defaults().withEndpoint(URI.create(bad)), bad);
            assertEquals("invalid-option", e.code());
            assertFalse(e.getMessage().contains("pw-secret"), e.getMessage());
            assertInstanceOf(SoapException.class, e);
        }
        // The WSDL's own address, when it does not parse.
        ClientUsageException e = assertThrows(ClientUsageException.class,
                () -> new SoapClient(ClientOptions.defaults(), "http://exa mple.com/pw-secret", null, "Test"));
        assertEquals("invalid-option", e.code());
        assertFalse(e.getMessage().contains("pw-secret"), e.getMessage());
        assertEquals("HTTPS://example.com/x", new SoapClient(ClientOptions.defaults(), "HTTPS://example.com/x", null, "T").endpoint().toString());
    }

    @Test
    void aDnsFailureSaysSoAndKeepsItsCause() {
        SoapClient client = new SoapClient(ClientOptions.defaults().withEndpoint(URI.create("http://no-such-host.invalid/x")), null, null, "Test");
        TransportException e = assertThrows(TransportException.class, () -> call(client, CallOptions.DEFAULT));
        assertTrue(e.getMessage().contains("the host no-such-host.invalid could not be resolved (DNS lookup failed"), e.getMessage());
        boolean dns = false;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            dns |= t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException;
        }
        assertTrue(dns, "the DNS failure is in the causes");
    }

    @Test
    void aRefusedConnectionSaysSoDistinctFromDns() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SoapClient client = new SoapClient(ClientOptions.defaults().withEndpoint(URI.create("http://127.0.0.1:" + port + "/x")), null, null, "T");
        TransportException e = assertThrows(TransportException.class, () -> call(client, CallOptions.DEFAULT));
        assertEquals("request to http://127.0.0.1:" + port + "/x failed: no connection could be made to 127.0.0.1:" + port
                + " (refused or unreachable: ConnectException)", e.getMessage());
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
        // The same through the asynchronous call.
        ExecutionException async = assertThrows(ExecutionException.class, () -> callAsync(client, CallOptions.DEFAULT).get());
        assertEquals(e.getMessage(), async.getCause().getMessage());
    }

    @Test
    void aCallsOwnTimeoutWinsAndIsTheOneReported() {
        SoapClient client = client("/slow", ClientOptions.defaults().withTimeout(Duration.ofSeconds(30)));
        long started = System.nanoTime();
        SoapTimeoutException e = assertThrows(SoapTimeoutException.class, () -> call(client, CallOptions.timeout(Duration.ofMillis(250))));
        assertTrue(System.nanoTime() - started < 1_400_000_000L, "the call's 250 ms fired, not the client's 30 s");
        assertEquals(Duration.ofMillis(250), e.timeout());
        assertEquals("request to " + base + "/slow timed out after 250 ms", e.getMessage());
        // A longer call timeout than the client's lets a slow answer through.
        SoapClient impatient = client("/slow", ClientOptions.defaults().withTimeout(Duration.ofMillis(200)));
        assertEquals(7, call(impatient, CallOptions.timeout(Duration.ofSeconds(20))).count);
        assertEquals("invalid-option", assertThrows(ClientUsageException.class, () -> CallOptions.timeout(Duration.ZERO)).code());
    }

    @Test
    void aCallsOwnHeadersAreSent() {
        call(client("/headers", ClientOptions.defaults()), CallOptions.DEFAULT.withHeader("X-Call", "one"));
        assertEquals("one", EXTRA.get("/headers"));
    }

    @Test
    void anAsyncCallGivesTheMappedResult() throws Exception {
        CompletableFuture<Integer> future = callAsync(client("/ok", ClientOptions.defaults()), CallOptions.DEFAULT);
        assertEquals(7, future.get());
    }

    @Test
    void anAsyncFaultFailsTheFutureWithTheTypedFaultItselfRedacted() {
        CompletableFuture<Integer> future = callAsync(client("/fault", ClientOptions.defaults()), CallOptions.DEFAULT);
        CompletionException joined = assertThrows(CompletionException.class, future::join);
        SoapFaultException fault = assertInstanceOf(SoapFaultException.class, joined.getCause());
        assertEquals("bad session ***", fault.reason());
        assertSame(fault, SoapException.unwrap(joined));
        // The future's own exceptionally() sees the fault itself; a stage made from it sees it wrapped, which unwrap() opens.
        Throwable[] seen = new Throwable[1];
        future.exceptionally(t -> {
            seen[0] = t;
            return null;
        }).join();
        assertSame(fault, seen[0]);
        assertSame(fault, future.thenApply(v -> v).handle((v, t) -> SoapException.unwrap(t)).join());
        assertNull(SoapException.unwrap(new IllegalStateException()));
    }

    @Test
    void anAsyncTimeoutReportsTheTimeoutThatFired() {
        CompletableFuture<Integer> future = callAsync(client("/slow", ClientOptions.defaults()), CallOptions.timeout(Duration.ofMillis(200)));
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        SoapTimeoutException timeout = assertInstanceOf(SoapTimeoutException.class, e.getCause());
        assertEquals(Duration.ofMillis(200), timeout.timeout());
        assertTrue(timeout.getMessage().endsWith("timed out after 200 ms"), timeout.getMessage());
    }

    @Test
    void anAsyncCallThatCannotEncodeFailsTheFuture() {
        CodecTest.Item bad = new CodecTest.Item();
        CompletableFuture<CodecTest.Item> future = client("/ok", ClientOptions.defaults()).callAsync("Op", "urn:test/Op", CodecTest.ITEM_ELEMENT,
                bad, CodecTest.ITEM_ELEMENT, List.of(), List.of(), false, CallOptions.DEFAULT, item -> item);
        assertInstanceOf(EncodeException.class, assertThrows(ExecutionException.class, future::get).getCause());
    }

    @Test
    void eachExchangeIsLoggedWithOperationEndpointStatusAndDuration() {
        Recorder log = new Recorder();
        call(client("/ok", ClientOptions.defaults().withLogger(log)), CallOptions.DEFAULT);
        assertThrows(SoapFaultException.class, () -> call(client("/fault", ClientOptions.defaults().withLogger(log)), CallOptions.DEFAULT));
        assertEquals(2, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).matches("DEBUG Op POST " + base + "/ok: 200 in \\d+ ms"), log.lines.get(0));
        assertTrue(log.lines.get(1).matches("DEBUG Op POST " + base + "/fault: failed: SOAP fault s:Client: bad session \\*\\*\\* in \\d+ ms"),
                log.lines.get(1));
        assertSame(ClientOptions.DEFAULT_LOGGER, ClientOptions.defaults().logger());
    }

    @Test
    void theMessageDumpLogsBothBodiesWithTheSecretsRedacted() throws Exception {
        Recorder log = new Recorder();
        assertEquals(7, callAsync(client("/ok", ClientOptions.defaults().withLogger(log).withMessageDump(true)), CallOptions.DEFAULT).get());
        assertEquals(3, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).startsWith("DEBUG Op request to " + base + "/ok:\n<?xml"), log.lines.get(0));
        assertTrue(log.lines.get(0).contains("<Name>***</Name>"), log.lines.get(0));
        assertFalse(log.lines.get(0).contains(SECRET), log.lines.get(0));
        assertEquals("DEBUG Op response 200:\n" + OK, log.lines.get(1));
        assertTrue(log.lines.get(2).startsWith("DEBUG Op POST "), log.lines.get(2));
        // Without the option, no body is logged.
        Recorder quiet = new Recorder();
        call(client("/ok", ClientOptions.defaults().withLogger(quiet)), CallOptions.DEFAULT);
        assertEquals(1, quiet.lines.size(), quiet.lines.toString());
    }

    @Test
    void aFaultDetailIsAlsoGivenAsPlainValues() {
        SoapFaultException fault = assertThrows(SoapFaultException.class, () -> call(client("/fault", ClientOptions.defaults()), CallOptions.DEFAULT));
        Map<?, ?> detail = assertInstanceOf(Map.class, fault.detailValue());
        Map<?, ?> error = assertInstanceOf(Map.class, detail.get("Error"));
        assertEquals("E42", error.get("Code"));
        assertEquals(List.of("a", "***"), error.get("Item"));
        assertTrue(error.containsKey("Note"));
        assertNull(error.get("Note"));
        assertEquals(Map.of("$attributes", Map.of("at", "x"), "$value", "here"), error.get("Where"));
        assertEquals(Map.of("level", "2"), error.get("$attributes"));
        assertEquals(List.of("Code", "Item", "Note", "Where", "$attributes"), List.copyOf(error.keySet()));
        assertNull(new SoapFaultException(SoapVersion.SOAP_11, "c", "", "c", "r", null, null, List.of(), null).detailValue());
    }
}
