package io.ecgrid.soap.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a port calls the service. Immutable; each {@code with...} returns a changed copy:
 * {@code ClientOptions.defaults().withEndpoint(uri).withSoapVersion(SoapVersion.SOAP_12)}.
 */
public final class ClientOptions {
    /** Default largest response body read: 64 MiB (67,108,864 bytes). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    /** Default time allowed for a whole call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Input fields whose values are kept out of errors and toString() (a name contains one, any case). */
    public static final List<String> DEFAULT_SECRET_FIELDS =
            List.of("SessionID", "Password", "APIKey", "ApiKey", "Secret", "Token", "AccessKey");

    private final URI endpoint;
    private final SoapVersion soapVersion;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final HttpClient httpClient;
    private final boolean pretty;
    private final long maxResponseBytes;
    private final XmlLimits xmlLimits;
    private final System.Logger logger;
    private final boolean messageDump;

    /** The logger calls are logged to unless another is given: {@code System.getLogger("io.ecgrid.soap.runtime.SoapClient")}. */
    public static final System.Logger DEFAULT_LOGGER = System.getLogger("io.ecgrid.soap.runtime.SoapClient");

    private ClientOptions(URI endpoint, SoapVersion soapVersion, Duration timeout, Map<String, String> headers,
            HttpClient httpClient, boolean pretty, long maxResponseBytes, XmlLimits xmlLimits, System.Logger logger, boolean messageDump) {
        this.endpoint = endpoint;
        this.soapVersion = soapVersion;
        this.timeout = timeout;
        this.headers = headers;
        this.httpClient = httpClient;
        this.pretty = pretty;
        this.maxResponseBytes = maxResponseBytes;
        this.xmlLimits = xmlLimits;
        this.logger = logger;
        this.messageDump = messageDump;
    }

    /**
     * SOAP 1.1 to the WSDL's endpoint, 60 s timeout, requests indented like the WSDL examples,
     * responses of at most 64 MiB read with the default {@link XmlLimits}.
     *
     * @return the default options
     */
    public static ClientOptions defaults() {
        return new ClientOptions(null, SoapVersion.SOAP_11, DEFAULT_TIMEOUT, Map.of(), null, true, DEFAULT_MAX_RESPONSE_BYTES, XmlLimits.DEFAULTS,
                DEFAULT_LOGGER, false);
    }

    /**
     * The URL to call instead of the WSDL's address.
     *
     * @param value the endpoint, an absolute {@code http:} or {@code https:} URL
     * @return a changed copy
     * @throws ClientUsageException ({@code invalid-option}) when it is not an absolute http: or
     *     https: URL with a host; the message does not repeat it
     */
    public ClientOptions withEndpoint(URI value) {
        return new ClientOptions(SoapClient.checkEndpoint(Objects.requireNonNull(value, "endpoint")), soapVersion, timeout, headers, httpClient, pretty, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * The SOAP version of the calls (and so the WSDL address used, unless an endpoint is set).
     *
     * @param value {@link SoapVersion#SOAP_11} or {@link SoapVersion#SOAP_12}
     * @return a changed copy
     */
    public ClientOptions withSoapVersion(SoapVersion value) {
        return new ClientOptions(endpoint, Objects.requireNonNull(value, "soapVersion"), timeout, headers, httpClient, pretty, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * The time allowed for a whole call, one deadline for connecting, sending the request, the
     * response's headers and its whole body together; a longer call fails with
     * {@link SoapTimeoutException} (code {@code timeout}).
     *
     * @param value a positive duration
     * @return a changed copy
     * @throws ClientUsageException ({@code invalid-option}) when the duration is zero or negative
     */
    public ClientOptions withTimeout(Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ClientUsageException("invalid-option", "timeout must be positive");
        }
        return new ClientOptions(endpoint, soapVersion, value, headers, httpClient, pretty, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * An extra HTTP header on every call (it may replace the SOAP ones).
     *
     * @param name the header's name
     * @param value its value
     * @return a changed copy
     */
    public ClientOptions withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ClientOptions(endpoint, soapVersion, timeout, Map.copyOf(copy), httpClient, pretty, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * The HTTP client to use (proxies, TLS, executors, connect timeout); by default a service
     * object makes one, which all its ports share. The client is not closed by the SDK.
     *
     * @param value the client
     * @return a changed copy
     */
    public ClientOptions withHttpClient(HttpClient value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, Objects.requireNonNull(value, "httpClient"), pretty, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * Whether requests are indented like the WSDL's examples; false sends them without whitespace between elements.
     *
     * @param value true for indented requests
     * @return a changed copy
     */
    public ClientOptions withPretty(boolean value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, value, maxResponseBytes, xmlLimits, logger, messageDump);
    }

    /**
     * The largest response body read: a longer one (by its Content-Length, or as it streams in)
     * fails with {@link ResponseTooLargeException} (code {@code size-limit}) as soon as it passes
     * the limit, without reading the rest.
     *
     * @param value a positive number of bytes
     * @return a changed copy
     * @throws ClientUsageException ({@code invalid-option}) when the value is not positive or not below 2 GiB
     */
    public ClientOptions withMaxResponseBytes(long value) {
        if (value <= 0 || value >= Integer.MAX_VALUE) {
            throw new ClientUsageException("invalid-option", "maxResponseBytes must be positive and below 2 GiB");
        }
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, pretty, value, xmlLimits, logger, messageDump);
    }

    /**
     * The limits the response's XML is read with (depth, names, attributes, namespaces, values).
     *
     * @param value the limits
     * @return a changed copy
     */
    public ClientOptions withXmlLimits(XmlLimits value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, pretty, maxResponseBytes,
                Objects.requireNonNull(value, "xmlLimits"), logger, messageDump);
    }

    /**
     * The URL to call.
     *
     * @return the endpoint, or null for the WSDL's address for the SOAP version
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The SOAP version of the calls.
     *
     * @return the version
     */
    public SoapVersion soapVersion() {
        return soapVersion;
    }

    /**
     * The time allowed for a whole call.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The extra HTTP headers of every call.
     *
     * @return the headers, unmodifiable
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The HTTP client to use.
     *
     * @return the client, or null for one the service object makes
     */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * Whether requests are indented.
     *
     * @return true for indented requests
     */
    public boolean pretty() {
        return pretty;
    }

    /**
     * The largest response body read.
     *
     * @return the number of bytes, 64 MiB by default
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * The limits the response's XML is read with.
     *
     * @return the limits, {@link XmlLimits#DEFAULTS} by default
     */
    public XmlLimits xmlLimits() {
        return xmlLimits;
    }

    /**
     * The logger each exchange is logged to at {@code DEBUG}: operation, endpoint, HTTP status (or
     * error code) and duration, such as {@code KeySet POST http://127.0.0.1:8080/x: 200 in 12 ms}.
     * By default {@link #DEFAULT_LOGGER}, which the JDK routes to {@code java.util.logging} (or to
     * the {@code System.LoggerFinder} installed, such as SLF4J's); nothing is built unless
     * {@code DEBUG} is enabled.
     *
     * @param value the logger
     * @return a changed copy
     */
    public ClientOptions withLogger(System.Logger value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, pretty, maxResponseBytes, xmlLimits,
                Objects.requireNonNull(value, "logger"), messageDump);
    }

    /**
     * Whether the request and response bodies are logged too, at {@code DEBUG}, with the values of
     * secret input fields redacted (other values, such as names and addresses, are not). Off by
     * default.
     *
     * @param value true to log the bodies
     * @return a changed copy
     */
    public ClientOptions withMessageDump(boolean value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, pretty, maxResponseBytes, xmlLimits, logger, value);
    }

    /**
     * The logger exchanges are logged to.
     *
     * @return the logger, {@link #DEFAULT_LOGGER} by default
     */
    public System.Logger logger() {
        return logger;
    }

    /**
     * Whether request and response bodies are logged.
     *
     * @return true when they are
     */
    public boolean messageDump() {
        return messageDump;
    }
}
