package io.ecgrid.soap.runtime;

/**
 * The service answered with an HTTP error status and a body that is not a SOAP Fault (an HTML
 * error page, a proxy's answer). The excerpt is the start of the body, secrets redacted.
 */
public class HttpStatusException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String contentType;
    private final String bodyExcerpt;

    public HttpStatusException(int status, String contentType, String bodyExcerpt, String url) {
        super("http-error", "HTTP " + status + " from " + url);
        this.status = status;
        this.contentType = contentType;
        this.bodyExcerpt = bodyExcerpt;
    }

    public int status() {
        return status;
    }

    /** The response's Content-Type ({@code ""} when absent). */
    public String contentType() {
        return contentType;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
