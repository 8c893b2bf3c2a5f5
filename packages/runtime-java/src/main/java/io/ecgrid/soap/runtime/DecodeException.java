package io.ecgrid.soap.runtime;

/**
 * A received document does not match the schema. {@link #path()} says where, from the type's
 * schema name ({@code KeyIDInfo.Visibility}, {@code KeyListResult.KeyValue[3].Key}); the codes are
 * those of the TypeScript runtime ({@code unknown-enum-value}, {@code missing-element},
 * {@code unexpected-element}, {@code invalid-value}, {@code out-of-range}, ...).
 */
public class DecodeException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The path of the offending value. */
    private final String path;
    /** What is wrong, without the path. */
    private final String detail;
    /** 1-based line, 0 when unknown. */
    private final int line;
    /** 1-based column, 0 when unknown. */
    private final int column;

    /**
     * A decoding failure.
     *
     * @param code what went wrong ({@code missing-element}, ...)
     * @param path where, from the type's schema name ({@code KeyIDInfo.Visibility})
     * @param detail what is wrong, without the path
     * @param line 1-based line of the offending element, 0 when unknown
     * @param column 1-based column, 0 when unknown
     */
    public DecodeException(String code, String path, String detail, int line, int column) {
        super(code, path + ": " + detail + (line > 0 ? " (at " + line + ":" + column + ")" : ""));
        this.path = path;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    /**
     * Where the document does not match: the type's schema name, then fields and list indexes.
     *
     * @return the path, such as {@code KeyListResult.KeyValue[3].Key}
     */
    public String path() {
        return path;
    }

    /**
     * What is wrong, without the path.
     *
     * @return the detail
     */
    public String detail() {
        return detail;
    }

    /**
     * The line of the offending element.
     *
     * @return the 1-based line, 0 when unknown
     */
    public int line() {
        return line;
    }

    /**
     * The column of the offending element.
     *
     * @return the 1-based column, 0 when unknown
     */
    public int column() {
        return column;
    }
}
