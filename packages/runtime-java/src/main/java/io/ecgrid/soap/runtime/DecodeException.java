package io.ecgrid.soap.runtime;

/**
 * A received document does not match the schema. {@link #path()} says where, from the type's
 * schema name ({@code KeyIDInfo.Visibility}, {@code KeyListResult.KeyValue[3].Key}); the codes are
 * those of the TypeScript runtime ({@code unknown-enum-value}, {@code missing-element},
 * {@code unexpected-element}, {@code invalid-value}, {@code out-of-range}, ...).
 */
public class DecodeException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;
    private final int line;
    private final int column;

    public DecodeException(String code, String path, String detail, int line, int column) {
        super(code, path + ": " + detail + (line > 0 ? " (at " + line + ":" + column + ")" : ""));
        this.path = path;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String detail() {
        return detail;
    }

    /** 1-based line of the offending element, 0 when unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
