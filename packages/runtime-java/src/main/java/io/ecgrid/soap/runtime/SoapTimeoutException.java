package io.ecgrid.soap.runtime;

import java.time.Duration;

/** The call took longer than its timeout ({@link ClientOptions#withTimeout}); the request was abandoned. */
public class SoapTimeoutException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public SoapTimeoutException(Duration timeout, String url, Throwable cause) {
        super("timeout", "request to " + url + " timed out after " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
