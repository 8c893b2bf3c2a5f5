package io.ecgrid.soap.runtime;

import java.util.Set;

/**
 * The check of an element's {@code xsi:type}: it must name the element's declared type (by its
 * schema name) or, for a simple type, an XML Schema builtin (a wider type its text is still
 * checked against), or {@code soapenc:Array} for a SOAP-encoded array. Anything else, a type the
 * schema does not know above all, is the decode error {@code invalid-type}. A complex type of a
 * derivation hierarchy ({@link ComplexType#derivation}) also takes the types derived from it.
 */
final class XsiType {
    /** The local names of the XML Schema builtins. */
    private static final Set<String> BUILTINS = Set.of("anyType", "anySimpleType", "string", "normalizedString", "token",
            "language", "Name", "NCName", "NMTOKEN", "NMTOKENS", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "QName",
            "NOTATION", "anyURI", "boolean", "decimal", "integer", "nonPositiveInteger", "negativeInteger", "long", "int",
            "short", "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
            "positiveInteger", "float", "double", "duration", "dateTime", "time", "date", "gYearMonth", "gYear",
            "gMonthDay", "gDay", "gMonth", "hexBinary", "base64Binary");

    private XsiType() {
    }

    /**
     * The type an element declared with {@code declared} decodes with: a type derived from it when
     * its {@code xsi:type} names one (for a type of a derivation hierarchy), else {@code declared}
     * after {@link #check}.
     */
    static TypeCodec<?> resolve(TypeCodec<?> declared, XmlElement node, boolean strict) {
        if (!(declared instanceof ComplexType<?> complex) || complex.id() == null) {
            check(declared, node, strict);
            return declared;
        }
        for (XmlAttribute a : node.attributes()) {
            if (a.localName().equals("type") && a.namespace().equals(XmlWriter.XSI_NS)) {
                Name name = Name.of(node, a.value(), strict);
                ComplexType<?> target = complex.xsiTarget(name.ns() == null ? "" : name.ns(), name.local(), strict);
                if (target == null) {
                    throw CodecFailure.at("invalid-type", "xsi:type " + CodecFailure.quote(name.text()) + " does not name " + declared.name()
                            + " or a type derived from it", node);
                }
                return target;
            }
        }
        return declared;
    }

    /** Fails with {@code invalid-type} when the element's {@code xsi:type} does not name {@code declared}. */
    static void check(TypeCodec<?> declared, XmlElement node, boolean strict) {
        if (declared instanceof TypeCodec.AnyType) {
            return;
        }
        for (XmlAttribute a : node.attributes()) {
            if (a.localName().equals("type") && a.namespace().equals(XmlWriter.XSI_NS)) {
                check(declared, node, Name.of(node, a.value(), strict));
                return;
            }
        }
    }

    /**
     * An {@code xsi:type} value as written (collapsed), and the namespace (null when its prefix is not in scope) and local
     * name it names at {@code node}; an undeclared prefix is an {@code invalid-value} failure in strict mode.
     */
    private record Name(String text, String ns, String local) {
        static Name of(XmlElement node, String value, boolean strict) {
            String text = Builtins.collapse(value);
            int colon = text.indexOf(':');
            String prefix = colon < 0 ? "" : text.substring(0, colon);
            String ns = node.scope().get(prefix);
            if (ns == null && !prefix.isEmpty() && strict) {
                throw CodecFailure.at("invalid-value", "xsi:type " + CodecFailure.quote(text) + " uses an undeclared prefix", node);
            }
            return new Name(text, ns, colon < 0 ? text : text.substring(colon + 1));
        }
    }

    private static void check(TypeCodec<?> declared, XmlElement node, Name name) {
        String qname = name.text();
        String ns = name.ns();
        String local = name.local();
        if (local.equals(declared.name())) {
            return;
        }
        boolean builtinNamespace = ns == null || ns.equals(EncodeState.XSD_NS) || ns.equals(EncodeState.SOAP_ENCODING_NS);
        if (declared instanceof SimpleType<?> && builtinNamespace && BUILTINS.contains(local)) {
            return;
        }
        if (declared instanceof SoapArrayType<?, ?> && local.equals("Array")
                && (ns == null || ns.equals(EncodeState.SOAP_ENCODING_NS))) {
            return;
        }
        throw CodecFailure.at("invalid-type", "xsi:type " + CodecFailure.quote(qname) + " does not name " + declared.name()
                + " (this runtime decodes no other type in its place)", node);
    }
}
