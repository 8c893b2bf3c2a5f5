package io.ecgrid.soap.runtime;

/** The request could not be sent or the response not received (refused, reset, DNS, TLS, interrupted). */
public class TransportException extends SoapException {
    private static final long serialVersionUID = 1L;

    /**
     * A failed exchange.
     *
     * @param url the URL called, without credentials, query or fragment
     * @param detail what failed
     * @param cause the HTTP client's error
     */
    public TransportException(String url, String detail, Throwable cause) {
        super("transport-error", "request to " + url + " failed: " + detail, cause);
    }
}
