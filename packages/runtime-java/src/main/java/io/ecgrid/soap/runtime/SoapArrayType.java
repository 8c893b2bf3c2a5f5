package io.ecgrid.soap.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A SOAP-encoded array (SOAP 1.1 section 5.4.2): the value is a list; on the wire the array
 * element holds one child per item, of any name (written {@code <item>}, unqualified), and
 * carries {@code soapenc:arrayType="p:Item[n]"}. Items may be nil. Partially transmitted
 * ({@code soapenc:offset}) and sparse ({@code soapenc:position}) arrays and multi-reference items
 * ({@code href}) are refused rather than misread.
 *
 * @param <L> the generated list class
 * @param <E> the Java type of an item
 */
public final class SoapArrayType<L extends List<E>, E> implements TypeCodec<L> {
    private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][\\w.-]*");
    private static final String ANY_TYPE_ID = "{" + EncodeState.XSD_NS + "}anyType";

    private final String name;
    private final Class<L> javaType;
    private final Supplier<L> create;
    /** The item type's id, named in {@code arrayType}. */
    private final String itemTypeId;
    private final Supplier<? extends TypeCodec<E>> itemRef;
    private volatile TypeCodec<E> item;

    /**
     * A SOAP-encoded array type.
     *
     * @param name the array type's schema name
     * @param javaType the generated list class
     * @param create makes an empty list
     * @param itemTypeId {@code {namespace}local} of the item type, named in {@code soapenc:arrayType}
     * @param item the item type's codec, looked up on first use
     */
    public SoapArrayType(String name, Class<L> javaType, Supplier<L> create, String itemTypeId, Supplier<? extends TypeCodec<E>> item) {
        this.name = name;
        this.javaType = javaType;
        this.create = create;
        this.itemTypeId = itemTypeId;
        this.itemRef = item;
    }

    private TypeCodec<E> item() {
        TypeCodec<E> t = item;
        if (t == null) {
            t = itemRef.get();
            item = t;
        }
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    private E decodeItem(XmlElement child, boolean strict) {
        if (!child.attributes().isEmpty()) {
            XsiType.check(item(), child, strict);
        }
        return item().decode(child, strict);
    }

    /** The {@code arrayType} QName of the items ({@code xsd:int}, {@code t:Item}, {@code xsd:string[]} for nested arrays). */
    private String itemTypeName(EncodeState st, EncodeState.Declared d, String def) {
        if (item() instanceof SoapArrayType<?, ?> nested) {
            return nested.itemTypeName(st, d, def) + "[]";
        }
        int close = itemTypeId.indexOf('}');
        String local = close < 0 ? itemTypeId : itemTypeId.substring(close + 1);
        // Generated ids of anonymous types are not QNames; their items are declared as xsd:anyType.
        return st.qnameValue(NCNAME.matcher(local).matches() ? itemTypeId : ANY_TYPE_ID, d, def);
    }

    @Override
    public L decode(XmlElement node, boolean strict) {
        for (XmlAttribute a : node.attributes()) {
            if (a.namespace().equals(EncodeState.SOAP_ENCODING_NS) && a.localName().equals("offset")) {
                throw CodecFailure.at("invalid-value", "partially transmitted SOAP arrays (soapenc:offset) are not supported", node);
            }
        }
        L out = create.get();
        for (XmlNode c : node.children()) {
            if (c instanceof XmlNode.Text text) {
                if (!ComplexType.isWhitespace(text.text())) {
                    throw CodecFailure.at("unexpected-text", "text is not allowed here (element-only content)", node);
                }
                continue;
            }
            if (!(c instanceof XmlElement child)) {
                continue;
            }
            try {
                for (XmlAttribute a : child.attributes()) {
                    if (a.namespace().equals(EncodeState.SOAP_ENCODING_NS) && a.localName().equals("position")) {
                        throw CodecFailure.at("invalid-value", "sparse SOAP arrays (soapenc:position) are not supported", child);
                    }
                    if (a.namespace().isEmpty() && a.localName().equals("href")) {
                        throw CodecFailure.at("invalid-value", "multi-reference values (href) are not supported", child);
                    }
                }
                out.add(!child.attributes().isEmpty() && ComplexType.isNil(child) ? null : decodeItem(child, strict));
            } catch (CodecFailure f) {
                throw f.segment("[" + out.size() + "]");
            }
        }
        return out;
    }

    @Override
    public void encode(Object value, String local, String ns, EncodeState st, String parentDefault, int depth,
            StringBuilder out) {
        if (!javaType.isInstance(value) && !(value instanceof List<?>)) {
            throw CodecFailure.of("invalid-type", "expected a list (a SOAP-encoded array)");
        }
        List<?> items = (List<?>) value;
        String def = st.defaultInside(ns, parentDefault);
        EncodeState.Declared d = new EncodeState.Declared();
        String enc = st.prefixFor(EncodeState.SOAP_ENCODING_NS, d);
        String arrayType = itemTypeName(st, d, def) + "[" + items.size() + "]";
        st.openTag(out, local, ns, parentDefault);
        out.append(d.text).append(' ').append(enc).append(":arrayType=\"").append(XmlWriter.escapeAttribute(arrayType)).append('"');
        Map<String, String> saved = st.enterScope(d);
        int headEnd = out.length();
        out.append('>');
        for (int i = 0; i < items.size(); i++) {
            try {
                st.line(out, depth + 1);
                Object v = items.get(i);
                if (v == null) {
                    st.nilElement(out, "item", "", def);
                } else {
                    item().encode(v, "item", "", st, def, depth + 1, out);
                }
            } catch (CodecFailure f) {
                throw f.segment("[" + i + "]");
            }
        }
        st.scope = saved;
        if (items.isEmpty()) {
            out.setLength(headEnd);
            out.append("/>");
        } else {
            st.line(out, depth);
            out.append("</").append(local).append('>');
        }
    }
}
