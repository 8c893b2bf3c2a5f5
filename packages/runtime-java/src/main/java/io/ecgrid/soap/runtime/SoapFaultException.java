package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service answered with a SOAP Fault. SOAP 1.1 and 1.2 faults have one shape: the fault code
 * as written ({@code soap:Client}) with its resolved namespace and local name, the reason, the
 * actor (1.1 {@code faultactor}, 1.2 {@code Role}), the node and subcodes (1.2), and the detail
 * element as XML ({@link #detail()}) and as plain values ({@link #detailValue()}).
 */
public class SoapFaultException extends SoapException {
    private static final long serialVersionUID = 1L;

    /** The envelope's SOAP version. */
    private final SoapVersion version;
    /** The fault code as written. */
    private final String faultCode;
    /** The namespace of the fault code's prefix. */
    private final String codeNamespace;
    /** The fault code's local name. */
    private final String codeLocalName;
    /** The fault string or reason text. */
    private final String reason;
    /** The actor or role, or null. */
    private final String actor;
    /** The 1.2 node, or null. */
    private final String node;
    private final transient List<String> subcodes;
    private final transient XmlElement detail;

    /**
     * A SOAP Fault.
     *
     * @param version the envelope's SOAP version
     * @param faultCode the fault code as written ({@code soap:Client})
     * @param codeNamespace the namespace of its prefix
     * @param codeLocalName its local name ({@code Client}, {@code Sender})
     * @param reason the fault string (1.1) or reason text (1.2)
     * @param actor the 1.1 {@code faultactor} or 1.2 {@code Role}, or null
     * @param node the 1.2 {@code Node}, or null
     * @param subcodes the 1.2 subcodes as written, outermost first
     * @param detail the detail element, or null
     */
    public SoapFaultException(SoapVersion version, String faultCode, String codeNamespace, String codeLocalName,
            String reason, String actor, String node, List<String> subcodes, XmlElement detail) {
        super(faultCode, "SOAP fault " + faultCode + ": " + reason);
        this.version = version;
        this.faultCode = faultCode;
        this.codeNamespace = codeNamespace;
        this.codeLocalName = codeLocalName;
        this.reason = reason;
        this.actor = actor;
        this.node = node;
        this.subcodes = List.copyOf(subcodes);
        this.detail = detail;
    }

    /**
     * The SOAP version of the envelope the fault came in.
     *
     * @return the version
     */
    public SoapVersion version() {
        return version;
    }

    /**
     * The fault code as written.
     *
     * @return the code, such as {@code soap:Client}
     */
    public String faultCode() {
        return faultCode;
    }

    /**
     * The namespace the fault code's prefix is bound to.
     *
     * @return the namespace, {@code ""} for none
     */
    public String codeNamespace() {
        return codeNamespace;
    }

    /**
     * The fault code's local name.
     *
     * @return the local name, such as {@code Client} or {@code Sender}
     */
    public String codeLocalName() {
        return codeLocalName;
    }

    /**
     * The fault string (1.1) or the reason text (1.2).
     *
     * @return the reason, secrets redacted
     */
    public String reason() {
        return reason;
    }

    /**
     * The 1.1 {@code faultactor} or the 1.2 {@code Role}.
     *
     * @return the actor, or null
     */
    public String actor() {
        return actor;
    }

    /**
     * The 1.2 {@code Node}.
     *
     * @return the node, or null
     */
    public String node() {
        return node;
    }

    /**
     * The 1.2 subcodes as written, outermost first.
     *
     * @return the subcodes, empty for 1.1
     */
    public List<String> subcodes() {
        return subcodes == null ? List.of() : subcodes;
    }

    /**
     * The detail element ({@code detail} in 1.1, {@code Detail} in 1.2), kept as XML.
     *
     * @return the detail, or null
     */
    public XmlElement detail() {
        return detail;
    }

    /**
     * The detail as plain values, as node-soap gives it, for a detail no schema describes: an
     * element without child elements is its text ({@code String}); one with child elements is a
     * {@code Map} of them by local name, in document order (a {@code List} for a name that
     * repeats); attributes other than namespace and {@code xsi:} ones go to {@code "$attributes"}
     * (a {@code Map}; the text then to {@code "$value"}); {@code xsi:nil="true"} is null. Text
     * between child elements is left out. Secrets are redacted as in {@link #detail()}.
     *
     * @return the detail element's value (a {@code Map}, {@code String} or null), or null without a detail
     */
    public Object detailValue() {
        return detail == null ? null : plain(detail);
    }

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static Object plain(XmlElement element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (XmlAttribute a : element.attributes()) {
            if (a.namespace().equals(XSI)) {
                String v = a.value().strip();
                if (a.localName().equals("nil") && (v.equals("true") || v.equals("1"))) {
                    return null;
                }
                continue;
            }
            if (a.name().equals("xmlns") || a.prefix().equals("xmlns")) {
                continue;
            }
            attributes.put(a.localName(), a.value());
        }
        List<XmlElement> children = element.childElements();
        if (children.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (XmlNode n : element.children()) {
                if (n instanceof XmlNode.Text t) {
                    text.append(t.text());
                }
            }
            if (attributes.isEmpty()) {
                return text.toString();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("$attributes", Collections.unmodifiableMap(attributes));
            out.put("$value", text.toString());
            return Collections.unmodifiableMap(out);
        }
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        for (XmlElement child : children) {
            byName.computeIfAbsent(child.localName(), k -> new ArrayList<>()).add(plain(child));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> e : byName.entrySet()) {
            out.put(e.getKey(), e.getValue().size() == 1 ? e.getValue().get(0) : Collections.unmodifiableList(e.getValue()));
        }
        if (!attributes.isEmpty()) {
            out.put("$attributes", Collections.unmodifiableMap(attributes));
        }
        return Collections.unmodifiableMap(out);
    }
}
