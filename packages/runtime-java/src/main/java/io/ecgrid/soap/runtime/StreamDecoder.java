package io.ecgrid.soap.runtime;

import java.io.StringReader;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The fast path of a response: the Body's element decoded straight from the StAX reader, with no
 * {@link XmlElement} tree of the document. It takes only what it can decode exactly as the tree
 * path would (a global element of a plain-sequence complex type or a simple type, its elements of
 * such types, {@code xsi:nil} the only attribute) and only a document the reader accepts whole
 * within the same {@link XmlLimits} (checked at every event, as {@link XmlParser} checks them, or
 * more strictly). Anything else, every error included, gives {@link #FALLBACK}: the caller then
 * decodes through the tree, so values and errors never depend on which path ran.
 */
final class StreamDecoder {
    /** What {@link #tryDecode} returns when the tree path must decide. */
    static final Object FALLBACK = new Object();

    /** Leaves for the tree path (no stack trace: it is not an error of its own). */
    static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fallback() {
            super(null, null, false, false);
        }
    }

    private static final Fallback FALL = new Fallback();

    private final XMLStreamReader reader;
    private final XmlLimits limits;
    /** Open elements. */
    private int depth;
    /** Namespace declarations on the open elements together, and each open element's own count. */
    private int inScope;
    private int[] declared = new int[16];
    /** Characters of consecutive text since the last tag, comment or processing instruction. */
    private long pendingText;

    private StreamDecoder(XMLStreamReader reader, XmlLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    static Fallback fallback() {
        return FALL;
    }

    /**
     * The value of {@code root} in the Body of the envelope {@code text}, or {@link #FALLBACK}
     * when the tree path must decode it (never an exception of its own).
     */
    static Object tryDecode(String text, XmlLimits limits, Root<?> root) {
        if (text.length() > limits.maxLength() || !root.streamable()) {
            return FALLBACK;
        }
        XMLStreamReader reader = null;
        try {
            reader = XmlParser.factory(limits).createXMLStreamReader(new StringReader(text));
            return new StreamDecoder(reader, limits).envelope(root);
        } catch (XMLStreamException | RuntimeException e) {
            return FALLBACK;
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Closing a reader over a string cannot fail in a way that matters.
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Events, held to the limits

    /** The next event; what the tree path refuses (a limit, a DTD, an entity) leaves for it. */
    int next() throws XMLStreamException {
        int event = reader.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> start();
            case XMLStreamConstants.END_ELEMENT -> {
                depth--;
                inScope -= declared[depth];
                pendingText = 0;
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                pendingText += reader.getTextLength();
                if (pendingText > limits.maxTextLength()) {
                    throw FALL;
                }
            }
            case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> pendingText = 0;
            case XMLStreamConstants.START_DOCUMENT, XMLStreamConstants.END_DOCUMENT -> {
                // nothing to check
            }
            default -> throw FALL; // DTD, ENTITY_REFERENCE and anything unusual
        }
        return event;
    }

    private void start() {
        pendingText = 0;
        if (depth >= limits.maxDepth()) {
            throw FALL;
        }
        checkName(reader.getPrefix(), reader.getLocalName());
        int count = reader.getNamespaceCount();
        if (count > limits.maxNamespaceDeclarations() || inScope + count > limits.maxNamespacesInScope()) {
            throw FALL;
        }
        for (int i = 0; i < count; i++) {
            String prefix = reader.getNamespacePrefix(i);
            checkName(prefix == null || prefix.isEmpty() ? "" : "xmlns", prefix == null || prefix.isEmpty() ? "xmlns" : prefix);
            String uri = reader.getNamespaceURI(i);
            if (uri != null && uri.length() > limits.maxTextLength()) {
                throw FALL;
            }
        }
        int attributes = reader.getAttributeCount();
        if (attributes > limits.maxAttributes()) {
            throw FALL;
        }
        for (int i = 0; i < attributes; i++) {
            checkName(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
            if (reader.getAttributeValue(i).length() > limits.maxTextLength()) {
                throw FALL;
            }
        }
        if (depth == declared.length) {
            declared = Arrays.copyOf(declared, depth * 2);
        }
        declared[depth] = count;
        inScope += count;
        depth++;
    }

    private void checkName(String prefix, String local) {
        int length = prefix == null || prefix.isEmpty() ? local.length() : prefix.length() + 1 + local.length();
        if (length > limits.maxNameLength()) {
            throw FALL;
        }
    }

    /** At a start tag: reads past its end tag, everything inside held to the limits. */
    void skipElement() throws XMLStreamException {
        int level = 1;
        while (level > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                level++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                level--;
            }
        }
    }

    /**
     * The text {@link #readText} read: its characters (reused, so a text that comes in several
     * chunks is copied once more only to become a string of its length) and their number.
     */
    private char[] textChars = new char[256];
    private int textLength;

    /**
     * At a start tag of text-only content: reads its text (comments and processing instructions
     * skipped) into {@link #textChars}, past its end tag.
     */
    void readText() throws XMLStreamException {
        int length = 0;
        while (true) {
            switch (next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    int n = reader.getTextLength();
                    if (length + n > textChars.length) {
                        textChars = Arrays.copyOf(textChars, Math.max(textChars.length * 2, length + n));
                    }
                    System.arraycopy(reader.getTextCharacters(), reader.getTextStart(), textChars, length, n);
                    length += n;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    textLength = length;
                    return;
                }
                case XMLStreamConstants.START_ELEMENT -> throw FALL;
                default -> {
                    // a comment or a processing instruction
                }
            }
        }
    }

    /** The characters of the text {@link #readText} read (valid up to {@link #textLength()}). */
    char[] textChars() {
        return textChars;
    }

    /** How many characters {@link #readText} read. */
    int textLength() {
        return textLength;
    }

    /** At a start tag of text-only content: its text (comments and processing instructions skipped), past its end tag. */
    String text() throws XMLStreamException {
        readText();
        return textLength == 0 ? "" : new String(textChars, 0, textLength);
    }

    String localName() {
        return reader.getLocalName();
    }

    String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /** Text between elements: only whitespace is allowed in element-only content. */
    boolean isWhitespaceText() {
        int start = reader.getTextStart();
        int end = start + reader.getTextLength();
        char[] chars = reader.getTextCharacters();
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * At a start tag: true when it is {@code xsi:nil} (true or 1), which the tree path reads
     * first; any other attribute leaves for the tree path ({@code xsi:type} and the like).
     */
    boolean isNil() {
        int count = reader.getAttributeCount();
        if (count == 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (reader.getAttributeLocalName(i).equals("nil") && XmlWriter.XSI_NS.equals(reader.getAttributeNamespace(i))) {
                String v = Builtins.collapse(reader.getAttributeValue(i));
                if (v.equals("true") || v.equals("1")) {
                    return true;
                }
                break;
            }
        }
        throw FALL;
    }

    // ------------------------------------------------------------------------------------------
    // The envelope

    private Object envelope(Root<?> root) throws XMLStreamException {
        int event = next();
        while (event != XMLStreamConstants.START_ELEMENT) {
            event = next();
        }
        String envelopeNs = namespace();
        if (!localName().equals("Envelope") || !(envelopeNs.equals(SoapVersion.SOAP_11.envelopeNamespace())
                || envelopeNs.equals(SoapVersion.SOAP_12.envelopeNamespace()))) {
            throw FALL;
        }
        Object value = FALLBACK;
        while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (value == FALLBACK && localName().equals("Body") && namespace().equals(envelopeNs)) {
                value = body(root, envelopeNs);
            } else {
                skipElement();
            }
        }
        // The rest of the document: the tree path reads it all, so errors there are its errors.
        while (reader.hasNext()) {
            next();
        }
        if (value == FALLBACK) {
            throw FALL;
        }
        return value;
    }

    private Object body(Root<?> root, String envelopeNs) throws XMLStreamException {
        Object value = FALLBACK;
        int event;
        while ((event = next()) != XMLStreamConstants.END_ELEMENT) {
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (value != FALLBACK) {
                skipElement();
                continue;
            }
            if (localName().equals("Fault") && namespace().equals(envelopeNs)) {
                throw FALL;
            }
            value = root.decodeStream(this);
            if (value == FALLBACK) {
                throw FALL;
            }
        }
        if (value == FALLBACK) {
            throw FALL;
        }
        return value;
    }
}
