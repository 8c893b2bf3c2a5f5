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

    private ClientOptions(URI endpoint, SoapVersion soapVersion, Duration timeout, Map<String, String> headers,
            HttpClient httpClient, boolean pretty) {
        this.endpoint = endpoint;
        this.soapVersion = soapVersion;
        this.timeout = timeout;
        this.headers = headers;
        this.httpClient = httpClient;
        this.pretty = pretty;
    }

    /**
     * SOAP 1.1 to the WSDL's endpoint, 60 s timeout, requests indented like the WSDL examples.
     *
     * @return the default options
     */
    public static ClientOptions defaults() {
        return new ClientOptions(null, SoapVersion.SOAP_11, DEFAULT_TIMEOUT, Map.of(), null, true);
    }

    /**
     * The URL to call instead of the WSDL's address.
     *
     * @param value the endpoint
     * @return a changed copy
     */
    public ClientOptions withEndpoint(URI value) {
        return new ClientOptions(Objects.requireNonNull(value, "endpoint"), soapVersion, timeout, headers, httpClient, pretty);
    }

    /**
     * The SOAP version of the calls (and so the WSDL address used, unless an endpoint is set).
     *
     * @param value {@link SoapVersion#SOAP_11} or {@link SoapVersion#SOAP_12}
     * @return a changed copy
     */
    public ClientOptions withSoapVersion(SoapVersion value) {
        return new ClientOptions(endpoint, Objects.requireNonNull(value, "soapVersion"), timeout, headers, httpClient, pretty);
    }

    /**
     * The time allowed for a whole call; a longer one fails with {@link SoapTimeoutException}.
     *
     * @param value a positive duration
     * @return a changed copy
     * @throws IllegalArgumentException when the duration is zero or negative
     */
    public ClientOptions withTimeout(Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new ClientOptions(endpoint, soapVersion, value, headers, httpClient, pretty);
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
        return new ClientOptions(endpoint, soapVersion, timeout, Map.copyOf(copy), httpClient, pretty);
    }

    /**
     * The HTTP client to use (proxies, TLS, executors); by default one is made per port.
     *
     * @param value the client
     * @return a changed copy
     */
    public ClientOptions withHttpClient(HttpClient value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, Objects.requireNonNull(value, "httpClient"), pretty);
    }

    /**
     * Whether requests are indented like the WSDL's examples; false sends them without whitespace between elements.
     *
     * @param value true for indented requests
     * @return a changed copy
     */
    public ClientOptions withPretty(boolean value) {
        return new ClientOptions(endpoint, soapVersion, timeout, headers, httpClient, value);
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
     * @return the client, or null for a client of the port's own
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
}
