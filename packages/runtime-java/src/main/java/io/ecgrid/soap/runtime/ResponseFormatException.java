package io.ecgrid.soap.runtime;

/**
 * A successful HTTP response whose body is not a usable SOAP envelope: empty, not XML, not an
 * envelope. The cause is the parse or envelope error.
 */
public class ResponseFormatException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String bodyExcerpt;

    public ResponseFormatException(int status, String reason, String bodyExcerpt, Throwable cause) {
        super("invalid-response", "invalid SOAP response (HTTP " + status + "): " + reason, cause);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    public int status() {
        return status;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
