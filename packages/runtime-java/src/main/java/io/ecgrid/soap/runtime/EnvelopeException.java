package io.ecgrid.soap.runtime;

/**
 * A document is not a usable SOAP envelope: {@code not-an-envelope}, {@code version-mismatch},
 * {@code missing-body} or {@code empty-body}.
 */
public class EnvelopeException extends SoapException {
    private static final long serialVersionUID = 1L;

    /**
     * An unusable envelope.
     *
     * @param code {@code not-an-envelope}, {@code version-mismatch}, {@code missing-body} or {@code empty-body}
     * @param message what was found
     */
    public EnvelopeException(String code, String message) {
        super(code, message);
    }
}
