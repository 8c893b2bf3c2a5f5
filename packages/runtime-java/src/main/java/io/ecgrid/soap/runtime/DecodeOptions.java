package io.ecgrid.soap.runtime;

/**
 * How a document is read. {@link #STRICT} (the default) matches elements by namespace and local
 * name; {@link #IGNORE_NAMESPACES} by local name only, for the unqualified XML documentation
 * pages print.
 *
 * @param ignoreNamespaces true to match elements by local name only
 */
public record DecodeOptions(boolean ignoreNamespaces) {
    /** Elements match by namespace and local name. */
    public static final DecodeOptions STRICT = new DecodeOptions(false);
    /** Elements match by local name only. */
    public static final DecodeOptions IGNORE_NAMESPACES = new DecodeOptions(true);
}
