package io.ecgrid.soap.runtime;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The transport of a port: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it
 * with {@code java.net.http}, and decodes the response or turns it into a typed error, blocking
 * ({@code call}) or as a {@code CompletableFuture} ({@code callAsync}). It never retries. Secret
 * input values are redacted from every error it throws and every body it logs. Each exchange is
 * logged at {@code DEBUG} to {@link ClientOptions#logger()}. A generated service makes one per
 * port, all on the service's one {@code HttpClient}.
 */
public final class SoapClient {
    /** Characters of a response body kept in errors. */
    private static final int EXCERPT_LENGTH = 500;
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    private final URI endpoint;
    private final ClientOptions options;
    private final HttpClient http;

    /**
     * A client for one service and SOAP version, on the options' {@code HttpClient}, or else on one
     * of its own ({@link #newHttpClient()}).
     *
     * @param options the caller's options; their endpoint, when set, wins over the WSDL's
     * @param soap11Endpoint the WSDL's SOAP 1.1 address, or null
     * @param soap12Endpoint the WSDL's SOAP 1.2 address, or null
     * @param serviceName the service's name, for the error when the version has no address
     * @throws ClientUsageException when there is no address for the SOAP version ({@code no-endpoint}),
     *     or it is not an absolute http: or https: URL ({@code invalid-option})
     */
    public SoapClient(ClientOptions options, String soap11Endpoint, String soap12Endpoint, String serviceName) {
        this.options = options;
        URI chosen = options.endpoint();
        if (chosen == null) {
            String address = options.soapVersion() == SoapVersion.SOAP_12 ? soap12Endpoint : soap11Endpoint;
            if (address == null || address.isEmpty()) {
                throw new ClientUsageException("no-endpoint", "service " + serviceName + " has no SOAP " + options.soapVersion().number()
                        + " endpoint; pass one with ClientOptions.withEndpoint");
            }
            try {
                chosen = new URI(address);
            } catch (URISyntaxException e) {
                throw new ClientUsageException("invalid-option", "the endpoint must be an absolute http: or https: URL; it does not parse as one");
            }
        }
        this.endpoint = checkEndpoint(chosen);
        this.http = options.httpClient() != null ? options.httpClient() : newHttpClient();
    }

    /**
     * The HTTP client a service object makes when it is given none, and shares between its ports:
     * HTTP/1.1, redirects not followed, no connect timeout of its own (each call's deadline bounds
     * connecting too).
     *
     * @return a new client
     */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The endpoint when it is an absolute http(s) URL with a host; else a usage error that does not repeat it. */
    static URI checkEndpoint(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !uri.isAbsolute()) {
            throw new ClientUsageException("invalid-option", "the endpoint must be an absolute http: or https: URL, not a relative one");
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw new ClientUsageException("invalid-option", "the endpoint must be an absolute http: or https: URL, not a "
                    + Show.excerpt(scheme) + ": URL");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ClientUsageException("invalid-option", "the endpoint must be an absolute http: or https: URL with a host");
        }
        return uri;
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
        return call(input.localName(), soapAction, input, value, output, secrets, headers, encoded, CallOptions.DEFAULT);
    }

    /**
     * Calls an operation with the call's own options (timeout, headers), blocking until the
     * answer is decoded or the deadline passes.
     *
     * @param <I> the request element's Java type
     * @param <O> the response element's Java type
     * @param operation the operation's name, for the log
     * @param soapAction the operation's SOAP action
     * @param input the request element
     * @param value the request
     * @param output the response element, null for a one-way operation
     * @param secrets input values redacted from every error and logged body ({@link Show#secrets})
     * @param headers the header blocks; no {@code soap:Header} when none has a value
     * @param encoded true for an rpc/encoded operation
     * @param call the call's options
     * @return the decoded response element, or null
     * @throws SoapException or a subclass: a fault, an HTTP error, a timeout, an undecodable response
     */
    public <I, O> O call(String operation, String soapAction, Root<I> input, I value, Root<O> output, List<String> secrets,
            List<SoapHeader<?>> headers, boolean encoded, CallOptions call) {
        Duration timeout = call.timeout() != null ? call.timeout() : options.timeout();
        long started = System.nanoTime();
        try {
            HttpRequest request = request(operation, soapAction, input, value, secrets, headers, encoded, call, timeout);
            HttpResponse<LimitedBody.Bytes> response = send(request, timeout);
            O result = decodeResponse(operation, response, output, secrets);
            logExchange(operation, started, Integer.toString(response.statusCode()));
            return result;
        } catch (SoapException e) {
            SoapException clean = redact(e, secrets);
            logExchange(operation, started, "failed: " + clean.getMessage());
            throw clean;
        } catch (StackOverflowError e) {
            // The limits keep every recursion shallow; should one still run deep, the caller gets our error.
            throw new SoapException("depth-limit", "the response is nested too deeply to be read", e);
        } catch (OutOfMemoryError e) {
            throw new SoapException("size-limit", "the response does not fit in memory (see ClientOptions.withMaxResponseBytes)", e);
        }
    }

    /**
     * Calls an operation without blocking, on {@code HttpClient.sendAsync}: the future completes
     * with {@code result} applied to the decoded response element, or exceptionally with the same
     * typed {@link SoapException} the blocking call throws (itself, not wrapped: a stage made from
     * the future sees it wrapped in a {@code CompletionException}, see {@link SoapException#unwrap}).
     * The deadline is the same; cancelling the future abandons the exchange. An input that cannot
     * be encoded fails the future too.
     *
     * @param <I> the request element's Java type
     * @param <O> the response element's Java type
     * @param <R> what the future gives
     * @param operation the operation's name, for the log
     * @param soapAction the operation's SOAP action
     * @param input the request element
     * @param value the request
     * @param output the response element, null for a one-way operation
     * @param secrets input values redacted from every error and logged body ({@link Show#secrets})
     * @param headers the header blocks; no {@code soap:Header} when none has a value
     * @param encoded true for an rpc/encoded operation
     * @param call the call's options
     * @param result what the future gives for the decoded response element (which is null for a one-way operation)
     * @return the future result
     */
    public <I, O, R> CompletableFuture<R> callAsync(String operation, String soapAction, Root<I> input, I value, Root<O> output,
            List<String> secrets, List<SoapHeader<?>> headers, boolean encoded, CallOptions call, Function<? super O, ? extends R> result) {
        CompletableFuture<R> out = new CompletableFuture<>();
        Duration timeout = call.timeout() != null ? call.timeout() : options.timeout();
        long started = System.nanoTime();
        LimitedBody.Handler handler = new LimitedBody.Handler(options.maxResponseBytes());
        CompletableFuture<HttpResponse<LimitedBody.Bytes>> exchange;
        try {
            HttpRequest request = request(operation, soapAction, input, value, secrets, headers, encoded, call, timeout);
            try {
                exchange = http.sendAsync(request, handler);
            } catch (RuntimeException e) {
                throw new TransportException(displayUrl(), describe(e), e);
            }
        } catch (SoapException e) {
            SoapException clean = redact(e, secrets);
            logExchange(operation, started, "failed: " + clean.getMessage());
            out.completeExceptionally(clean);
            return out;
        }
        exchange.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error != null) {
                handler.cancel();
                exchange.cancel(true);
                SoapException e = failure(error, timeout);
                logExchange(operation, started, "failed: " + e.getMessage());
                out.completeExceptionally(e);
                return;
            }
            try {
                O decoded = decodeResponse(operation, response, output, secrets);
                R answer = result.apply(decoded);
                logExchange(operation, started, Integer.toString(response.statusCode()));
                out.complete(answer);
            } catch (SoapException e) {
                SoapException clean = redact(e, secrets);
                logExchange(operation, started, "failed: " + clean.getMessage());
                out.completeExceptionally(clean);
            } catch (StackOverflowError e) {
                out.completeExceptionally(new SoapException("depth-limit", "the response is nested too deeply to be read", e));
            } catch (OutOfMemoryError e) {
                out.completeExceptionally(
                        new SoapException("size-limit", "the response does not fit in memory (see ClientOptions.withMaxResponseBytes)", e));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                handler.cancel();
                exchange.cancel(true);
            }
        });
        return out;
    }

    /** The HTTP request of a call: the envelope (logged when bodies are), the SOAP headers, the client's and the call's headers. */
    private <I> HttpRequest request(String operation, String soapAction, Root<I> input, I value, List<String> secrets,
            List<SoapHeader<?>> headers, boolean encoded, CallOptions call, Duration timeout) {
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
        dump(operation + " request to " + displayUrl(), body, secrets);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
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
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        return request.build();
    }

    /** An error with the secrets taken out of what it quotes from the exchange. */
    private static SoapException redact(SoapException e, List<String> secrets) {
        if (secrets.isEmpty()) {
            return e;
        }
        if (e instanceof SoapFaultException fault) {
            return redactFault(fault, secrets);
        }
        if (e instanceof DecodeException d) {
            return new DecodeException(d.code(), d.path(), Show.redact(d.detail(), secrets), d.line(), d.column());
        }
        return e;
    }

    /** Logs one exchange at DEBUG: operation, endpoint, outcome, duration. */
    private void logExchange(String operation, long started, String outcome) {
        System.Logger logger = options.logger();
        if (logger.isLoggable(System.Logger.Level.DEBUG)) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            logger.log(System.Logger.Level.DEBUG, operation + " POST " + displayUrl() + ": " + outcome + " in " + ms + " ms");
        }
    }

    /** Logs a body at DEBUG, secrets redacted, when the options ask for bodies. */
    private void dump(String what, String body, List<String> secrets) {
        System.Logger logger = options.logger();
        if (options.messageDump() && logger.isLoggable(System.Logger.Level.DEBUG)) {
            logger.log(System.Logger.Level.DEBUG, what + ":\n" + Show.redact(body, secrets));
        }
    }

    /** A URL for messages: no credentials, query or fragment. */
    private String displayUrl() {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority().replaceAll("^[^@]*@", "") + endpoint.getRawPath();
    }

    /** Sends the request and reads the whole response, headers and body, within the one deadline of the call. */
    private HttpResponse<LimitedBody.Bytes> send(HttpRequest request, Duration timeout) {
        LimitedBody.Handler handler = new LimitedBody.Handler(options.maxResponseBytes());
        CompletableFuture<HttpResponse<LimitedBody.Bytes>> exchange;
        try {
            exchange = http.sendAsync(request, handler);
        } catch (RuntimeException e) {
            throw new TransportException(displayUrl(), describe(e), e);
        }
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handler.cancel();
            exchange.cancel(true);
            throw new SoapTimeoutException(timeout, displayUrl(), e);
        } catch (ExecutionException e) {
            handler.cancel();
            throw failure(e, timeout);
        } catch (InterruptedException e) {
            handler.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException(displayUrl(), "interrupted", e);
        }
    }

    /** The typed error for an exchange that failed with {@code error} (wrapped or not). */
    private SoapException failure(Throwable error, Duration timeout) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new SoapTimeoutException(timeout, displayUrl(), cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge large) {
                return new ResponseTooLargeException(large.status, displayUrl(), large.declared, options.maxResponseBytes());
            }
            if (t instanceof LimitedBody.Encoded encoded) {
                return new ResponseFormatException(encoded.status, "the body is content-encoded (" + Show.excerpt(encoded.encoding)
                        + ") though no encoding was asked for; it is not decompressed", "", null);
            }
            if (t instanceof HttpTimeoutException) {
                return new SoapTimeoutException(timeout, displayUrl(), t);
            }
        }
        return new TransportException(displayUrl(), describe(cause), cause);
    }

    /**
     * What failed, in words that tell the causes apart: a DNS failure (the host cannot be
     * resolved), a connection that cannot be made (refused, unreachable), TLS, or else the
     * exception's class and message.
     */
    private String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "the host " + Show.excerpt(endpoint.getHost()) + " could not be resolved (DNS lookup failed: "
                        + t.getClass().getSimpleName() + ")";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "the TLS handshake failed (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + Show.excerpt(t.getMessage())) + ")";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                int port = endpoint.getPort() != -1 ? endpoint.getPort() : endpoint.getScheme().equalsIgnoreCase("https") ? 443 : 80;
                return "no connection could be made to " + Show.excerpt(endpoint.getHost()) + ":" + port
                        + " (refused or unreachable: ConnectException" + (t.getMessage() == null ? "" : ": " + Show.excerpt(t.getMessage())) + ")";
            }
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + Show.excerpt(cause.getMessage()));
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

    private <O> O decodeResponse(String operation, HttpResponse<LimitedBody.Bytes> response, Root<O> output, List<String> secrets) {
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
        dump(operation + " response " + status, body, secrets);
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
