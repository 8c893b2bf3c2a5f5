package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SOAP 1.1 and 1.2 envelopes, written the way an ASMX service writes them (prefix {@code soap}
 * for both versions, {@code xsi} and {@code xsd} declared on the Envelope) and read back with
 * faults turned into {@link SoapFaultException}.
 */
public final class SoapEnvelope {
    static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";

    /** The prefixes an envelope from {@link #encode} declares, per version. */
    private static final Map<String, String> DECLARED_11 = Map.of("soap", SoapVersion.SOAP_11.envelopeNamespace(), "xsi",
            XmlWriter.XSI_NS, "xsd", XSD_NS);
    private static final Map<String, String> DECLARED_12 = Map.of("soap", SoapVersion.SOAP_12.envelopeNamespace(), "xsi",
            XmlWriter.XSI_NS, "xsd", XSD_NS);

    private final SoapVersion version;
    private final XmlElement header;
    private final XmlElement body;

    private SoapEnvelope(SoapVersion version, XmlElement header, XmlElement body) {
        this.version = version;
        this.header = header;
        this.body = body;
    }

    /**
     * The SOAP version of the envelope (from its namespace).
     *
     * @return the version
     */
    public SoapVersion version() {
        return version;
    }

    /**
     * The Header element.
     *
     * @return the header, or null
     */
    public XmlElement header() {
        return header;
    }

    /**
     * The first element child of the Body (the response wrapper in document/literal).
     *
     * @return the element
     */
    public XmlElement body() {
        return body;
    }

    /**
     * A whole envelope with its XML declaration around {@code body} (from {@link #encodeBody} with
     * the same indent).
     *
     * @param version the SOAP version: the envelope's namespace
     * @param body the Body's content, {@code ""} for an empty Body
     * @param indent the indent string, null for compact output
     * @return the envelope's text
     */
    public static String encode(SoapVersion version, String body, String indent) {
        return encode(version, null, body, indent);
    }

    /**
     * A whole envelope with its XML declaration: {@code soap:Header} holding the header blocks
     * (when {@code headers} is not null), then {@code soap:Body} around {@code body}. Blocks and
     * body come from {@link #encodeBody} with the same indent.
     *
     * @param version the SOAP version: the envelope's namespace
     * @param headers the header blocks' texts, null for no Header element
     * @param body the Body's content, {@code ""} for an empty Body
     * @param indent the indent string, null for compact output
     * @return the envelope's text
     */
    public static String encode(SoapVersion version, List<String> headers, String body, String indent) {
        StringBuilder out = head(version, headers, indent, body.length());
        String line1 = indent == null ? "" : "\n" + indent;
        if (body.isEmpty()) {
            out.append(line1).append("<soap:Body/>");
        } else {
            out.append(line1).append("<soap:Body>").append(indent == null ? "" : "\n" + indent + indent).append(body).append(line1)
                    .append("</soap:Body>");
        }
        return out.append(indent == null ? "" : "\n").append("</soap:Envelope>").toString();
    }

    /**
     * A whole request envelope: {@code encode(version, headers, encodeBody(version, root, value,
     * options), options.indent())}, the same text and the same exceptions, written into one
     * builder (the element is not made a string of its own first).
     *
     * @param <T> the element's value type
     * @param version the SOAP version: the envelope's namespace
     * @param headers the header blocks' texts (from {@link #encodeBody} with the same indent), null for no Header element
     * @param root the global element the Body holds
     * @param value its value
     * @param options qualified or not, compact or indented
     * @return the envelope's text
     * @throws EncodeException when the value cannot be written as the schema requires
     */
    public static <T> String encodeRequest(SoapVersion version, List<String> headers, Root<T> root, T value, EncodeOptions options) {
        String indent = options.indent();
        StringBuilder out = head(version, headers, indent, 512);
        String line1 = indent == null ? "" : "\n" + indent;
        out.append(line1).append("<soap:Body>").append(indent == null ? "" : "\n" + indent + indent);
        root.encodeTo(value, options, version == SoapVersion.SOAP_11 ? DECLARED_11 : DECLARED_12, indent == null ? 0 : 2, out);
        return out.append(line1).append("</soap:Body>").append(indent == null ? "" : "\n").append("</soap:Envelope>").toString();
    }

    /** The XML declaration, the Envelope's start tag and the Header, in a builder sized for a body of {@code bodyLength}. */
    private static StringBuilder head(SoapVersion version, List<String> headers, String indent, int bodyLength) {
        int length = bodyLength + 320;
        if (headers != null) {
            for (String h : headers) {
                length += h.length() + 8;
            }
        }
        // Sized once for the whole envelope: growing a builder copies what it holds every time.
        StringBuilder out = new StringBuilder(length);
        if (headers == null && indent == null) {
            return out.append(version == SoapVersion.SOAP_11 ? COMPACT_HEAD_11 : COMPACT_HEAD_12);
        }
        return writeHead(out, version, headers, indent);
    }

    /** What {@link #head} writes without a Header, compact, per version (made once). */
    private static final String COMPACT_HEAD_11 = writeHead(new StringBuilder(), SoapVersion.SOAP_11, null, null).toString();
    private static final String COMPACT_HEAD_12 = writeHead(new StringBuilder(), SoapVersion.SOAP_12, null, null).toString();

    private static StringBuilder writeHead(StringBuilder out, SoapVersion version, List<String> headers, String indent) {
        String nl = indent == null ? "" : "\n";
        String line1 = indent == null ? "" : "\n" + indent;
        String line2 = indent == null ? "" : "\n" + indent + indent;
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>").append(nl)
                .append("<soap:Envelope xmlns:soap=\"").append(version.envelopeNamespace()).append("\" xmlns:xsi=\"")
                .append(XmlWriter.XSI_NS).append("\" xmlns:xsd=\"").append(XSD_NS).append("\">");
        if (headers != null) {
            String header = String.join(line2, headers);
            if (header.isEmpty()) {
                out.append(line1).append("<soap:Header/>");
            } else {
                out.append(line1).append("<soap:Header>").append(line2).append(header).append(line1).append("</soap:Header>");
            }
        }
        return out;
    }

    /**
     * A global element's value for the Body of an envelope from {@link #encode}: at the right
     * depth, without declaring the envelope's {@code soap}, {@code xsi} and {@code xsd} again.
     *
     * @param <T> the element's value type
     * @param version the SOAP version of the envelope
     * @param root the global element
     * @param value the value
     * @param options qualified or not, compact or indented
     * @return the element's text
     * @throws EncodeException when the value cannot be written as the schema requires
     */
    public static <T> String encodeBody(SoapVersion version, Root<T> root, T value, EncodeOptions options) {
        Map<String, String> declarations = version == SoapVersion.SOAP_11 ? DECLARED_11 : DECLARED_12;
        return root.encode(value, options, declarations, options.indent() == null ? 0 : 2);
    }

    /**
     * Parses an envelope.
     *
     * @param text the envelope's text
     * @return the envelope
     * @throws SoapFaultException when the Body holds a Fault
     * @throws EnvelopeException when the document is not a usable envelope
     * @throws XmlParseException when it is not acceptable XML
     */
    public static SoapEnvelope decode(String text) {
        return decode(text, XmlLimits.DEFAULTS);
    }

    /**
     * Parses an envelope held to the given XML limits.
     *
     * @param text the envelope's text
     * @param limits the limits of the XML reader
     * @return the envelope
     * @throws SoapFaultException when the Body holds a Fault
     * @throws EnvelopeException when the document is not a usable envelope
     * @throws XmlParseException when it is not acceptable XML or passes a limit
     */
    public static SoapEnvelope decode(String text, XmlLimits limits) {
        XmlElement root = XmlParser.parse(text, limits);
        if (!root.localName().equals("Envelope")) {
            throw new EnvelopeException("not-an-envelope", "expected a SOAP Envelope, found <" + Show.excerpt(root.name()) + ">");
        }
        SoapVersion version;
        if (root.namespace().equals(SoapVersion.SOAP_11.envelopeNamespace())) {
            version = SoapVersion.SOAP_11;
        } else if (root.namespace().equals(SoapVersion.SOAP_12.envelopeNamespace())) {
            version = SoapVersion.SOAP_12;
        } else {
            String found = root.namespace().isEmpty() ? "no namespace" : "namespace " + Show.quote(root.namespace());
            throw new EnvelopeException("version-mismatch",
                    "the Envelope is in " + found + ", not a SOAP 1.1 or 1.2 envelope namespace");
        }
        XmlElement header = child(root, "Header", root.namespace());
        XmlElement body = child(root, "Body", root.namespace());
        if (body == null) {
            throw new EnvelopeException("missing-body", "the SOAP Envelope has no Body");
        }
        List<XmlElement> content = body.childElements();
        if (content.isEmpty()) {
            throw new EnvelopeException("empty-body", "the SOAP Body is empty");
        }
        XmlElement first = content.get(0);
        if (first.localName().equals("Fault") && first.namespace().equals(root.namespace())) {
            throw version == SoapVersion.SOAP_11 ? fault11(first) : fault12(first);
        }
        return new SoapEnvelope(version, header, first);
    }

    /**
     * Decodes the response element of an envelope: what {@code root.decode(decode(text).body())}
     * gives, faults and errors the same, read straight from the text without a tree of the
     * document whenever the element's type allows (see the README's Performance section).
     *
     * @param <T> the element's value type
     * @param text the envelope's text
     * @param root the global element the Body holds
     * @return the value; null when the element is {@code xsi:nil}
     * @throws SoapFaultException when the Body holds a Fault
     * @throws EnvelopeException when the document is not a usable envelope
     * @throws XmlParseException when it is not acceptable XML
     * @throws DecodeException when the element does not match the schema
     */
    public static <T> T decodeBody(String text, Root<T> root) {
        return decodeBody(text, XmlLimits.DEFAULTS, root);
    }

    /**
     * Decodes the response element of an envelope held to the given XML limits: what
     * {@code root.decode(decode(text, limits).body())} gives, faults and errors the same, read
     * straight from the text without a tree of the document whenever the element's type allows.
     *
     * @param <T> the element's value type
     * @param text the envelope's text
     * @param limits the limits of the XML reader
     * @param root the global element the Body holds
     * @return the value; null when the element is {@code xsi:nil}
     * @throws SoapFaultException when the Body holds a Fault
     * @throws EnvelopeException when the document is not a usable envelope
     * @throws XmlParseException when it is not acceptable XML or passes a limit
     * @throws DecodeException when the element does not match the schema
     */
    public static <T> T decodeBody(String text, XmlLimits limits, Root<T> root) {
        Object fast = StreamDecoder.tryDecode(text, limits, root);
        if (fast != StreamDecoder.FALLBACK) {
            @SuppressWarnings("unchecked")
            T value = (T) fast;
            return value;
        }
        return root.decode(decode(text, limits).body(), DecodeOptions.STRICT);
    }

    private static XmlElement child(XmlElement element, String local, String ns) {
        if (element == null) {
            return null;
        }
        for (XmlElement c : element.childElements()) {
            if (c.localName().equals(local) && (ns == null || c.namespace().equals(ns))) {
                return c;
            }
        }
        return null;
    }

    private static String textOf(XmlElement element) {
        return element == null ? null : element.text().strip();
    }

    /** A QName-valued element's content: as written, its namespace and its local name. */
    private static String[] faultCode(XmlElement element) {
        String code = element == null ? "" : textOf(element);
        int colon = code.indexOf(':');
        String prefix = colon < 0 ? "" : code.substring(0, colon);
        String ns = element == null ? "" : element.scope().getOrDefault(prefix, "");
        return new String[] {code, ns, colon < 0 ? code : code.substring(colon + 1)};
    }

    private static SoapFaultException fault11(XmlElement fault) {
        // The 1.1 fault children are unqualified; some servers qualify them, so match by local name.
        String[] code = faultCode(child(fault, "faultcode", null));
        String reason = textOf(child(fault, "faultstring", null));
        return new SoapFaultException(SoapVersion.SOAP_11, code[0], code[1], code[2], reason == null ? "" : reason,
                textOf(child(fault, "faultactor", null)), null, List.of(), child(fault, "detail", null));
    }

    private static SoapFaultException fault12(XmlElement fault) {
        String ns = SoapVersion.SOAP_12.envelopeNamespace();
        XmlElement codeElement = child(fault, "Code", ns);
        List<String> subcodes = new ArrayList<>();
        for (XmlElement sub = child(codeElement, "Subcode", ns); sub != null; sub = child(sub, "Subcode", ns)) {
            subcodes.add(faultCode(child(sub, "Value", ns))[0]);
        }
        String[] code = faultCode(child(codeElement, "Value", ns));
        String reason = textOf(child(child(fault, "Reason", ns), "Text", ns));
        return new SoapFaultException(SoapVersion.SOAP_12, code[0], code[1], code[2], reason == null ? "" : reason,
                textOf(child(fault, "Role", ns)), textOf(child(fault, "Node", ns)), subcodes, child(fault, "Detail", ns));
    }
}
