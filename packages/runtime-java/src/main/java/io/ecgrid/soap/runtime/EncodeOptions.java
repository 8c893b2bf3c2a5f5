package io.ecgrid.soap.runtime;

/**
 * How a value is written. {@link #DEFAULT}: namespace-qualified and compact.
 *
 * @param qualified false writes no namespace declarations (as documentation pages print XML)
 * @param indent null for compact output, else each element on its own line, children indented by it
 * @param xsiTypes rpc/encoded output: every simple-typed element carries {@code xsi:type} naming its type
 */
public record EncodeOptions(boolean qualified, String indent, boolean xsiTypes) {
    /** Namespace-qualified and compact. */
    public static final EncodeOptions DEFAULT = new EncodeOptions(true, null, false);

    /**
     * Options without {@code xsi:type} on simple-typed elements.
     *
     * @param qualified false writes no namespace declarations
     * @param indent null for compact output
     */
    public EncodeOptions(boolean qualified, String indent) {
        this(qualified, indent, false);
    }

    /**
     * These options, qualified or not.
     *
     * @param value false for XML without namespaces
     * @return a changed copy
     */
    public EncodeOptions withQualified(boolean value) {
        return new EncodeOptions(value, indent, xsiTypes);
    }

    /**
     * These options with another indent.
     *
     * @param value the indent string, null for compact output
     * @return a changed copy
     */
    public EncodeOptions withIndent(String value) {
        return new EncodeOptions(qualified, value, xsiTypes);
    }

    /**
     * These options with or without {@code xsi:type} on simple-typed elements (rpc/encoded).
     *
     * @param value true for rpc/encoded output
     * @return a changed copy
     */
    public EncodeOptions withXsiTypes(boolean value) {
        return new EncodeOptions(qualified, indent, value);
    }
}
