package io.ecgrid.soap.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transport of a port: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it
 * with {@code java.net.http}, and decodes the response or turns it into a typed error. It never
 * retries. Secret input values are redacted from every error it throws. A generated service makes
 * one per port.
 */
public final class SoapClient {
    /** Characters of a response body kept in errors. */
    private static final int EXCERPT_LENGTH = 500;
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    private final URI endpoint;
    private final ClientOptions options;
    private final HttpClient http;

    /**
     * A client for one service and SOAP version.
     *
     * @param options the caller's options; their endpoint, when set, wins over the WSDL's
     * @param soap11Endpoint the WSDL's SOAP 1.1 address, or null
     * @param soap12Endpoint the WSDL's SOAP 1.2 address, or null
     * @param serviceName the service's name, for the error when the version has no address
     * @throws IllegalArgumentException when there is no address for the SOAP version
     */
    public SoapClient(ClientOptions options, String soap11Endpoint, String soap12Endpoint, String serviceName) {
        this.options = options;
        URI chosen = options.endpoint();
        if (chosen == null) {
            String address = options.soapVersion() == SoapVersion.SOAP_12 ? soap12Endpoint : soap11Endpoint;
            if (address == null || address.isEmpty()) {
                throw new IllegalArgumentException("service " + serviceName + " has no SOAP " + options.soapVersion().number()
                        + " endpoint; pass one with ClientOptions.withEndpoint");
            }
            chosen = URI.create(address);
        }
        this.endpoint = chosen;
        this.http = options.httpClient() != null ? options.httpClient()
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI endpoint() {
        return endpoint;
    }

    SoapVersion soapVersion() {
        return options.soapVersion();
    }

    /**
     * Calls an operation: sends {@code input} as the request element and returns the decoded
     * response element (null for a one-way operation, {@code output} null).
     *
     * @param <I> the request element's Java type
     * @param <O> the response element's Java type
     * @param soapAction the operation's SOAP action
     * @param input the request element
     * @param value the request
     * @param output the response element, null for a one-way operation
     * @param secrets input values redacted from every error ({@link Show#secrets})
     * @return the decoded response element, or null
     * @throws SoapException or a subclass: a fault, an HTTP error, a timeout, an undecodable response
     */
    public <I, O> O call(String soapAction, Root<I> input, I value, Root<O> output, List<String> secrets) {
        return call(soapAction, input, value, output, secrets, List.of());
    }

    /**
     * Calls an operation with SOAP header blocks: those with a value are written into
     * {@code soap:Header}, in the order given (the operation's declaration order).
     *
     * @param <I> the request element's Java type
     * @param <O> the response element's Java type
     * @param soapAction the operation's SOAP action
     * @param input the request element
     * @param value the request
     * @param output the response element, null for a one-way operation
     * @param secrets input values redacted from every error ({@link Show#secrets})
     * @param headers the header blocks; no {@code soap:Header} when none has a value
     * @return the decoded response element, or null
     * @throws SoapException or a subclass: a fault, an HTTP error, a timeout, an undecodable response
     */
    public <I, O> O call(String soapAction, Root<I> input, I value, Root<O> output, List<String> secrets, List<SoapHeader<?>> headers) {
        return call(soapAction, input, value, output, secrets, headers, false);
    }

    /**
     * Calls an operation, rpc/encoded when {@code encoded} is true: every simple-typed element of
     * the request then carries {@code xsi:type} naming its type.
     *
     * @param <I> the request element's Java type
     * @param <O> the response element's Java type
     * @param soapAction the operation's SOAP action
     * @param input the request element
     * @param value the request
     * @param output the response element, null for a one-way operation
     * @param secrets input values redacted from every error ({@link Show#secrets})
     * @param headers the header blocks; no {@code soap:Header} when none has a value
     * @param encoded true for an rpc/encoded operation
     * @return the decoded response element, or null
     * @throws SoapException or a subclass: a fault, an HTTP error, a timeout, an undecodable response
     */
    public <I, O> O call(String soapAction, Root<I> input, I value, Root<O> output, List<String> secrets, List<SoapHeader<?>> headers,
            boolean encoded) {
        try {
            SoapVersion version = options.soapVersion();
            String indent = options.pretty() ? "  " : null;
            EncodeOptions encodeOptions = EncodeOptions.DEFAULT.withIndent(indent).withXsiTypes(encoded);
            List<String> blocks = new java.util.ArrayList<>();
            for (SoapHeader<?> h : headers) {
                String block = h.encode(version, encodeOptions);
                if (block != null) {
                    blocks.add(block);
                }
            }
            String body = SoapEnvelope.encodeRequest(version, blocks.isEmpty() ? null : blocks, input, value, encodeOptions);
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(options.timeout())
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (version == SoapVersion.SOAP_11) {
                request.header("Content-Type", "text/xml; charset=utf-8");
                request.header("SOAPAction", "\"" + soapAction + "\"");
            } else {
                request.header("Content-Type", "application/soap+xml; charset=utf-8"
                        + (soapAction.isEmpty() ? "" : "; action=\"" + soapAction + "\""));
            }
            for (Map.Entry<String, String> h : options.headers().entrySet()) {
                request.setHeader(h.getKey(), h.getValue());
            }
            HttpResponse<LimitedBody.Bytes> response = send(request.build());
            return decodeResponse(response, output, secrets);
        } catch (SoapFaultException fault) {
            throw redactFault(fault, secrets);
        } catch (DecodeException e) {
            if (secrets.isEmpty()) {
                throw e;
            }
            throw new DecodeException(e.code(), e.path(), Show.redact(e.detail(), secrets), e.line(), e.column());
        } catch (StackOverflowError e) {
            // The limits keep every recursion shallow; should one still run deep, the caller gets our error.
            throw new SoapException("depth-limit", "the response is nested too deeply to be read", e);
        } catch (OutOfMemoryError e) {
            throw new SoapException("size-limit", "the response does not fit in memory (see ClientOptions.withMaxResponseBytes)", e);
        }
    }

    /** A URL for messages: no credentials, query or fragment. */
    private String displayUrl() {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority().replaceAll("^[^@]*@", "") + endpoint.getRawPath();
    }

    /** Sends the request and reads the whole response, headers and body, within the one deadline of the call. */
    private HttpResponse<LimitedBody.Bytes> send(HttpRequest request) {
        LimitedBody.Handler handler = new LimitedBody.Handler(options.maxResponseBytes());
        CompletableFuture<HttpResponse<LimitedBody.Bytes>> exchange;
        try {
            exchange = http.sendAsync(request, handler);
        } catch (RuntimeException e) {
            throw new TransportException(displayUrl(), detailOf(e), e);
        }
        try {
            return exchange.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handler.cancel();
            exchange.cancel(true);
            throw new SoapTimeoutException(options.timeout(), displayUrl(), e);
        } catch (ExecutionException e) {
            handler.cancel();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof LimitedBody.TooLarge large) {
                    throw new ResponseTooLargeException(large.status, displayUrl(), large.declared, options.maxResponseBytes());
                }
                if (t instanceof LimitedBody.Encoded encoded) {
                    throw new ResponseFormatException(encoded.status, "the body is content-encoded (" + Show.excerpt(encoded.encoding)
                            + ") though no encoding was asked for; it is not decompressed", "", null);
                }
                if (t instanceof HttpTimeoutException) {
                    throw new SoapTimeoutException(options.timeout(), displayUrl(), t);
                }
            }
            throw new TransportException(displayUrl(), detailOf(cause), cause);
        } catch (InterruptedException e) {
            handler.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException(displayUrl(), "interrupted", e);
        }
    }

    private static String detailOf(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : Show.excerpt(cause.getMessage());
    }

    /**
     * The charset of a body: its byte order mark's when it has one (UTF-8, UTF-16LE, UTF-16BE),
     * else the Content-Type's, else UTF-8.
     */
    static Charset charsetOf(byte[] bytes, int length, String contentType) {
        if (length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The body as text, strictly: bytes that are not valid in its charset ({@link #charsetOf}) are
     * an error, never U+FFFD; a byte order mark is dropped. The bytes are checked first through a
     * small window (so a large body is not held twice as characters), then turned into a string.
     *
     * @throws CharacterCodingException when a byte sequence is not valid in the charset
     */
    static String bodyText(byte[] bytes, int length, String contentType) throws CharacterCodingException {
        Charset charset = charsetOf(bytes, length, contentType);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer window = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, window, true);
            if (result.isError()) {
                throw new InvalidBody("the body is not valid " + charset.name() + ": an invalid byte sequence at byte " + in.position());
            }
            if (result.isUnderflow()) {
                break;
            }
            window.clear();
        }
        while (decoder.flush(window).isOverflow()) {
            window.clear();
        }
        String text = new String(bytes, 0, length, charset);
        return !text.isEmpty() && text.charAt(0) == '\ufeff' ? text.substring(1) : text;
    }

    /** Bytes that are not valid in the body's charset. */
    static final class InvalidBody extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final String message;

        InvalidBody(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    private static String excerpt(String body, List<String> secrets) {
        String clean = Show.redact(body, secrets);
        return clean.length() > EXCERPT_LENGTH ? clean.substring(0, EXCERPT_LENGTH) + "\u2026" : clean;
    }

    private <O> O decodeResponse(HttpResponse<LimitedBody.Bytes> response, Root<O> output, List<String> secrets) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean ok = status >= 200 && status < 300;
        String body;
        try {
            // The bytes are let go of once they are text: a large body is not held twice while it is parsed.
            body = bodyText(response.body().take(), response.body().length(), contentType);
        } catch (CharacterCodingException e) {
            if (!ok) {
                throw new HttpStatusException(status, contentType, "", displayUrl());
            }
            throw new ResponseFormatException(status, e.getMessage(), "", null);
        }
        Function<Throwable, ResponseFormatException> formatError = cause -> new ResponseFormatException(
                cause instanceof XmlParseException x && (x.code().equals("size-limit") || x.code().equals("depth-limit")) ? x.code()
                        : "invalid-response",
                status, Show.redact(cause == null ? "empty body" : cause.getMessage(), secrets), excerpt(body, secrets), cause);
        if (body.isBlank()) {
            if (!ok) {
                throw new HttpStatusException(status, contentType, "", displayUrl());
            }
            if (output == null) {
                return null;
            }
            throw formatError.apply(null);
        }
        if (ok && output != null) {
            // Straight from the reader when the response allows (StreamDecoder); else the tree path below decides.
            Object fast = StreamDecoder.tryDecode(body, options.xmlLimits(), output);
            if (fast != StreamDecoder.FALLBACK) {
                @SuppressWarnings("unchecked")
                O value = (O) fast;
                return value;
            }
        }
        SoapEnvelope envelope;
        try {
            envelope = SoapEnvelope.decode(body, options.xmlLimits());
        } catch (SoapFaultException fault) {
            // A Fault is the answer whatever the status (ASMX sends them with 500, some servers 200).
            throw fault;
        } catch (SoapException e) {
            if (!ok) {
                throw new HttpStatusException(status, contentType, excerpt(body, secrets), displayUrl());
            }
            if (output == null && e instanceof EnvelopeException && e.code().equals("empty-body")) {
                return null;
            }
            throw formatError.apply(e);
        }
        if (!ok) {
            throw new HttpStatusException(status, contentType, excerpt(body, secrets), displayUrl());
        }
        if (output == null) {
            return null;
        }
        return output.decode(envelope.body(), DecodeOptions.STRICT);
    }

    private static SoapFaultException redactFault(SoapFaultException fault, List<String> secrets) {
        if (secrets.isEmpty()) {
            return fault;
        }
        return new SoapFaultException(fault.version(), fault.faultCode(), fault.codeNamespace(), fault.codeLocalName(),
                Show.redact(fault.reason(), secrets), Show.redact(fault.actor(), secrets), Show.redact(fault.node(), secrets),
                fault.subcodes(), Show.redact(fault.detail(), secrets));
    }
}
