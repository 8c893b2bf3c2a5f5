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
 * outright (no DOCTYPE, so neither external entities nor entity expansion); nesting, the
 * document's length and the length of one text or attribute value are limited, as in the other
 * runtimes; and whether an element was written {@code <a/>} is kept so kept XML is written back
 * as it came.
 */
final class XmlParser {
    /** Elements nested deeper than this are refused (the decoders recurse): {@code depth-limit}. */
    static final int MAX_DEPTH = 1024;
    /** Documents longer than this many characters are refused: {@code size-limit}. */
    static final int MAX_LENGTH = 256 * 1024 * 1024;
    /** A text node, CDATA section or attribute value longer than this many characters is refused: {@code size-limit}. */
    static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;

    private static final String REPORT_CDATA = "http://java.sun.com/xml/stream/properties/report-cdata-event";

    private XmlParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        if (factory.isPropertySupported(REPORT_CDATA)) {
            factory.setProperty(REPORT_CDATA, Boolean.TRUE);
        }
        return factory;
    }

    /** One element being read: what it becomes once its end tag is reached. */
    private static final class Open {
        final String name;
        final String prefix;
        final String local;
        final String ns;
        final List<XmlAttribute> attributes;
        final Map<String, String> declarations;
        final Map<String, String> scope;
        final List<XmlNode> children = new ArrayList<>();
        final int line;
        final int column;
        final int offset;
        final StringBuilder text = new StringBuilder();
        boolean textIsCdata;

        Open(String prefix, String local, String ns, List<XmlAttribute> attributes, Map<String, String> declarations,
                Map<String, String> scope, Location location) {
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

        void addText(String chunk, boolean cdata, int maxTextLength, Location at) {
            if (text.length() > 0 && textIsCdata != cdata) {
                flushText();
            }
            textIsCdata = cdata;
            if (text.length() + chunk.length() > maxTextLength) {
                throw tooLong("a text", text.length() + chunk.length(), maxTextLength, at);
            }
            text.append(chunk);
        }

        void flushText() {
            if (text.length() > 0) {
                children.add(new XmlNode.Text(text.toString(), textIsCdata));
                text.setLength(0);
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Parses a whole document and returns its root element, with the default limits. */
    static XmlElement parse(String text) {
        return parse(text, MAX_DEPTH, MAX_LENGTH, MAX_TEXT_LENGTH);
    }

    /** Parses a whole document with the given limits (tests use small ones). */
    static XmlElement parse(String text, int maxDepth, int maxLength, int maxTextLength) {
        if (text.length() > maxLength) {
            throw new XmlParseException("size-limit", "the document is " + text.length() + " characters long, more than the limit of "
                    + maxLength, 1, 1);
        }
        XMLStreamReader reader = null;
        Deque<Open> stack = new ArrayDeque<>();
        XmlElement root = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(text));
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
                        if (stack.size() >= maxDepth) {
                            throw refuse("depth-limit", "elements are nested more than " + maxDepth + " levels deep",
                                    reader.getLocation());
                        }
                        Open parent = stack.peek();
                        if (parent != null) {
                            parent.flushText();
                        }
                        Map<String, String> declarations = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getNamespaceCount(); i++) {
                            declarations.put(orEmpty(reader.getNamespacePrefix(i)), orEmpty(reader.getNamespaceURI(i)));
                        }
                        Map<String, String> scope;
                        if (parent == null) {
                            scope = new LinkedHashMap<>(declarations);
                        } else if (declarations.isEmpty()) {
                            scope = parent.scope;
                        } else {
                            scope = new LinkedHashMap<>(parent.scope);
                            scope.putAll(declarations);
                        }
                        List<XmlAttribute> attributes = new ArrayList<>(reader.getAttributeCount());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String prefix = orEmpty(reader.getAttributePrefix(i));
                            String local = reader.getAttributeLocalName(i);
                            if (reader.getAttributeValue(i).length() > maxTextLength) {
                                throw tooLong("an attribute", reader.getAttributeValue(i).length(), maxTextLength, reader.getLocation());
                            }
                            attributes.add(new XmlAttribute(prefix.isEmpty() ? local : prefix + ":" + local, prefix, local,
                                    orEmpty(reader.getAttributeNamespace(i)), reader.getAttributeValue(i)));
                        }
                        Open open = new Open(orEmpty(reader.getPrefix()), reader.getLocalName(),
                                orEmpty(reader.getNamespaceURI()), attributes, declarations, scope, reader.getLocation());
                        stack.push(open);
                        justOpenedAt = open.offset;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Open open = stack.pop();
                        open.flushText();
                        // The parser reports <a/> as a start and an end at the same place.
                        boolean selfClosing = openedAt != Integer.MIN_VALUE && openedAt >= 0
                                && reader.getLocation().getCharacterOffset() == openedAt;
                        XmlElement element = new XmlElement(open.name, open.prefix, open.local, open.ns, open.attributes,
                                open.declarations, open.scope, open.children, selfClosing, open.line, open.column);
                        Open parent = stack.peek();
                        if (parent == null) {
                            root = element;
                        } else {
                            parent.children.add(element);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.addText(reader.getText(), false, maxTextLength, reader.getLocation());
                        }
                    }
                    case XMLStreamConstants.CDATA -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.addText(reader.getText(), true, maxTextLength, reader.getLocation());
                        }
                    }
                    case XMLStreamConstants.COMMENT -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.flushText();
                            current.children.add(new XmlNode.Comment(reader.getText()));
                        }
                    }
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        Open current = stack.peek();
                        if (current != null) {
                            current.flushText();
                            current.children.add(new XmlNode.ProcessingInstruction(reader.getPITarget(),
                                    orEmpty(reader.getPIData()).stripLeading()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw refuse("unknown-entity",
                            "the entity \"" + reader.getLocalName() + "\" is not defined", reader.getLocation());
                    default -> {
                        // START_DOCUMENT, END_DOCUMENT, ATTRIBUTE, NAMESPACE: nothing to keep.
                    }
                }
            }
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
            int cut = message.indexOf("Message: ");
            if (cut >= 0) {
                message = message.substring(cut + "Message: ".length());
            }
            throw new XmlParseException("not-well-formed", message.strip(), at == null ? 0 : at.getLineNumber(),
                    at == null ? 0 : at.getColumnNumber());
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

    private static XmlParseException tooLong(String what, int length, int limit, Location at) {
        return refuse("size-limit", what + " value of " + length + " characters is longer than the limit of " + limit, at);
    }

    private static XmlParseException refuse(String code, String detail, Location at) {
        return new XmlParseException(code, detail, at.getLineNumber(), at.getColumnNumber());
    }
}
