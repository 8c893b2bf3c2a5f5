package io.ecgrid.soap.runtime;

/** The request could not be sent or the response not received (refused, reset, DNS, TLS, interrupted). */
public class TransportException extends SoapException {
    private static final long serialVersionUID = 1L;

    public TransportException(String url, String detail, Throwable cause) {
        super("transport-error", "request to " + url + " failed: " + detail, cause);
    }
}
