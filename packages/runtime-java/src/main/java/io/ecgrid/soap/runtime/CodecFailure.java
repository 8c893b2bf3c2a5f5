package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The codec's internal failure: cheap (no stack trace), it collects its path segments as it
 * propagates out of nested values, and the entry points turn it into a {@link DecodeException}
 * or {@link EncodeException} with the full path.
 */
final class CodecFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;
    final String detail;
    final int line;
    final int column;
    /** Path segments, innermost first ({@code .Key}, {@code [3]}, ...). */
    private final transient List<String> segments = new ArrayList<>();

    private CodecFailure(String code, String detail, int line, int column) {
        super(detail, null, false, false);
        this.code = code;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    static CodecFailure of(String code, String detail) {
        return new CodecFailure(code, detail, 0, 0);
    }

    /** A failure at an element of the parsed document. */
    static CodecFailure at(String code, String detail, XmlElement node) {
        return new CodecFailure(code, detail, node.line(), node.column());
    }

    CodecFailure segment(String segment) {
        segments.add(segment);
        return this;
    }

    private String path(String root) {
        StringBuilder path = new StringBuilder(root);
        for (int i = segments.size() - 1; i >= 0; i--) {
            path.append(segments.get(i));
        }
        return path.toString();
    }

    DecodeException toDecode(String root) {
        return new DecodeException(code, path(root), detail, line, column);
    }

    EncodeException toEncode(String root) {
        return new EncodeException(code, path(root), detail);
    }

    /** A received lexical form quoted for a message, cut to a readable length. */
    static String quote(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "\u2026" : text;
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
