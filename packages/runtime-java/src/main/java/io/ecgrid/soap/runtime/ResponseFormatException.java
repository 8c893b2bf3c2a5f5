package io.ecgrid.soap.runtime;

/**
 * A successful HTTP response whose body is not a usable SOAP envelope: empty, bytes that are not
 * valid in its charset, content-encoded though no encoding was asked for, not XML, past an XML
 * limit, not an envelope. The cause is the parse or envelope error.
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
        this("invalid-response", status, reason, bodyExcerpt, cause);
    }

    /**
     * An unusable successful answer with a code of its own: {@code invalid-response}, or the
     * XML reader's {@code size-limit} or {@code depth-limit} when the body passed one of the
     * {@link XmlLimits}.
     *
     * @param code what went wrong, as a stable string
     * @param status the HTTP status
     * @param reason why the body is not usable
     * @param bodyExcerpt the start of the body, secrets redacted
     * @param cause the parse or envelope error, or null
     */
    public ResponseFormatException(String code, int status, String reason, String bodyExcerpt, Throwable cause) {
        super(code, "invalid SOAP response (HTTP " + status + "): " + reason, cause);
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
