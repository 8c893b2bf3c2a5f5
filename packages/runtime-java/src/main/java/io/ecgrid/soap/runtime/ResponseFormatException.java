package io.ecgrid.soap.runtime;

/**
 * A successful HTTP response whose body is not a usable SOAP envelope: empty, not XML, not an
 * envelope. The cause is the parse or envelope error.
 */
public class ResponseFormatException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The start of the body, secrets redacted. */
    private final String bodyExcerpt;

    /**
     * An unusable successful answer.
     *
     * @param status the HTTP status
     * @param reason why the body is not usable
     * @param bodyExcerpt the start of the body, secrets redacted
     * @param cause the parse or envelope error, or null
     */
    public ResponseFormatException(int status, String reason, String bodyExcerpt, Throwable cause) {
        super("invalid-response", "invalid SOAP response (HTTP " + status + "): " + reason, cause);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The start of the response body, secrets redacted.
     *
     * @return the excerpt
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
