package io.ecgrid.soap.runtime;

/**
 * Base of every error this package throws: a stable {@link #code()} to switch on (such as
 * {@code unknown-enum-value}, {@code http-error}, {@code timeout}) and a readable message.
 * Unchecked, like JAX-WS's {@code WebServiceException}.
 */
public class SoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public SoapException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SoapException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What went wrong, as a stable string. */
    public String code() {
        return code;
    }
}
