package io.ecgrid.soap.runtime;

/**
 * A value cannot be written as the schema requires (a required element is null, a list has too
 * many items, a string holds a character XML cannot carry). The message names the path and the
 * problem, never the value: inputs can be secrets.
 */
public class EncodeException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The path of the offending value. */
    private final String path;

    /**
     * An encoding failure.
     *
     * @param code what went wrong ({@code missing-element}, {@code invalid-value}, ...)
     * @param path where, from the type's schema name
     * @param detail what is wrong, never the value
     */
    public EncodeException(String code, String path, String detail) {
        super(code, path + ": " + detail);
        this.path = path;
    }

    /**
     * Where the value does not fit the schema.
     *
     * @return the path, such as {@code KeySet.SessionID}
     */
    public String path() {
        return path;
    }
}
