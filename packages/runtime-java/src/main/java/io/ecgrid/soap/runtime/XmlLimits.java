package io.ecgrid.soap.runtime;

/**
 * The limits the XML reader holds every document to, the same in every ecgrid-codegen runtime.
 * A document past one of them is refused with an {@link XmlParseException} ({@code depth-limit}
 * for nesting, {@code size-limit} for the others) as soon as the reader reaches the offending
 * place. Immutable; each {@code with...} returns a changed copy:
 * {@code XmlLimits.DEFAULTS.withMaxDepth(2048)}. A client takes them with
 * {@link ClientOptions#withXmlLimits}.
 */
public final class XmlLimits {
    /** Default maximum nesting of elements: 1,024. */
    public static final int DEFAULT_MAX_DEPTH = 1024;
    /** Default maximum length of a whole document: 256 Mi characters. */
    public static final int DEFAULT_MAX_LENGTH = 256 * 1024 * 1024;
    /** Default maximum length of one text node, CDATA section or attribute value: 64 Mi characters. */
    public static final int DEFAULT_MAX_TEXT_LENGTH = 64 * 1024 * 1024;
    /** Default maximum number of attributes on one element (namespace declarations not counted): 256. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 256;
    /** Default maximum length of an element or attribute name, prefix included: 1,024 characters. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1024;
    /** Default maximum number of namespace declarations on one element: 128. */
    public static final int DEFAULT_MAX_NAMESPACE_DECLARATIONS = 128;
    /** Default maximum number of namespace declarations in scope (on all open elements together): 1,024. */
    public static final int DEFAULT_MAX_NAMESPACES_IN_SCOPE = 1024;

    /** The default limits. */
    public static final XmlLimits DEFAULTS = new XmlLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, DEFAULT_MAX_TEXT_LENGTH,
            DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_NAMESPACE_DECLARATIONS, DEFAULT_MAX_NAMESPACES_IN_SCOPE);

    private final int maxDepth;
    private final int maxLength;
    private final int maxTextLength;
    private final int maxAttributes;
    private final int maxNameLength;
    private final int maxNamespaceDeclarations;
    private final int maxNamespacesInScope;

    private XmlLimits(int maxDepth, int maxLength, int maxTextLength, int maxAttributes, int maxNameLength,
            int maxNamespaceDeclarations, int maxNamespacesInScope) {
        this.maxDepth = maxDepth;
        this.maxLength = maxLength;
        this.maxTextLength = maxTextLength;
        this.maxAttributes = maxAttributes;
        this.maxNameLength = maxNameLength;
        this.maxNamespaceDeclarations = maxNamespaceDeclarations;
        this.maxNamespacesInScope = maxNamespacesInScope;
    }

    private static int positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return value;
    }

    /**
     * The deepest nesting of elements accepted.
     *
     * @param value a positive number of levels
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxDepth(int value) {
        return new XmlLimits(positive(value, "maxDepth"), maxLength, maxTextLength, maxAttributes, maxNameLength,
                maxNamespaceDeclarations, maxNamespacesInScope);
    }

    /**
     * The longest document accepted.
     *
     * @param value a positive number of characters
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxLength(int value) {
        return new XmlLimits(maxDepth, positive(value, "maxLength"), maxTextLength, maxAttributes, maxNameLength,
                maxNamespaceDeclarations, maxNamespacesInScope);
    }

    /**
     * The longest text node, CDATA section or attribute value accepted.
     *
     * @param value a positive number of characters
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxTextLength(int value) {
        return new XmlLimits(maxDepth, maxLength, positive(value, "maxTextLength"), maxAttributes, maxNameLength,
                maxNamespaceDeclarations, maxNamespacesInScope);
    }

    /**
     * The most attributes accepted on one element.
     *
     * @param value a positive number
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxAttributes(int value) {
        return new XmlLimits(maxDepth, maxLength, maxTextLength, positive(value, "maxAttributes"), maxNameLength,
                maxNamespaceDeclarations, maxNamespacesInScope);
    }

    /**
     * The longest element or attribute name accepted, prefix included.
     *
     * @param value a positive number of characters
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxNameLength(int value) {
        return new XmlLimits(maxDepth, maxLength, maxTextLength, maxAttributes, positive(value, "maxNameLength"),
                maxNamespaceDeclarations, maxNamespacesInScope);
    }

    /**
     * The most namespace declarations accepted on one element.
     *
     * @param value a positive number
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxNamespaceDeclarations(int value) {
        return new XmlLimits(maxDepth, maxLength, maxTextLength, maxAttributes, maxNameLength,
                positive(value, "maxNamespaceDeclarations"), maxNamespacesInScope);
    }

    /**
     * The most namespace declarations accepted in scope, on all open elements together.
     *
     * @param value a positive number
     * @return a changed copy
     * @throws IllegalArgumentException when the value is not positive
     */
    public XmlLimits withMaxNamespacesInScope(int value) {
        return new XmlLimits(maxDepth, maxLength, maxTextLength, maxAttributes, maxNameLength, maxNamespaceDeclarations,
                positive(value, "maxNamespacesInScope"));
    }

    /**
     * The deepest nesting of elements accepted.
     *
     * @return the number of levels, 1,024 by default
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The longest document accepted.
     *
     * @return the number of characters, 256 Mi by default
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * The longest text node, CDATA section or attribute value accepted.
     *
     * @return the number of characters, 64 Mi by default
     */
    public int maxTextLength() {
        return maxTextLength;
    }

    /**
     * The most attributes accepted on one element.
     *
     * @return the number, 256 by default
     */
    public int maxAttributes() {
        return maxAttributes;
    }

    /**
     * The longest element or attribute name accepted, prefix included.
     *
     * @return the number of characters, 1,024 by default
     */
    public int maxNameLength() {
        return maxNameLength;
    }

    /**
     * The most namespace declarations accepted on one element.
     *
     * @return the number, 128 by default
     */
    public int maxNamespaceDeclarations() {
        return maxNamespaceDeclarations;
    }

    /**
     * The most namespace declarations accepted in scope, on all open elements together.
     *
     * @return the number, 1,024 by default
     */
    public int maxNamespacesInScope() {
        return maxNamespacesInScope;
    }
}
