package io.ecgrid.soap.runtime;

/**
 * How a value is written. {@link #DEFAULT}: namespace-qualified and compact.
 *
 * @param qualified false writes no namespace declarations (as documentation pages print XML)
 * @param indent null for compact output, else each element on its own line, children indented by it
 */
public record EncodeOptions(boolean qualified, String indent) {
    /** Namespace-qualified and compact. */
    public static final EncodeOptions DEFAULT = new EncodeOptions(true, null);

    /**
     * These options, qualified or not.
     *
     * @param value false for XML without namespaces
     * @return a changed copy
     */
    public EncodeOptions withQualified(boolean value) {
        return new EncodeOptions(value, indent);
    }

    /**
     * These options with another indent.
     *
     * @param value the indent string, null for compact output
     * @return a changed copy
     */
    public EncodeOptions withIndent(String value) {
        return new EncodeOptions(qualified, value);
    }
}
