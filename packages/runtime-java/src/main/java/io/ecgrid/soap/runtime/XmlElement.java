package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An XML element as parsed: its name as written and resolved, its attributes, the namespace
 * declarations written on it, every prefix in scope, its children, and whether it was written
 * {@code <a/>}. Immutable. {@link #toString()} gives the XML text.
 */
public final class XmlElement implements XmlNode {
    private final String name;
    private final String prefix;
    private final String localName;
    private final String namespace;
    private final List<XmlAttribute> attributes;
    private final Map<String, String> declarations;
    private final Map<String, String> scope;
    private final List<XmlNode> children;
    private final boolean selfClosing;
    private final int line;
    private final int column;

    XmlElement(String name, String prefix, String localName, String namespace, List<XmlAttribute> attributes,
            Map<String, String> declarations, Map<String, String> scope, List<XmlNode> children, boolean selfClosing,
            int line, int column) {
        this.name = name;
        this.prefix = prefix;
        this.localName = localName;
        this.namespace = namespace;
        this.attributes = List.copyOf(attributes);
        this.declarations = declarations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(declarations));
        // A parsed element shares its chained scope (never a copy per element); others copy theirs.
        this.scope = scope instanceof NamespaceScope chained ? chained : Collections.unmodifiableMap(new LinkedHashMap<>(scope));
        this.children = List.copyOf(children);
        this.selfClosing = selfClosing;
        this.line = line;
        this.column = column;
    }

    /**
     * A new element {@code <localName xmlns="namespace">} with the given attributes (without a
     * namespace) and children; it declares its namespace as the default one.
     *
     * @param namespace the element's namespace, {@code ""} for none
     * @param localName its name
     * @param attributes its attributes
     * @param children its children
     * @return the element
     */
    public static XmlElement of(String namespace, String localName, List<XmlAttribute> attributes, List<XmlNode> children) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(localName, "localName");
        Map<String, String> declarations = new LinkedHashMap<>();
        declarations.put("", namespace);
        return new XmlElement(localName, "", localName, namespace, attributes, declarations, declarations, children,
                children.isEmpty(), 0, 0);
    }

    /**
     * A new element holding only text.
     *
     * @param namespace the element's namespace, {@code ""} for none
     * @param localName its name
     * @param text its text
     * @return the element
     */
    public static XmlElement ofText(String namespace, String localName, String text) {
        return of(namespace, localName, List.of(), List.of(new XmlNode.Text(text, false)));
    }

    /**
     * Parses a document and returns its root element; a DOCTYPE is refused.
     *
     * @param xml the document
     * @return the root element
     * @throws XmlParseException when the text is not acceptable XML
     */
    public static XmlElement parse(String xml) {
        return XmlParser.parse(xml);
    }

    /**
     * Parses a document with other limits than the defaults; a DOCTYPE is refused.
     *
     * @param xml the document
     * @param limits the limits it is held to
     * @return the root element
     * @throws XmlParseException when the text is not acceptable XML or passes a limit
     */
    public static XmlElement parse(String xml, XmlLimits limits) {
        return XmlParser.parse(xml, limits);
    }

    /**
     * The name as written, with its prefix.
     *
     * @return the name, such as {@code soap:Body}
     */
    public String name() {
        return name;
    }

    /**
     * The prefix of the name.
     *
     * @return the prefix, {@code ""} for none
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The name without its prefix.
     *
     * @return the local name
     */
    public String localName() {
        return localName;
    }

    /**
     * The resolved namespace URI.
     *
     * @return the namespace, {@code ""} for none
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Attributes other than namespace declarations, in document order.
     *
     * @return the attributes
     */
    public List<XmlAttribute> attributes() {
        return attributes;
    }

    /**
     * Namespace declarations written on this element.
     *
     * @return prefix to URI ({@code ""}: the default namespace)
     */
    public Map<String, String> declarations() {
        return declarations;
    }

    /**
     * Every prefix in scope here, the declarations of the ancestors included.
     *
     * @return prefix to URI
     */
    public Map<String, String> scope() {
        return scope;
    }

    /**
     * The children: elements, text, comments and processing instructions, in document order.
     *
     * @return the children
     */
    public List<XmlNode> children() {
        return children;
    }

    /**
     * The child elements, in order.
     *
     * @return the elements among the children
     */
    public List<XmlElement> childElements() {
        List<XmlElement> out = new ArrayList<>();
        for (XmlNode child : children) {
            if (child instanceof XmlElement element) {
                out.add(element);
            }
        }
        return out;
    }

    /**
     * The concatenated text of the direct text children.
     *
     * @return the text
     */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (XmlNode child : children) {
            if (child instanceof XmlNode.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    /**
     * Whether the element was written as {@code <a/>}.
     *
     * @return true for an empty-element tag
     */
    public boolean selfClosing() {
        return selfClosing;
    }

    /**
     * Where the element starts in the parsed text.
     *
     * @return the 1-based line, 0 when it was built in code
     */
    public int line() {
        return line;
    }

    /**
     * Where the element starts on its line.
     *
     * @return the 1-based column, 0 when it was built in code
     */
    public int column() {
        return column;
    }

    /** A copy with another name (no prefix) and namespace; attributes, declarations and content are kept. */
    XmlElement renamed(String local, String ns) {
        return new XmlElement(local, "", local, ns, attributes, declarations, scope, children, selfClosing, line, column);
    }

    /** A copy with other attributes and children. */
    XmlElement withContent(List<XmlAttribute> newAttributes, List<XmlNode> newChildren) {
        return new XmlElement(name, prefix, localName, namespace, newAttributes, declarations, scope, newChildren,
                selfClosing, line, column);
    }

    /** The element as XML text, declaring what it needs to stand alone. */
    @Override
    public String toString() {
        return XmlWriter.serialize(this, Map.of());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XmlElement that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
