package io.ecgrid.soap.runtime;

/**
 * The client was used wrongly, found before anything is sent: no endpoint for the chosen SOAP
 * version ({@code no-endpoint}), an endpoint that is not an absolute {@code http:} or
 * {@code https:} URL, a timeout that is not positive, a response-size limit out of range
 * ({@code invalid-option}). The message never repeats the URL, which may hold credentials.
 */
public class ClientUsageException extends SoapException {
    private static final long serialVersionUID = 1L;

    /**
     * A usage error.
     *
     * @param code {@code no-endpoint} or {@code invalid-option}
     * @param message what is wrong
     */
    public ClientUsageException(String code, String message) {
        super(code, message);
    }
}
