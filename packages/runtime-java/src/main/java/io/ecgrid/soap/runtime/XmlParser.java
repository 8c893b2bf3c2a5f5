package io.ecgrid.soap.runtime;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML text into {@link XmlElement} trees with the JDK's StAX parser. DTDs are refused
 * outright (no DOCTYPE, so neither external entities nor entity expansion), and every document is
 * held to the {@link XmlLimits} (nesting, document length, text and attribute values, attributes
 * per element, name length, namespace declarations per element and in scope), as in the other
 * runtimes. The JDK's own limits are set just past ours, so the parser itself stops early on an
 * endless name or attribute list. Namespace scopes are chained ({@link NamespaceScope}), never
 * copied per element. Whether an element was written {@code <a/>} is kept so kept XML is written
 * back as it came.
 */
final class XmlParser {
    /** Elements nested deeper than this are refused (the decoders recurse): {@code depth-limit}. */
    static final int MAX_DEPTH = XmlLimits.DEFAULT_MAX_DEPTH;
    /** Documents longer than this many characters are refused: {@code size-limit}. */
    static final int MAX_LENGTH = XmlLimits.DEFAULT_MAX_LENGTH;
    /** A text node, CDATA section or attribute value longer than this many characters is refused: {@code size-limit}. */
    static final int MAX_TEXT_LENGTH = XmlLimits.DEFAULT_MAX_TEXT_LENGTH;

    private static final String REPORT_CDATA = "http://java.sun.com/xml/stream/properties/report-cdata-event";

    private XmlParser() {
    }

    /** A thread's factory and the limits it was made for: making one costs more than parsing a small response. */
    private record Made(XmlLimits limits, XMLInputFactory factory) {
    }

    /**
     * One configured factory per thread, made again only for other limits. Per thread because
     * StAX does not promise that a factory makes readers safely from several threads at once.
     */
    private static final ThreadLocal<Made> FACTORY = new ThreadLocal<>();

    static XMLInputFactory factory(XmlLimits limits) {
        Made made = FACTORY.get();
        if (made == null || made.limits() != limits) {
            made = new Made(limits, newFactory(limits));
            FACTORY.set(made);
        }
        return made.factory();
    }

    private static XMLInputFactory newFactory(XmlLimits limits) {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        if (factory.isPropertySupported(REPORT_CDATA)) {
            factory.setProperty(REPORT_CDATA, Boolean.TRUE);
        }
        // The JDK's limits, just past ours: ours report first with their own message, and the
        // parser stops reading an endless name or attribute list (xmlns attributes count there).
        setLimit(factory, "jdk.xml.elementAttributeLimit", (long) limits.maxAttributes() + limits.maxNamespaceDeclarations() + 1);
        setLimit(factory, "jdk.xml.maxXMLNameLimit", (long) limits.maxNameLength() + 1);
        setLimit(factory, "jdk.xml.maxElementDepth", (long) limits.maxDepth() + 1);
        return factory;
    }

    private static void setLimit(XMLInputFactory factory, String property, long value) {
        try {
            factory.setProperty(property, String.valueOf(Math.min(value, Integer.MAX_VALUE)));
        } catch (IllegalArgumentException e) {
            // Another StAX implementation: our own checks still hold every limit.
        }
    }

    /** One element being read: what it becomes once its end tag is reached. */
    private static final class Open {
        final String name;
        final String prefix;
        final String local;
        final String ns;
        final List<XmlAttribute> attributes;
        final Map<String, String> declarations;
        final NamespaceScope scope;
        /** Made at the first child: most elements hold one text or nothing. */
        private List<XmlNode> children;
        final int line;
        final int column;
        final int offset;
        /**
         * The pending text: the chunks as the parser gave them (a long text comes in many), joined
         * once at its end into a string of the exact length, never a builder grown by doubling.
         */
        private String textChunk;
        private List<String> textChunks;
        private int textLength;
        private boolean textIsCdata;

        Open(String prefix, String local, String ns, List<XmlAttribute> attributes, Map<String, String> declarations,
                NamespaceScope scope, Location location) {
            this.name = prefix.isEmpty() ? local : prefix + ":" + local;
            this.prefix = prefix;
            this.local = local;
            this.ns = ns;
            this.attributes = attributes;
            this.declarations = declarations;
            this.scope = scope;
            this.line = location.getLineNumber();
            this.column = location.getColumnNumber();
            this.offset = location.getCharacterOffset();
        }

        void addChild(XmlNode child) {
            if (children == null) {
                children = new ArrayList<>(4);
            }
            children.add(child);
        }

        /** The children as the element keeps them (an immutable list, which it does not copy again). */
        List<XmlNode> children() {
            if (children == null) {
                return List.of();
            }
            return children.size() == 1 ? List.of(children.get(0)) : List.copyOf(children);
        }

        void addText(String chunk, boolean cdata, int maxTextLength, XMLStreamReader reader) {
            if (textLength > 0 && textIsCdata != cdata) {
                flushText();
            }
            textIsCdata = cdata;
            if ((long) textLength + chunk.length() > maxTextLength) {
                throw tooLong("a text", (long) textLength + chunk.length(), maxTextLength, reader.getLocation());
            }
            if (textLength == 0) {
                textChunk = chunk;
            } else {
                if (textChunks == null) {
                    textChunks = new ArrayList<>();
                    textChunks.add(textChunk);
                    textChunk = null;
                }
                textChunks.add(chunk);
            }
            textLength += chunk.length();
        }

        void flushText() {
            if (textLength > 0) {
                XmlNode.Text text = new XmlNode.Text(textChunks == null ? textChunk : String.join("", textChunks), textIsCdata);
                if (children == null) {
                    // The only child so far: the element's children are then List.of(text).
                    children = new ArrayList<>(1);
                }
                children.add(text);
                textChunk = null;
                textChunks = null;
                textLength = 0;
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Parses a whole document and returns its root element, with the default limits. */
    static XmlElement parse(String text) {
        return parse(text, XmlLimits.DEFAULTS);
    }

    /** Parses a whole document with the given depth, length and text limits (tests use small ones). */
    static XmlElement parse(String text, int maxDepth, int maxLength, int maxTextLength) {
        return parse(text, XmlLimits.DEFAULTS.withMaxDepth(maxDepth).withMaxLength(maxLength).withMaxTextLength(maxTextLength));
    }

    /** Parses a whole document held to the given limits. */
    static XmlElement parse(String text, XmlLimits limits) {
        if (text.length() > limits.maxLength()) {
            throw new XmlParseException("size-limit", "the document is " + text.length() + " characters long, more than the limit of "
                    + limits.maxLength(), 1, 1);
        }
        int maxDepth = limits.maxDepth();
        int maxTextLength = limits.maxTextLength();
        XMLStreamReader reader = null;
        Deque<Open> stack = new ArrayDeque<>();
        XmlElement root = null;
        // Namespace declarations on the open elements together.
        int inScope = 0;
        try {
            reader = factory(limits).createXMLStreamReader(new StringReader(text));
            int justOpenedAt = Integer.MIN_VALUE;
            while (reader.hasNext()) {
                int event = reader.next();
                int openedAt = justOpenedAt;
                justOpenedAt = Integer.MIN_VALUE;
                switch (event) {
                    case XMLStreamConstants.DTD -> throw refuse("doctype-refused",
                            "a DOCTYPE is not accepted: DTDs and entity declarations are refused to prevent external"
                                    + " entity (XXE) and entity expansion attacks", reader.getLocation());
                    case XMLStreamConstants.START_ELEMENT -> {
                        Location at = reader.getLocation();
                        if (stack.size() >= maxDepth) {
                            throw refuse("depth-limit", "elements are nested more than " + maxDepth + " levels deep", at);
                        }
                        String elementPrefix = orEmpty(reader.getPrefix());
                        String elementLocal = reader.getLocalName();
                        checkName("an element", elementPrefix, elementLocal, limits, at);
                        Open parent = stack.peek();
                        if (parent != null) {
                            parent.flushText();
                        }
                        int declared = reader.getNamespaceCount();
                        if (declared > limits.maxNamespaceDeclarations()) {
                            throw refuse("size-limit", "an element declares " + declared + " namespaces, more than the limit of "
                                    + limits.maxNamespaceDeclarations(), at);
                        }
                        if (inScope + declared > limits.maxNamespacesInScope()) {
                            throw refuse("size-limit", "more than " + limits.maxNamespacesInScope()
                                    + " namespace declarations are in scope", at);
                        }
                        Map<String, String> declarations = declared == 0 ? Map.of() : new LinkedHashMap<>();
                        for (int i = 0; i < declared; i++) {
                            String prefix = orEmpty(reader.getNamespacePrefix(i));
                            String uri = orEmpty(reader.getNamespaceURI(i));
                            checkName("a namespace declaration", prefix.isEmpty() ? "" : "xmlns", prefix.isEmpty() ? "xmlns" : prefix,
                                    limits, at);
                            if (uri.length() > maxTextLength) {
                                throw tooLong("a namespace", uri.length(), maxTextLength, at);
                            }
                            declarations.put(prefix, uri);
                        }
                        NamespaceScope scope = (parent == null ? NamespaceScope.EMPTY : parent.scope).declare(declarations);
                        int count = reader.getAttributeCount();
                        if (count > limits.maxAttributes()) {
                            throw refuse("size-limit", "an element has " + count + " attributes, more than the limit of "
                                    + limits.maxAttributes(), at);
                        }
                        List<XmlAttribute> attributes = count == 0 ? List.of() : new ArrayList<>(count);
                        for (int i = 0; i < count; i++) {
                            String prefix = orEmpty(reader.getAttributePrefix(i));
                            String local = reader.getAttributeLocalName(i);
                            checkName("an attribute", prefix, local, limits, at);
                            String value = reader.getAttributeValue(i);
                            if (value.length() > maxTextLength) {
                                throw tooLong("an attribute", value.length(), maxTextLength, at);
                            }
                            attributes.add(new XmlAttribute(prefix.isEmpty() ? local : prefix + ":" + local, prefix, local,
                                    orEmpty(reader.getAttributeNamespace(i)), value));
                        }
                        Open open = new Open(elementPrefix, elementLocal, orEmpty(reader.getNamespaceURI()), attributes,
                                declarations, scope, at);
                        stack.push(open);
                        inScope += declared;
                        justOpenedAt = open.offset;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Open open = stack.pop();
                        inScope -= open.declarations.size();
                        open.flushText();
                        // The parser reports <a/> as a start and an end at the same place.
                        boolean selfClosing = openedAt != Integer.MIN_VALUE && openedAt >= 0
                                && reader.getLocation().getCharacterOffset() == openedAt;
                        XmlElement element = new XmlElement(open.name, open.prefix, open.local, open.ns, open.attributes,
                                open.declarations, open.scope, open.children(), selfClosing, open.line, open.column);
                        Open parent = stack.peek();
                        if (parent == null) {
                            root = element;
                        } else {
                            parent.addChild(element);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.addText(reader.getText(), false, maxTextLength, reader);
                        }
                    }
                    case XMLStreamConstants.CDATA -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.addText(reader.getText(), true, maxTextLength, reader);
                        }
                    }
                    case XMLStreamConstants.COMMENT -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.flushText();
                            current.addChild(new XmlNode.Comment(reader.getText()));
                        }
                    }
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.flushText();
                            current.addChild(new XmlNode.ProcessingInstruction(reader.getPITarget(),
                                    orEmpty(reader.getPIData()).stripLeading()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw refuse("unknown-entity",
                            "the entity " + Show.quote(reader.getLocalName()) + " is not defined", reader.getLocation());
                    default -> {
                        // START_DOCUMENT, END_DOCUMENT, ATTRIBUTE, NAMESPACE: nothing to keep.
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw fromStax(e, limits);
        } catch (RuntimeException e) {
            if (e instanceof SoapException) {
                throw e;
            }
            // The JDK's parser also reports some errors unchecked.
            throw new XmlParseException("not-well-formed", Show.excerpt(String.valueOf(e.getMessage())), 0, 0);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Closing a reader over a string cannot fail in a way that matters.
                }
            }
        }
        if (root == null) {
            throw new XmlParseException("unexpected-end", "the document has no root element", 1, 1);
        }
        return root;
    }

    /** The parser's error as ours: its own limits (JAXP0001...) as our limits, messages cut short. */
    private static XmlParseException fromStax(XMLStreamException e, XmlLimits limits) {
        Location at = e.getLocation();
        int line = at == null ? 0 : at.getLineNumber();
        int column = at == null ? 0 : at.getColumnNumber();
        String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
        int cut = message.indexOf("Message: ");
        if (cut >= 0) {
            message = message.substring(cut + "Message: ".length());
        }
        if (message.contains("JAXP00010002")) {
            return new XmlParseException("size-limit", "an element has more than " + limits.maxAttributes()
                    + " attributes (or " + limits.maxNamespaceDeclarations() + " namespace declarations)", line, column);
        }
        if (message.contains("JAXP00010005")) {
            return new XmlParseException("size-limit", "a name is longer than the limit of " + limits.maxNameLength()
                    + " characters", line, column);
        }
        if (message.contains("JAXP00010006") || message.contains("maxElementDepth")) {
            return new XmlParseException("depth-limit", "elements are nested more than " + limits.maxDepth() + " levels deep",
                    line, column);
        }
        if (message.contains("AttributeNotUnique")) {
            return new XmlParseException("not-well-formed", "an attribute appears twice on one element", line, column);
        }
        if (message.contains("JAXP0001")) {
            return new XmlParseException("size-limit", "the document passes a limit of the XML parser", line, column);
        }
        return new XmlParseException("not-well-formed", Show.excerpt(message.strip()), line, column);
    }

    /** A name, prefix included, no longer than the limit. */
    private static void checkName(String what, String prefix, String local, XmlLimits limits, Location at) {
        int length = prefix.isEmpty() ? local.length() : prefix.length() + 1 + local.length();
        if (length > limits.maxNameLength()) {
            throw refuse("size-limit", what + " name of " + length + " characters is longer than the limit of "
                    + limits.maxNameLength(), at);
        }
    }

    private static XmlParseException tooLong(String what, long length, int limit, Location at) {
        return refuse("size-limit", what + " value of " + length + " characters is longer than the limit of " + limit, at);
    }

    private static XmlParseException refuse(String code, String detail, Location at) {
        return new XmlParseException(code, detail, at.getLineNumber(), at.getColumnNumber());
    }
}
