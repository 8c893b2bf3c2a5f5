package io.ecgrid.soap.runtime;

/**
 * The text is not (acceptable) XML: not well-formed, or it has a DOCTYPE ({@code doctype-refused}:
 * DTDs and entity declarations are never processed). {@link #line()} and {@link #column()} are
 * 1-based and also lead the message.
 */
public class XmlParseException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public XmlParseException(String code, String detail, int line, int column) {
        super(code, line + ":" + column + ": " + detail);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
