package io.ecgrid.soap.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-call encoder state: the options, the prefixes in scope, and whether an {@code xsi:} or
 * {@code xsd:} prefix was used (the fragment's root then declares it). Opaque outside this
 * package: {@link TypeCodec#encode} passes it along, and only the runtime makes one.
 */
public final class EncodeState {
    static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";
    static final String SOAP_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";

    final boolean qualified;
    /** Null for compact output. */
    private final String indent;
    final String xsiPrefix;
    final boolean xsiDeclared;
    boolean xsiUsed;
    final String xsdPrefix;
    final boolean xsdDeclared;
    boolean xsdUsed;
    /** rpc/encoded: {@code xsi:type} naming the type on every simple-typed element. */
    boolean xsiTypes;
    /** Prefix bindings in effect: the enclosing document's, then those declared while writing. */
    Map<String, String> scope;

    /** Prefixes declared on one element being written; {@code text} goes into its start tag. */
    static final class Declared {
        final StringBuilder text = new StringBuilder();
        Map<String, String> added;
    }

    /** The {@code xsi} and {@code xsd} prefixes of {@link #declarations}. */
    private record Prefixes(Map<String, String> declarations, String xsiPrefix, boolean xsiDeclared, String xsdPrefix,
            boolean xsdDeclared) {
    }

    /** Those of the declarations last seen: a request's encoder sees the same ones every call. */
    private static volatile Prefixes lastPrefixes;

    /** {@code declarations} is an immutable map (the envelope's constant, or an empty one), so what it declares is kept. */
    EncodeState(boolean qualified, String indent, Map<String, String> declarations) {
        this.qualified = qualified;
        this.indent = indent;
        this.scope = declarations;
        Prefixes p = lastPrefixes;
        if (p == null || p.declarations != declarations) {
            String[] xsi = declaredPrefix(declarations, XmlWriter.XSI_NS, "xsi");
            String[] xsd = declaredPrefix(declarations, XSD_NS, "xsd");
            p = new Prefixes(declarations, xsi[0], xsi[1] != null, xsd[0], xsd[1] != null);
            lastPrefixes = p;
        }
        this.xsiPrefix = p.xsiPrefix;
        this.xsiDeclared = p.xsiDeclared;
        this.xsdPrefix = p.xsdPrefix;
        this.xsdDeclared = p.xsdDeclared;
    }

    private static String[] declaredPrefix(Map<String, String> declarations, String ns, String fallback) {
        for (Map.Entry<String, String> d : declarations.entrySet()) {
            if (!d.getKey().isEmpty() && d.getValue().equals(ns)) {
                return new String[] {d.getKey(), "declared"};
            }
        }
        return new String[] {fallback, null};
    }

    boolean pretty() {
        return indent != null;
    }

    /** Appends a newline and the indentation of {@code depth}; nothing when compact. */
    void line(StringBuilder out, int depth) {
        if (indent != null) {
            out.append('\n');
            for (int i = 0; i < depth; i++) {
                out.append(indent);
            }
        }
    }

    /**
     * {@code <local} plus {@code xmlns="ns"} when the namespace differs from the default in effect
     * (an unqualified element under a default namespace gets {@code xmlns=""}); unqualified output
     * writes no default namespaces at all.
     */
    void openTag(StringBuilder out, String local, String ns, String parentDefault) {
        out.append('<').append(local);
        if (qualified && !ns.equals(parentDefault)) {
            out.append(" xmlns=\"").append(XmlWriter.escapeAttribute(ns)).append('"');
        }
    }

    /** The default namespace inside an element written by {@link #openTag}. */
    String defaultInside(String ns, String parentDefault) {
        return qualified ? ns : parentDefault;
    }

    /** {@code <local xsi:nil="true"/>}; the fragment's root then declares {@code xsi}. */
    void nilElement(StringBuilder out, String local, String ns, String parentDefault) {
        xsiUsed = true;
        openTag(out, local, ns, parentDefault);
        out.append(' ').append(xsiPrefix).append(":nil=\"true\"/>");
    }

    private boolean bound(Declared d, String prefix) {
        return prefix.equals(xsiPrefix) || prefix.equals(xsdPrefix) || prefix.equals("xml") || prefix.equals("xmlns")
                || scope.containsKey(prefix) || (d.added != null && d.added.containsKey(prefix));
    }

    /**
     * The prefix of {@code ns} on the element being written: one in scope, {@code xsi}/{@code xsd}
     * (declared on the fragment's root), or a new one declared on this element: {@code t},
     * {@code t2}, ... ({@code soapenc} for the SOAP encoding namespace), the first one free.
     */
    String prefixFor(String ns, Declared d) {
        if (ns.equals(XmlWriter.XSI_NS)) {
            xsiUsed = true;
            return xsiPrefix;
        }
        if (ns.equals(XSD_NS)) {
            xsdUsed = true;
            return xsdPrefix;
        }
        if (ns.equals(XmlWriter.XML_NS)) {
            return "xml";
        }
        if (d.added != null) {
            for (Map.Entry<String, String> e : d.added.entrySet()) {
                if (e.getValue().equals(ns)) {
                    return e.getKey();
                }
            }
        }
        for (Map.Entry<String, String> e : scope.entrySet()) {
            if (!e.getKey().isEmpty() && e.getValue().equals(ns)) {
                return e.getKey();
            }
        }
        String stem = ns.equals(SOAP_ENCODING_NS) ? "soapenc" : "t";
        String prefix = stem;
        for (int n = 2; bound(d, prefix); n++) {
            prefix = stem + n;
        }
        if (d.added == null) {
            d.added = new LinkedHashMap<>();
        }
        d.added.put(prefix, ns);
        d.text.append(" xmlns:").append(prefix).append("=\"").append(XmlWriter.escapeAttribute(ns)).append('"');
        return prefix;
    }

    /** Makes the prefixes declared on an element visible to its content; returns what to restore. */
    Map<String, String> enterScope(Declared d) {
        Map<String, String> saved = scope;
        if (d != null && d.added != null) {
            Map<String, String> inner = new LinkedHashMap<>(saved);
            inner.putAll(d.added);
            scope = inner;
        }
        return saved;
    }

    /**
     * A type id ({@code {ns}local}) as a QName value written on the element being written. A name
     * in no namespace can only be written unprefixed, where no default namespace is in effect.
     */
    String qnameValue(String id, Declared d, String elementDefault) {
        String ns = "";
        String local = id;
        if (id.startsWith("{")) {
            int close = id.indexOf('}');
            ns = id.substring(1, close);
            local = id.substring(close + 1);
        }
        if (!ns.isEmpty()) {
            return prefixFor(ns, d) + ":" + local;
        }
        if (!elementDefault.isEmpty()) {
            throw CodecFailure.of("invalid-type", "a type in no namespace cannot be named under a default namespace");
        }
        return local;
    }

    /** Kept XML written where the default namespace is {@code parentDefault}. */
    String writeKept(XmlElement element, String parentDefault) {
        Map<String, String> context = new LinkedHashMap<>(scope);
        context.put("", parentDefault);
        return XmlWriter.serialize(element, context);
    }

    /** The fragment's root declares the {@code xsi}/{@code xsd} prefixes that were used. */
    void declareOnRoot(StringBuilder fragment, int start) {
        if (!(xsiUsed && !xsiDeclared) && !(xsdUsed && !xsdDeclared)) {
            return;
        }
        StringBuilder declarations = new StringBuilder();
        if (xsiUsed && !xsiDeclared) {
            declarations.append(" xmlns:").append(xsiPrefix).append("=\"").append(XmlWriter.XSI_NS).append('"');
        }
        if (xsdUsed && !xsdDeclared) {
            declarations.append(" xmlns:").append(xsdPrefix).append("=\"").append(XSD_NS).append('"');
        }
        if (declarations.length() == 0) {
            return;
        }
        int at = start + 1;
        while (at < fragment.length() && " \t\n\r/>".indexOf(fragment.charAt(at)) < 0) {
            at++;
        }
        fragment.insert(at, declarations);
    }
}
