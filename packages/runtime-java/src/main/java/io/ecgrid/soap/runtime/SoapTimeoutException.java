package io.ecgrid.soap.runtime;

import java.time.Duration;

/**
 * The call took longer than its timeout ({@link ClientOptions#withTimeout}, or the call's own
 * {@link CallOptions#withTimeout}); the request was abandoned. {@link #timeout()} and the message
 * give the timeout that fired.
 */
public class SoapTimeoutException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The time the call was allowed. */
    private final Duration timeout;

    /**
     * A call that took too long.
     *
     * @param timeout the time the call was allowed
     * @param url the URL called, without credentials, query or fragment
     * @param cause the timeout the HTTP client reported
     */
    public SoapTimeoutException(Duration timeout, String url, Throwable cause) {
        super("timeout", "request to " + url + " timed out after " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    /**
     * The timeout that fired: the call's own, else the client's.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
