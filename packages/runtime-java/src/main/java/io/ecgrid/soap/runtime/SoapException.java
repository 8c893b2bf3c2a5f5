package io.ecgrid.soap.runtime;

/**
 * Base of every error this package throws: a stable {@link #code()} to switch on (such as
 * {@code unknown-enum-value}, {@code http-error}, {@code timeout}, {@code size-limit}) and a
 * readable message of at most 2,000 characters whatever the input (names and values quoted from a
 * document are cut to 100). Unchecked, like JAX-WS's {@code WebServiceException}. Every failure
 * of reading, decoding or transport is one of these; no platform exception escapes a call.
 */
public class SoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as a stable string. */
    private final String code;

    /**
     * An error with a code.
     *
     * @param code what went wrong, as a stable string
     * @param message a readable message
     */
    public SoapException(String code, String message) {
        super(Show.bound(message));
        this.code = boundCode(code);
    }

    /**
     * An error with a code and a cause.
     *
     * @param code what went wrong, as a stable string
     * @param message a readable message
     * @param cause what caused it
     */
    public SoapException(String code, String message, Throwable cause) {
        super(Show.bound(message), cause);
        this.code = boundCode(code);
    }

    /** A code from a document (a fault code as written) cut like a quoted name. */
    private static String boundCode(String code) {
        return code == null ? "" : Show.excerpt(code);
    }

    /**
     * What went wrong, as a stable string.
     *
     * @return the code, such as {@code unknown-enum-value} or {@code http-error}
     */
    public String code() {
        return code;
    }

    /**
     * The {@code SoapException} behind a failure of an asynchronous call: {@code t} itself, or the
     * first one in its chain of causes, which {@code CompletableFuture.join()} wraps in a
     * {@code CompletionException} and {@code get()} in an {@code ExecutionException}.
     *
     * @param t what a future failed with
     * @return the SoapException, or null when the chain holds none (a cancellation, a bug)
     */
    public static SoapException unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SoapException soap) {
                return soap;
            }
        }
        return null;
    }
}
