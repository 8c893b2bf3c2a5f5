package io.ecgrid.soap.runtime;

/**
 * How a value is written. {@link #DEFAULT}: namespace-qualified and compact. {@code qualified}
 * false writes no namespace declarations (as documentation pages print XML); {@code indent}
 * (null for none) puts each element on its own line, children indented by it.
 */
public record EncodeOptions(boolean qualified, String indent) {
    public static final EncodeOptions DEFAULT = new EncodeOptions(true, null);

    public EncodeOptions withQualified(boolean value) {
        return new EncodeOptions(value, indent);
    }

    public EncodeOptions withIndent(String value) {
        return new EncodeOptions(qualified, value);
    }
}
