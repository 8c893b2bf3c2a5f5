package io.ecgrid.soap.runtime;

/**
 * The text is not (acceptable) XML: not well-formed, or it has a DOCTYPE ({@code doctype-refused}:
 * DTDs and entity declarations are never processed). {@link #line()} and {@link #column()} are
 * 1-based and also lead the message.
 */
public class XmlParseException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** 1-based line. */
    private final int line;
    /** 1-based column. */
    private final int column;

    /**
     * A document that is not (acceptable) XML.
     *
     * @param code {@code not-well-formed}, {@code doctype-refused}, {@code depth-limit}, {@code size-limit}, ...
     * @param detail what is wrong
     * @param line the 1-based line
     * @param column the 1-based column
     */
    public XmlParseException(String code, String detail, int line, int column) {
        super(code, line + ":" + column + ": " + detail);
        this.line = line;
        this.column = column;
    }

    /**
     * Where the problem is.
     *
     * @return the 1-based line
     */
    public int line() {
        return line;
    }

    /**
     * Where the problem is on its line.
     *
     * @return the 1-based column
     */
    public int column() {
        return column;
    }
}
