package io.ecgrid.soap.runtime;

/**
 * Base of every error this package throws: a stable {@link #code()} to switch on (such as
 * {@code unknown-enum-value}, {@code http-error}, {@code timeout}) and a readable message.
 * Unchecked, like JAX-WS's {@code WebServiceException}.
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
        super(message);
        this.code = code;
    }

    /**
     * An error with a code and a cause.
     *
     * @param code what went wrong, as a stable string
     * @param message a readable message
     * @param cause what caused it
     */
    public SoapException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * What went wrong, as a stable string.
     *
     * @return the code, such as {@code unknown-enum-value} or {@code http-error}
     */
    public String code() {
        return code;
    }
}
