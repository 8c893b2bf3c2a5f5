package io.ecgrid.soap.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one call, passed as the last argument of a port method: a timeout of its own and
 * extra HTTP headers. Immutable; each {@code with...} returns a changed copy:
 * {@code port.KeySet(sessionID, 1, KeyVisibility.SHARED, CallOptions.timeout(Duration.ofSeconds(5)))}.
 */
public final class CallOptions {
    /** No timeout of its own (the client's {@link ClientOptions#timeout()}) and no extra header. */
    public static final CallOptions DEFAULT = new CallOptions(null, Map.of());

    private final Duration timeout;
    private final Map<String, String> headers;

    private CallOptions(Duration timeout, Map<String, String> headers) {
        this.timeout = timeout;
        this.headers = headers;
    }

    /**
     * Options with a timeout for the call.
     *
     * @param value a positive duration
     * @return the options
     * @throws ClientUsageException ({@code invalid-option}) when the duration is zero or negative
     */
    public static CallOptions timeout(Duration value) {
        return DEFAULT.withTimeout(value);
    }

    /**
     * The time allowed for this call instead of the client's: one deadline for connecting, sending
     * the request, the response's headers and its whole body; a longer call fails with
     * {@link SoapTimeoutException}, whose {@link SoapTimeoutException#timeout()} is this one.
     *
     * @param value a positive duration
     * @return a changed copy
     * @throws ClientUsageException ({@code invalid-option}) when the duration is zero or negative
     */
    public CallOptions withTimeout(Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ClientUsageException("invalid-option", "timeout must be positive");
        }
        return new CallOptions(value, headers);
    }

    /**
     * An extra HTTP header on this call, after the client's (it may replace them and the SOAP ones).
     *
     * @param name the header's name
     * @param value its value
     * @return a changed copy
     */
    public CallOptions withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new CallOptions(timeout, Map.copyOf(copy));
    }

    /**
     * The call's own timeout.
     *
     * @return the timeout, or null for the client's
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The call's extra HTTP headers.
     *
     * @return the headers, unmodifiable
     */
    public Map<String, String> headers() {
        return headers;
    }
}
