package io.ecgrid.soap.runtime;

/**
 * A value cannot be written as the schema requires (a required element is null, a list has too
 * many items, a string holds a character XML cannot carry). The message names the path and the
 * problem, never the value: inputs can be secrets.
 */
public class EncodeException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public EncodeException(String code, String path, String detail) {
        super(code, path + ": " + detail);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
