package io.ecgrid.soap.runtime;

/**
 * The response body is longer than {@link ClientOptions#maxResponseBytes()}: by its
 * Content-Length, or counted as it streamed in. Reading stopped at the limit; the rest was never
 * read. Code {@code size-limit}.
 */
public class ResponseTooLargeException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The limit passed. */
    private final long limit;

    /**
     * A body past the limit.
     *
     * @param status the HTTP status
     * @param url the URL called, without credentials, query or fragment
     * @param declared the Content-Length, or -1 when the body passed the limit as it streamed in
     * @param limit the limit, in bytes
     */
    public ResponseTooLargeException(int status, String url, long declared, long limit) {
        super("size-limit", "the response from " + url + " (HTTP " + status + ") is "
                + (declared >= 0 ? declared + " bytes long" : "longer than the limit") + ": more than maxResponseBytes, " + limit);
        this.status = status;
        this.limit = limit;
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
     * The limit the body passed.
     *
     * @return the number of bytes
     */
    public long limit() {
        return limit;
    }
}
