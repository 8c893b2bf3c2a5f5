package io.ecgrid.soap.runtime;

/**
 * How a document is read. {@link #STRICT} (the default) matches elements by namespace and local
 * name; {@link #IGNORE_NAMESPACES} by local name only, for the unqualified XML documentation
 * pages print.
 */
public record DecodeOptions(boolean ignoreNamespaces) {
    public static final DecodeOptions STRICT = new DecodeOptions(false);
    public static final DecodeOptions IGNORE_NAMESPACES = new DecodeOptions(true);
}
