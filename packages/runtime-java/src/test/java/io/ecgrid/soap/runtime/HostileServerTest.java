package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The client against hostile servers on 127.0.0.1 (issue 11), each a raw socket that answers one
 * request as scripted: bodies past {@code maxResponseBytes} are refused by their Content-Length or
 * as they stream in, without reading the rest; one deadline covers the whole body; bytes not valid
 * in the charset are a typed error; a BOM tells the charset; nothing is ever inflated; a body
 * shorter than its Content-Length is a transport error.
 */
class HostileServerTest {
    private static final String OK = "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<s:Body><Item xmlns=\"urn:test\"><Name>KEY</Name></Item></s:Body></s:Envelope>";

    /** What the server writes once it has read the request. */
    @FunctionalInterface
    private interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /** A server for one request; it records the request's head and how many body bytes it wrote. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;
        final AtomicLong written = new AtomicLong();
        volatile String requestHead = "";

        RawServer(Answer answer) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    requestHead = readRequest(s.getInputStream());
                    OutputStream out = new OutputStream() {
                        private final OutputStream raw = s.getOutputStream();

                        @Override
                        public void write(int b) throws IOException {
                            raw.write(b);
                            written.incrementAndGet();
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            raw.write(b, off, len);
                            written.addAndGet(len);
                        }

                        @Override
                        public void flush() throws IOException {
                            raw.flush();
                        }
                    };
                    answer.write(out);
                    out.flush();
                } catch (IOException e) {
                    // The client went away: the point of most of these servers.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/svc");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        in.readNBytes((int) length);
        return text;
    }

    private static byte[] headers(String status, String... lines) {
        return ("HTTP/1.1 " + status + "\r\n" + String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static CodecTest.Item call(RawServer server, ClientOptions options) {
        CodecTest.Item request = new CodecTest.Item();
        request.name = "n";
        return new SoapClient(options.withEndpoint(server.uri()), null, null, "Test")
                .call("urn:test/Op", CodecTest.ITEM_ELEMENT, request, CodecTest.ITEM_ELEMENT, List.of());
    }

    private static Answer fixed(String contentType, byte[] body, String... extra) {
        return out -> {
            String[] lines = new String[extra.length + 2];
            lines[0] = "Content-Type: " + contentType;
            lines[1] = "Content-Length: " + body.length;
            System.arraycopy(extra, 0, lines, 2, extra.length);
            out.write(headers("200 OK", lines));
            out.write(body);
        };
    }

    @Test
    void theDefaultsAreTheSharedOnes() {
        assertEquals(67_108_864L, ClientOptions.defaults().maxResponseBytes());
        assertEquals(Duration.ofSeconds(60), ClientOptions.defaults().timeout());
        assertEquals(XmlLimits.DEFAULTS, ClientOptions.defaults().xmlLimits());
        assertEquals(10L, ClientOptions.defaults().withMaxResponseBytes(10).maxResponseBytes());
        assertEquals("invalid-option", assertThrows(ClientUsageException.class, () -> ClientOptions.defaults().withMaxResponseBytes(0)).code());
    }

    @Test
    void aContentLengthPastTheLimitIsRefusedWithoutReadingTheBody() throws IOException {
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml", "Content-Length: 209715200"));
            out.flush();
            Thread.sleep(10_000);
        })) {
            long started = System.nanoTime();
            ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> call(server, ClientOptions.defaults()));
            assertEquals("size-limit", e.code());
            assertEquals(67_108_864L, e.limit());
            assertTrue(e.getMessage().contains("209715200 bytes long: more than maxResponseBytes, 67108864"), e.getMessage());
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused at the headers");
        }
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimitAndTheRestIsNeverRead() throws IOException {
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'k');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml", "Transfer-Encoding: chunked"));
            for (int i = 0; i < 64 * 1024; i++) { // at most 1 GiB, and the client stops long before
                out.write(size);
                out.write(chunk);
                out.write(new byte[] {'\r', '\n'});
            }
        })) {
            ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
                    () -> call(server, ClientOptions.defaults().withMaxResponseBytes(1024 * 1024)));
            assertEquals("size-limit", e.code());
            assertTrue(e.getMessage().contains("longer than the limit: more than maxResponseBytes, 1048576"), e.getMessage());
            assertTrue(server.written.get() < 64L * 1024 * 1024, "the server wrote " + server.written.get());
        }
    }

    @Test
    void aChunkedBodyOfManyBlocksIsReadWhole() throws IOException {
        String name = "\u00e9".repeat(1_500_000) + "end";
        byte[] body = OK.replace("KEY", name).getBytes(StandardCharsets.UTF_8);
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml; charset=utf-8", "Transfer-Encoding: chunked"));
            for (int at = 0; at < body.length; at += 7001) {
                int n = Math.min(7001, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write(new byte[] {'\r', '\n'});
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            assertEquals(name, call(server, ClientOptions.defaults()).name);
        }
    }

    @Test
    void oneDeadlineCoversTheWholeBody() throws IOException {
        byte[] body = OK.getBytes(StandardCharsets.UTF_8);
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml", "Content-Length: " + body.length));
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
        })) {
            long started = System.nanoTime();
            SoapTimeoutException e = assertThrows(SoapTimeoutException.class,
                    () -> call(server, ClientOptions.defaults().withTimeout(Duration.ofMillis(800))));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("timeout", e.code());
            assertTrue(elapsedMs >= 700 && elapsedMs < 4_000, "ended after " + elapsedMs + " ms (deadline 800 ms)");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreAResponseFormatErrorNeverAReplacementCharacter() throws IOException {
        String[] parts = OK.split("KEY");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(parts[0].getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] {0x61, (byte) 0xc3, 0x28, 0x62});
        body.write(parts[1].getBytes(StandardCharsets.UTF_8));
        try (RawServer server = new RawServer(fixed("text/xml; charset=utf-8", body.toByteArray()))) {
            ResponseFormatException e = assertThrows(ResponseFormatException.class, () -> call(server, ClientOptions.defaults()));
            assertEquals("invalid-response", e.code());
            assertTrue(e.getMessage().contains("the body is not valid UTF-8"), e.getMessage());
        }
    }

    @Test
    void aBomWithoutACharsetTellsTheEncoding() throws IOException {
        String text = OK.replace("KEY", "cl\u00e9-\u00fc").replace("utf-8", "utf-16");
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(le, 0, withBom, 2, le.length);
        try (RawServer server = new RawServer(fixed("text/xml", withBom))) {
            assertEquals("cl\u00e9-\u00fc", call(server, ClientOptions.defaults()).name);
        }
        // UTF-16 (big-endian with its BOM) and a UTF-8 BOM.
        try (RawServer server = new RawServer(fixed("text/xml", text.getBytes(StandardCharsets.UTF_16)))) {
            assertEquals("cl\u00e9-\u00fc", call(server, ClientOptions.defaults()).name);
        }
        byte[] utf8 = OK.getBytes(StandardCharsets.UTF_8);
        byte[] utf8Bom = new byte[utf8.length + 3];
        utf8Bom[0] = (byte) 0xef;
        utf8Bom[1] = (byte) 0xbb;
        utf8Bom[2] = (byte) 0xbf;
        System.arraycopy(utf8, 0, utf8Bom, 3, utf8.length);
        try (RawServer server = new RawServer(fixed("text/xml", utf8Bom))) {
            assertEquals("KEY", call(server, ClientOptions.defaults()).name);
        }
    }

    @Test
    void aContentEncodedBodyIsNeverInflatedAndNoEncodingIsAskedFor() throws IOException {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        try (RawServer server = new RawServer(fixed("text/xml", gzip, "Content-Encoding: gzip"))) {
            ResponseFormatException e = assertThrows(ResponseFormatException.class, () -> call(server, ClientOptions.defaults()));
            assertEquals("invalid-response", e.code());
            assertTrue(e.getMessage().contains("content-encoded (gzip)"), e.getMessage());
            assertFalse(server.requestHead.toLowerCase(Locale.ROOT).contains("accept-encoding"), server.requestHead);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsATransportError() throws IOException {
        byte[] body = OK.getBytes(StandardCharsets.UTF_8);
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml", "Content-Length: " + (body.length + 1000)));
            out.write(body);
        })) {
            TransportException e = assertThrows(TransportException.class, () -> call(server, ClientOptions.defaults()));
            assertEquals("transport-error", e.code());
        }
    }

    @Test
    void aBrokenChunkedEncodingIsATransportError() throws IOException {
        try (RawServer server = new RawServer(out -> {
            out.write(headers("200 OK", "Content-Type: text/xml", "Transfer-Encoding: chunked"));
            out.write("zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            TransportException e = assertThrows(TransportException.class, () -> call(server, ClientOptions.defaults()));
            assertEquals("transport-error", e.code());
        }
    }

    @Test
    void theXmlLimitsOfTheOptionsHoldTheResponseAndKeepTheirCode() throws IOException {
        try (RawServer server = new RawServer(fixed("text/xml", OK.getBytes(StandardCharsets.UTF_8)))) {
            ResponseFormatException e = assertThrows(ResponseFormatException.class,
                    () -> call(server, ClientOptions.defaults().withXmlLimits(XmlLimits.DEFAULTS.withMaxDepth(2))));
            assertEquals("depth-limit", e.code());
            assertTrue(e.getCause() instanceof XmlParseException);
        }
    }
}
