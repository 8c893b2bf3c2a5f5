package io.ecgrid.soap.runtime;

/**
 * The service answered with an HTTP error status and a body that is not a SOAP Fault (an HTML
 * error page, a proxy's answer). The excerpt is the start of the body, secrets redacted.
 */
public class HttpStatusException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The response's Content-Type. */
    private final String contentType;
    /** The start of the body, secrets redacted. */
    private final String bodyExcerpt;

    /**
     * An HTTP error answer.
     *
     * @param status the HTTP status
     * @param contentType the response's Content-Type ({@code ""} when absent)
     * @param bodyExcerpt the start of the body, secrets redacted
     * @param url the URL called, without credentials, query or fragment
     */
    public HttpStatusException(int status, String contentType, String bodyExcerpt, String url) {
        super("http-error", "HTTP " + status + " from " + url);
        this.status = status;
        this.contentType = contentType;
        this.bodyExcerpt = bodyExcerpt;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status, such as 503
     */
    public int status() {
        return status;
    }

    /**
     * The response's Content-Type.
     *
     * @return the Content-Type, {@code ""} when absent
     */
    public String contentType() {
        return contentType;
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
