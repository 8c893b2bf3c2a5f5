package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * A complex type: attributes, then child elements matched against the particles in schema order.
 * Decoding is strict (unknown, misplaced or surplus elements, stray text and missing required
 * elements fail with the path); encoding writes exactly what the TypeScript runtime writes.
 * Generated models hold theirs in a static {@code XML_TYPE} field.
 *
 * @param <T> the model class
 */
public final class ComplexType<T> implements TypeCodec<T> {
    /** Marks a decoded {@code xsi:nil} until it is stored. */
    private static final Object NIL = new Object();

    private final String name;
    private final Class<T> javaType;
    private final Supplier<T> create;
    private final List<Particle<T>> content = new ArrayList<>();
    private final List<Particle<T>> attributes = new ArrayList<>();
    /** simpleContent: the particle of the element's text, else null. */
    private Particle<T> text;
    /** {@code xs:anyAttribute}: the particle of the kept attributes, else null. */
    private Particle<T> otherAttributes;
    /** Mixed content: the particle of the text segments, else null. */
    private Particle<T> mixed;
    /** The content has nested groups: decoded by {@link Groups}. */
    private final boolean grouped;
    /** Every element particle, nested ones included (for messages of the grouped path). */
    private final List<Particle<?>> elements = new ArrayList<>();
    /** {@code xs:all}: each element at most once, in any order (written in schema order). */
    private final boolean all;
    /** {@code {namespace}local}, set by {@link #derivation}: the name {@code xsi:type} gives the type. */
    private String id;
    /** Every type derived from this one (all generations), set by {@link #derivation}. */
    private Supplier<? extends List<? extends ComplexType<? extends T>>> derivedRef;
    private volatile List<? extends ComplexType<? extends T>> derived;

    private ComplexType(String name, Class<T> javaType, Supplier<T> create, List<Particle<T>> particles, boolean all) {
        this.name = name;
        this.javaType = javaType;
        this.create = create;
        this.all = all;
        for (Particle<T> p : particles) {
            if (p.kind == Particle.Kind.TEXT) {
                text = p;
            } else if (p.kind == Particle.Kind.MIXED) {
                mixed = p;
            } else if (p.kind == Particle.Kind.OTHER_ATTRIBUTES) {
                otherAttributes = p;
            } else {
                (p.kind == Particle.Kind.ATTRIBUTE ? attributes : content).add(p);
            }
        }
        this.grouped = Groups.hasGroups(content);
        Groups.collectElements(content, elements);
    }

    /**
     * A type whose content is a sequence.
     *
     * @param <T> the model class
     * @param name the type's schema name: it starts error paths
     * @param javaType the model class
     * @param create makes an empty model
     * @param particles the elements, wildcards and attributes, elements in schema order
     * @return the codec
     */
    public static <T> ComplexType<T> of(String name, Class<T> javaType, Supplier<T> create, List<Particle<T>> particles) {
        return new ComplexType<>(name, javaType, create, particles, false);
    }

    /**
     * An {@code xs:all} type: each element at most once, in any order.
     *
     * @param <T> the model class
     * @param name the type's schema name
     * @param javaType the model class
     * @param create makes an empty model
     * @param particles the elements and attributes, elements in schema order (the order they are written in)
     * @return the codec
     */
    public static <T> ComplexType<T> all(String name, Class<T> javaType, Supplier<T> create, List<Particle<T>> particles) {
        return new ComplexType<>(name, javaType, create, particles, true);
    }

    /**
     * An abstract type: an element of it must carry {@code xsi:type} naming a concrete derived
     * type, and a value is always of a derived type's class.
     *
     * @param <T> the model class (abstract)
     * @param name the type's schema name
     * @param javaType the model class
     * @param all true for an {@code xs:all} type
     * @param particles the elements, wildcards and attributes, elements in schema order
     * @return the codec
     */
    public static <T> ComplexType<T> ofAbstract(String name, Class<T> javaType, boolean all, List<Particle<T>> particles) {
        return new ComplexType<>(name, javaType, null, particles, all);
    }

    /**
     * Makes the type part of a derivation hierarchy: {@code xsi:type} names it by {@code id}, and
     * names the types derived from it, which decode in its place (and whose values are written
     * with {@code xsi:type}). Called once, on the codec a model's {@code XML_TYPE} holds.
     *
     * @param id {@code {namespace}local} of the type
     * @param derived every type derived from it, directly or not (looked up on first use)
     * @return this codec
     */
    public ComplexType<T> derivation(String id, Supplier<? extends List<? extends ComplexType<? extends T>>> derived) {
        this.id = id;
        this.derivedRef = derived;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    /** The type's id when it takes part in a derivation hierarchy, else null. */
    String id() {
        return id;
    }

    private List<? extends ComplexType<? extends T>> derived() {
        List<? extends ComplexType<? extends T>> d = derived;
        if (d == null) {
            d = derivedRef == null ? List.of() : derivedRef.get();
            derived = d;
        }
        return d;
    }

    private static String localOf(String id) {
        return id.substring(id.indexOf('}') + 1);
    }

    /**
     * The type an element declared with this type decodes with when its {@code xsi:type} names
     * {@code {ns}local}: this one, a derived one, or null when that is not allowed. Without strict
     * namespaces the local name alone decides.
     */
    ComplexType<? extends T> xsiTarget(String ns, String local, boolean strict) {
        String wanted = ns.isEmpty() ? local : "{" + ns + "}" + local;
        if (strict ? wanted.equals(id) : local.equals(localOf(id))) {
            return this;
        }
        for (ComplexType<? extends T> d : derived()) {
            if (strict ? wanted.equals(d.id) : local.equals(localOf(d.id))) {
                return d;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Decoding

    static boolean isWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** True when the element carries {@code xsi:nil="true"} (or {@code "1"}). */
    static boolean isNil(XmlElement node) {
        for (XmlAttribute a : node.attributes()) {
            if (a.localName().equals("nil") && a.namespace().equals(XmlWriter.XSI_NS)) {
                String v = Builtins.collapse(a.value());
                return v.equals("true") || v.equals("1");
            }
        }
        return false;
    }

    private static boolean matchesElement(Particle<?> p, XmlElement child, boolean strict) {
        return p.matches(child, strict);
    }

    /** Whether particle {@code i} takes {@code child}; a wildcard leaves what a later particle takes. */
    private boolean matchesAt(int i, XmlElement child, boolean strict) {
        Particle<T> p = content.get(i);
        if (p.kind != Particle.Kind.ANY) {
            return matchesElement(p, child, strict);
        }
        for (int j = i + 1; j < content.size(); j++) {
            Particle<T> later = content.get(j);
            if (later.kind != Particle.Kind.ANY && matchesElement(later, child, strict)) {
                return false;
            }
        }
        return true;
    }

    private static String describeCount(int min, String name) {
        return min == 1 ? "missing required element <" + name + ">" : "expected at least " + min + " <" + name + "> elements";
    }

    /** Explains why no particle at or after {@code pi} takes {@code child}. */
    private CodecFailure rejectChild(int pi, int count, XmlElement child, boolean strict) {
        if (pi < content.size() && matchesAt(pi, child, strict)) {
            Particle<T> current = content.get(pi);
            return CodecFailure.at("too-many-elements", "at most " + current.max + " <" + child.localName()
                    + "> element(s) allowed", child).segment("." + current.name);
        }
        String segment = "." + Show.excerpt(child.localName());
        if (strict) {
            for (Particle<T> p : content) {
                if (p.kind != Particle.Kind.ANY && p.name.equals(child.localName()) && !p.ns.equals(child.namespace())) {
                    String found = child.namespace().isEmpty() ? "no namespace" : "namespace " + Show.quote(child.namespace());
                    String wanted = p.ns.isEmpty() ? "no namespace" : "namespace \"" + p.ns + "\"";
                    return CodecFailure.at("wrong-namespace", "element <" + Show.excerpt(child.localName()) + "> is in " + found
                            + ", expected " + wanted, child).segment(segment);
                }
            }
        }
        for (int j = 0; j < pi; j++) {
            if (matchesAt(j, child, strict)) {
                return CodecFailure.at("unexpected-element", "element <" + Show.excerpt(child.localName()) + "> is out of schema order",
                        child).segment(segment);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int j = pi; j < content.size(); j++) {
            Particle<T> p = content.get(j);
            if (j == pi && p.max != -1 && count >= p.max) {
                continue;
            }
            expected.add(p.kind == Particle.Kind.ANY ? "any element" : "<" + p.name + ">");
            if (p.min > (j == pi ? count : 0)) {
                break;
            }
        }
        String hint = expected.isEmpty() ? "no more elements expected" : "expected " + String.join(" or ", expected);
        return CodecFailure.at("unexpected-element", "unexpected element <" + Show.excerpt(child.localName()) + "> (" + hint + ")", child)
                .segment(segment);
    }

    /** {@code xs:anyAttribute}: the attributes no declared one takes ({@code xsi:} ones aside), by Clark name. */
    private void keepAttributes(XmlElement node, boolean strict, T out) {
        Map<String, String> kept = null;
        for (XmlAttribute x : node.attributes()) {
            if (x.namespace().equals(XmlWriter.XSI_NS)) {
                continue;
            }
            boolean declared = false;
            for (Particle<T> a : attributes) {
                declared |= x.localName().equals(a.name) && (!strict || x.namespace().equals(a.ns));
            }
            if (declared) {
                continue;
            }
            if (kept == null) {
                kept = new java.util.LinkedHashMap<>();
            }
            kept.put(x.namespace().isEmpty() ? x.localName() : "{" + x.namespace() + "}" + x.localName(), x.value());
        }
        if (kept != null) {
            otherAttributes.set(out, kept);
        }
    }

    /** The kept attributes of {@code xs:anyAttribute}, after the declared ones. */
    private String encodeKeptAttributes(T value, EncodeState st, EncodeState.Declared d) {
        Object kept = otherAttributes.get(value);
        if (kept == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) kept).entrySet()) {
            String key = String.valueOf(e.getKey());
            String segment = ".$attributes[" + Show.quote(key) + "]";
            if (!(e.getValue() instanceof String v)) {
                throw CodecFailure.of("invalid-type", "expected a string").segment(segment);
            }
            boolean clark = key.startsWith("{") && key.indexOf('}') > 0;
            String ns = clark ? key.substring(1, key.indexOf('}')) : "";
            String local = clark ? key.substring(key.indexOf('}') + 1) : key;
            if (!isNCName(local) || (clark && ns.isEmpty())) {
                throw CodecFailure.of("invalid-value", CodecFailure.quote(key) + " is not an attribute name ({namespace}local or local)").segment(segment);
            }
            if (ns.equals(XmlWriter.XSI_NS) || ns.equals("http://www.w3.org/2000/xmlns/") || (ns.isEmpty() && local.equals("xmlns"))) {
                throw CodecFailure.of("invalid-value", CodecFailure.quote(key) + " cannot be written as a kept attribute").segment(segment);
            }
            for (Particle<T> a : attributes) {
                if (a.name.equals(local) && a.ns.equals(ns)) {
                    throw CodecFailure.of("invalid-value", CodecFailure.quote(key) + " is a declared attribute: set its property instead").segment(segment);
                }
            }
            out.append(' ');
            if (!ns.isEmpty()) {
                out.append(st.prefixFor(ns, d)).append(':');
            }
            out.append(local).append("=\"").append(XmlWriter.escapeAttribute(v)).append('"');
        }
        return out.toString();
    }

    /** An XML name without a colon. */
    private static boolean isNCName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean start = Character.isLetter(c) || c == '_';
            if (!(i == 0 ? start : start || Character.isDigit(c) || c == '-' || c == '.' || c == '\u00b7' || Character.getType(c) == Character.NON_SPACING_MARK)) {
                return false;
            }
        }
        return true;
    }

    private void decodeAttributes(XmlElement node, boolean strict, T out) {
        for (Particle<T> a : attributes) {
            XmlAttribute found = null;
            for (XmlAttribute x : node.attributes()) {
                if (x.localName().equals(a.name) && (!strict || x.namespace().equals(a.ns))) {
                    found = x;
                    break;
                }
            }
            if (found == null) {
                if (a.min > 0) {
                    throw CodecFailure.at("missing-attribute", "missing required attribute \"" + a.name + "\"", node)
                            .segment("." + a.name);
                }
                continue;
            }
            try {
                SimpleType<?> type = (SimpleType<?>) a.type();
                Object value = type.parseValue(found.value(), node);
                if (a.fixedValue != null && !sameAsFixed(type, value, a.fixedValue)) {
                    throw CodecFailure.at("invalid-value", "attribute \"" + a.name + "\" must have the fixed value "
                            + CodecFailure.quote(a.fixedValue), node);
                }
                a.set(out, value);
            } catch (CodecFailure f) {
                throw f.segment("." + a.name);
            }
        }
    }

    /** No text and no child elements (comments and PIs do not count). */
    private static boolean isEmptyElement(XmlElement node) {
        for (XmlNode child : node.children()) {
            if (child instanceof XmlElement || child instanceof XmlNode.Text) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value equals the fixed one in the value space: as the type writes them ({@code 1} and
     * {@code true} are the same boolean), and for decimals by number ({@code 1.00} is {@code 1.0}).
     */
    private static boolean sameAsFixed(SimpleType<?> type, Object value, String fixed) {
        Object expected = type.parseValue(fixed, null);
        if (value instanceof XsdDecimal a && expected instanceof XsdDecimal b) return a.compareTo(b) == 0;
        return type.formatValue(value).equals(type.formatValue(expected));
    }

    /** One element's value: an empty element takes the default (or fixed) value; a fixed value is enforced. */
    private static Object decodeElement(Particle<?> p, XmlElement child, boolean strict) {
        if ((p.defaultValue != null || p.fixedValue != null) && p.type() instanceof ComplexType<?> complex && complex.text != null) {
            return complex.decodeConstrained(p, child, strict);
        }
        if ((p.defaultValue == null && p.fixedValue == null) || !(p.type() instanceof SimpleType<?> type)) {
            return p.type().decode(child, strict);
        }
        Object value = isEmptyElement(child) ? type.parseValue(p.defaultValue != null ? p.defaultValue : p.fixedValue, child)
                : type.decode(child, strict);
        if (p.fixedValue != null && !sameAsFixed(type, value, p.fixedValue)) {
            throw CodecFailure.at("invalid-value", "element <" + p.name + "> must have the fixed value " + CodecFailure.quote(p.fixedValue),
                    child);
        }
        return value;
    }

    /** Stores a decoded value (or NIL) in the property of a non-repeated particle. */
    /**
     * Stores a decoded occurrence of {@code p} in {@code out}: a repeated particle's into its
     * {@code list} (made and set on its first occurrence; nil items as null), a single one's as
     * the property's value.
     *
     * @return the particle's list, made here on its first occurrence (null for a single particle)
     */
    private static <T> List<Object> store(Particle<T> p, T out, List<Object> list, Object value) {
        if (!p.many()) {
            store(p, out, value);
            return list;
        }
        List<Object> items = list;
        if (items == null) {
            items = new ArrayList<>();
            p.set(out, items);
        }
        items.add(value == NIL ? null : value);
        return items;
    }

    private static <T> void store(Particle<T> p, T out, Object value) {
        if (p.kind == Particle.Kind.NILLABLE) {
            p.set(out, value == NIL ? Nillable.nil() : Nillable.of(value));
        } else {
            p.set(out, value == NIL ? null : value);
        }
    }

    /**
     * A substitution group head's occurrence: the head itself (its value, or {@link #NIL}) or a
     * member, each as a {@link Substitution}.
     */
    private static Object decodeSubstitution(Particle<?> p, XmlElement child, boolean strict) {
        Root<?> member = p.memberFor(child, strict);
        if (member == null) {
            Object value = decodeHead(p, child, strict);
            return value == NIL ? NIL : Substitution.of(p.id(), value);
        }
        if (!child.attributes().isEmpty() && isNil(child)) {
            if (!member.nillable()) {
                throw CodecFailure.at("nil-not-allowed", "element <" + member.localName() + "> is not nillable", child);
            }
            return Substitution.of(member.id(), null);
        }
        return Substitution.of(member.id(), member.decodeContent(child, strict));
    }

    /** An element's value, {@link #NIL} for {@code xsi:nil}. */
    private static Object decodeOne(Particle<?> p, XmlElement child, boolean strict) {
        if (p.members() != null) {
            return decodeSubstitution(p, child, strict);
        }
        return decodeHead(p, child, strict);
    }

    private static Object decodeHead(Particle<?> p, XmlElement child, boolean strict) {
        if (!child.attributes().isEmpty() && isNil(child)) {
            if (!p.nillable) {
                throw CodecFailure.at("nil-not-allowed", "element <" + p.name + "> is not nillable", child);
            }
            return NIL;
        }
        if (!child.attributes().isEmpty()) {
            TypeCodec<?> type = XsiType.resolve(p.type(), child, strict);
            if (type != p.type()) {
                return type.decode(child, strict);
            }
        }
        return decodeElement(p, child, strict);
    }

    /** {@code xs:all}: each element at most once, in any order; missing required ones fail in schema order. */
    private T decodeAll(XmlElement node, boolean strict, T out) {
        XmlElement[] found = new XmlElement[content.size()];
        for (XmlNode c : node.children()) {
            if (!(c instanceof XmlElement child)) {
                if (c instanceof XmlNode.Text text && !isWhitespace(text.text())) {
                    throw CodecFailure.at("unexpected-text", "text is not allowed here (element-only content)", node);
                }
                continue;
            }
            int j = 0;
            while (j < content.size() && !matchesElement(content.get(j), child, strict)) {
                j++;
            }
            if (j == content.size()) {
                for (Particle<T> p : content) {
                    if (p.name.equals(child.localName()) && !p.ns.equals(child.namespace())) {
                        throw CodecFailure.at("wrong-namespace", "element <" + Show.excerpt(child.localName()) + "> is in the wrong namespace", child)
                                .segment("." + Show.excerpt(child.localName()));
                    }
                }
                throw CodecFailure.at("unexpected-element", "unexpected element <" + Show.excerpt(child.localName()) + ">", child)
                        .segment("." + Show.excerpt(child.localName()));
            }
            Particle<T> p = content.get(j);
            if (found[j] != null) {
                throw CodecFailure.at("too-many-elements", "element <" + p.name + "> may appear only once", child).segment("." + p.name);
            }
            found[j] = child;
        }
        for (int j = 0; j < content.size(); j++) {
            Particle<T> p = content.get(j);
            if (found[j] == null) {
                if (p.min > 0) {
                    throw CodecFailure.at("missing-element", describeCount(p.min, p.name), node).segment("." + p.name);
                }
                continue;
            }
            try {
                store(p, out, decodeOne(p, found[j], strict));
            } catch (CodecFailure f) {
                throw f.segment("." + p.name);
            }
        }
        return out;
    }

    /** A simpleContent element with a default or fixed value: an empty one takes it; a fixed value is enforced. */
    private T decodeConstrained(Particle<?> p, XmlElement child, boolean strict) {
        String lexical = isEmptyElement(child) ? (p.defaultValue != null ? p.defaultValue : p.fixedValue) : null;
        T value = decodeAs(child, strict, lexical);
        SimpleType<?> type = (SimpleType<?>) text.type();
        if (p.fixedValue != null && !sameAsFixed(type, text.get(value), p.fixedValue)) {
            throw CodecFailure.at("invalid-value", "element <" + p.name + "> must have the fixed value " + CodecFailure.quote(p.fixedValue),
                    child);
        }
        return value;
    }

    @Override
    public T decode(XmlElement node, boolean strict) {
        return decodeAs(node, strict, null);
    }

    /** Decodes the element; {@code lexical}, when given, replaces a simpleContent element's text. */
    private T decodeAs(XmlElement node, boolean strict, String lexical) {
        if (create == null) {
            throw CodecFailure.at("invalid-type", "type " + name + " is abstract: the element needs an xsi:type naming a concrete derived type",
                    node);
        }
        T out = create.get();
        if (text != null) {
            try {
                text.set(out, ((SimpleType<?>) text.type()).parseValue(lexical != null ? lexical : SimpleType.textContent(node), node));
            } catch (CodecFailure f) {
                throw f.segment(".$value");
            }
            if (!attributes.isEmpty()) {
                decodeAttributes(node, strict, out);
            }
            if (otherAttributes != null) {
                keepAttributes(node, strict, out);
            }
            return out;
        }
        if (!attributes.isEmpty()) {
            decodeAttributes(node, strict, out);
        }
        if (otherAttributes != null) {
            keepAttributes(node, strict, out);
        }
        if (all) {
            return decodeAll(node, strict, out);
        }
        if (grouped || mixed != null) {
            return decodeGrouped(node, strict, out);
        }
        int n = content.size();
        int pi = 0;
        int count = 0;
        List<Object> list = null;
        for (XmlNode c : node.children()) {
            if (!(c instanceof XmlElement child)) {
                if (c instanceof XmlNode.Text text && !isWhitespace(text.text())) {
                    throw CodecFailure.at("unexpected-text", "text is not allowed here (element-only content)", node);
                }
                continue;
            }
            Particle<T> p = pi < n ? content.get(pi) : null;
            if (p == null || (p.max != -1 && count >= p.max) || !matchesAt(pi, child, strict)) {
                int j = pi + 1;
                while (j < n && !matchesAt(j, child, strict)) {
                    j++;
                }
                if (j >= n) {
                    throw rejectChild(pi, count, child, strict);
                }
                while (pi < j) {
                    leave(content.get(pi), count, out, child);
                    pi++;
                    count = 0;
                    list = null;
                }
                p = content.get(pi);
            }
            Object value;
            if (p.kind == Particle.Kind.ANY) {
                value = child;
            } else {
                try {
                    value = decodeOne(p, child, strict);
                } catch (CodecFailure f) {
                    throw f.segment(p.many() ? "." + p.name + "[" + count + "]" : "." + p.name);
                }
            }
            list = store(p, out, list, value);
            count++;
        }
        while (pi < n) {
            leave(content.get(pi), count, out, node);
            pi++;
            count = 0;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Decoding straight from the reader (the fast path of StreamDecoder)

    /** Whether {@link #decodeStream} may decode it: set on first use. */
    private volatile Boolean streamable;

    /**
     * A plain sequence of element particles (no attributes, text, wildcards, groups, xs:all,
     * substitution groups, default or fixed values) with a concrete model: what the fast path
     * decodes exactly as {@link #decodeAs} does.
     */
    boolean streamable() {
        Boolean known = streamable;
        if (known == null) {
            boolean ok = create != null && text == null && mixed == null && otherAttributes == null && attributes.isEmpty() && !all
                    && !grouped;
            for (Particle<T> p : content) {
                ok &= p.isElement() && p.members() == null && p.defaultValue == null && p.fixedValue == null;
            }
            known = ok;
            streamable = known;
        }
        return known;
    }

    /** A value of {@code codec} from the element at the reader's start tag, past its end tag; else a fallback. */
    static Object decodeStream(TypeCodec<?> codec, StreamDecoder d) throws XMLStreamException {
        if (codec instanceof SimpleType<?> simple) {
            d.readText();
            return simple.parseChars(d.textChars(), d.textLength());
        }
        if (codec instanceof ComplexType<?> complex && complex.streamable()) {
            return complex.decodeStreamContent(d);
        }
        throw StreamDecoder.fallback();
    }

    /** {@link #decodeAs} on the reader: the same particles matched the same way; anything it would refuse falls back. */
    private T decodeStreamContent(StreamDecoder d) throws XMLStreamException {
        T out = create.get();
        int n = content.size();
        int pi = 0;
        int count = 0;
        List<Object> list = null;
        while (true) {
            int event = d.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.CDATA) {
                if (!d.isWhitespaceText()) {
                    throw StreamDecoder.fallback();
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String local = d.localName();
            String ns = d.namespace();
            Particle<T> p = pi < n ? content.get(pi) : null;
            if (p == null || (p.max != -1 && count >= p.max) || !p.name.equals(local) || !p.ns.equals(ns)) {
                int j = pi + 1;
                while (j < n && !(content.get(j).name.equals(local) && content.get(j).ns.equals(ns))) {
                    j++;
                }
                if (j >= n) {
                    throw StreamDecoder.fallback();
                }
                while (pi < j) {
                    Particle<T> left = content.get(pi);
                    if (count < left.min) {
                        throw StreamDecoder.fallback();
                    }
                    if (count == 0 && left.many()) {
                        left.set(out, new ArrayList<>());
                    }
                    pi++;
                    count = 0;
                    list = null;
                }
                p = content.get(pi);
            }
            Object value;
            if (d.isNil()) {
                if (!p.nillable) {
                    throw StreamDecoder.fallback();
                }
                d.skipElement();
                value = NIL;
            } else {
                value = decodeStream(p.type(), d);
            }
            list = store(p, out, list, value);
            count++;
        }
        while (pi < n) {
            Particle<T> left = content.get(pi);
            if (count < left.min) {
                throw StreamDecoder.fallback();
            }
            if (count == 0 && left.many()) {
                left.set(out, new ArrayList<>());
            }
            pi++;
            count = 0;
        }
        return out;
    }

    /** Mixed content: the text segments around the child elements' parts. */
    private static void interleave(Object texts, List<String> parts, StringBuilder out) {
        if (texts == null) {
            for (String part : parts) {
                out.append(part);
            }
            return;
        }
        List<?> list = (List<?>) texts;
        boolean strings = list.size() == parts.size() + 1;
        for (Object t : list) {
            strings &= t instanceof String;
        }
        if (!strings) {
            throw CodecFailure.of("invalid-value", "$text must be a list of " + (parts.size() + 1) + " strings (the text around "
                    + parts.size() + " child element(s))").segment(".$text");
        }
        out.append(XmlWriter.escapeText((String) list.get(0)));
        for (int i = 0; i < parts.size(); i++) {
            out.append(parts.get(i)).append(XmlWriter.escapeText((String) list.get(i + 1)));
        }
    }

    /** The grouped path: the element children walked with a cursor through nested groups. */
    private T decodeGrouped(XmlElement node, boolean strict, T out) {
        List<XmlElement> elems = new ArrayList<>();
        List<String> texts = null;
        StringBuilder segment = null;
        if (mixed != null) {
            texts = new ArrayList<>();
            segment = new StringBuilder();
        }
        for (XmlNode c : node.children()) {
            if (c instanceof XmlElement child) {
                elems.add(child);
                if (texts != null) {
                    texts.add(segment.toString());
                    segment.setLength(0);
                }
            } else if (c instanceof XmlNode.Text t) {
                if (segment != null) {
                    segment.append(t.text());
                } else if (!isWhitespace(t.text())) {
                    throw CodecFailure.at("unexpected-text", "text is not allowed here (element-only content)", node);
                }
            }
        }
        if (texts != null) {
            texts.add(segment.toString());
            mixed.setOn(out, texts);
        }
        Groups.Walk w = new Groups.Walk(elems, strict, node, elements);
        Groups.decodeSequence(content, w, out);
        if (w.pos < elems.size()) {
            throw Groups.reject(w);
        }
        return out;
    }

    /** One element's value for the grouped path ({@link #NIL} for {@code xsi:nil}). */
    static Object decodeOneOf(Particle<?> p, XmlElement child, boolean strict) {
        return decodeOne(p, child, strict);
    }

    /** Stores a non-repeated particle's decoded value (or nil) in {@code out}. */
    static void storeIn(Particle<?> p, Object out, Object value) {
        if (p.kind == Particle.Kind.NILLABLE) {
            p.setOn(out, value == NIL ? Nillable.nil() : Nillable.of(value));
        } else {
            p.setOn(out, value == NIL ? null : value);
        }
    }

    static Object nilToNull(Object value) {
        return value == NIL ? null : value;
    }

    /** Leaves a particle: checks its minimum and gives an absent list its empty list. */
    private void leave(Particle<T> p, int count, T out, XmlElement at) {
        if (count < p.min) {
            throw CodecFailure.at("missing-element", describeCount(p.min, p.name), at).segment("." + p.name);
        }
        if (count == 0 && p.many()) {
            p.set(out, new ArrayList<>());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Encoding

    /** The attributes of the start tag; prefixes they need are declared in {@code d}. */
    private String encodeAttributes(T value, EncodeState st, EncodeState.Declared d) {
        StringBuilder out = new StringBuilder();
        for (Particle<T> a : attributes) {
            Object v = a.get(value);
            if (v == null) {
                if (a.min > 0) {
                    throw CodecFailure.of("missing-attribute", "missing required attribute \"" + a.name + "\"")
                            .segment("." + a.name);
                }
                continue;
            }
            String text;
            try {
                SimpleType<?> type = (SimpleType<?>) a.type();
                text = type.formatValue(v);
                if (a.fixedValue != null && !sameAsFixed(type, v, a.fixedValue)) {
                    throw CodecFailure.of("invalid-value", "attribute \"" + a.name + "\" must have the fixed value "
                            + CodecFailure.quote(a.fixedValue));
                }
            } catch (CodecFailure f) {
                throw f.segment("." + a.name);
            }
            out.append(' ');
            if (!a.ns.isEmpty()) {
                out.append(st.prefixFor(a.ns, d)).append(':');
            }
            out.append(a.name).append("=\"").append(XmlWriter.escapeAttribute(text)).append('"');
        }
        return out.toString();
    }

    /** One occurrence of an element particle (a single value or one list item); null is nil. */
    private static void encodeOccurrence(Particle<?> p, Object v, EncodeState st, String def, int depth, StringBuilder out) {
        if (p.members() != null && v != null) {
            if (!(v instanceof Substitution<?> s)) {
                throw CodecFailure.of("invalid-type", "expected a Substitution (the value with the element it stands as)");
            }
            if (!s.element().equals(p.id())) {
                Root<?> member = null;
                for (Root<?> m : p.members()) {
                    if (m.id().equals(s.element())) {
                        member = m;
                    }
                }
                if (member == null) {
                    throw CodecFailure.of("invalid-value", "$element must name a member of the substitution group of <" + p.name + ">")
                            .segment(".$element");
                }
                if (s.value() == null) {
                    if (!member.nillable()) {
                        throw CodecFailure.of("nil-not-allowed", "element <" + member.localName() + "> is not nillable; null is not allowed");
                    }
                    st.nilElement(out, member.localName(), member.namespace(), def);
                    return;
                }
                member.encodeContent(s.value(), st, def, depth, out);
                return;
            }
            if (p.headAbstract) {
                throw CodecFailure.of("invalid-type", "element <" + p.name + "> is abstract: $element must name a member of its substitution group");
            }
            encodeHead(p, s.value(), st, def, depth, out);
            return;
        }
        encodeHead(p, v, st, def, depth, out);
    }

    private static void encodeHead(Particle<?> p, Object v, EncodeState st, String def, int depth, StringBuilder out) {
        if (v == null) {
            if (!p.nillable) {
                throw CodecFailure.of("nil-not-allowed", "element <" + p.name + "> is not nillable; null is not allowed");
            }
            st.nilElement(out, p.name, p.ns, def);
            return;
        }
        if (p.fixedValue != null && p.type() instanceof SimpleType<?> type && !sameAsFixed(type, v, p.fixedValue)) {
            throw CodecFailure.of("invalid-value", "element <" + p.name + "> must have the fixed value " + CodecFailure.quote(p.fixedValue));
        }
        if (p.fixedValue != null && p.type() instanceof ComplexType<?> complex) {
            complex.checkFixedText(v, p);
        }
        p.type().encode(v, p.name, p.ns, st, def, depth, out);
    }

    @Override
    public void encode(Object value, String local, String ns, EncodeState st, String parentDefault, int depth,
            StringBuilder out) {
        if (value == null || value.getClass() != javaType) {
            for (ComplexType<? extends T> d : value == null ? List.<ComplexType<? extends T>>of() : derived()) {
                if (d.javaType == value.getClass()) {
                    d.encodeAs(value, local, ns, st, parentDefault, depth, out, d.id);
                    return;
                }
            }
            throw CodecFailure.of("invalid-type", "expected a " + javaType.getSimpleName());
        }
        if (create == null) {
            throw CodecFailure.of("invalid-type", "type " + name + " is abstract: the value must be of a concrete derived type");
        }
        encodeAs(value, local, ns, st, parentDefault, depth, out, null);
    }

    /** A simpleContent value (of this type or a derived one) against an element's fixed value. */
    private void checkFixedText(Object value, Particle<?> p) {
        ComplexType<?> actual = this;
        for (ComplexType<? extends T> d : derived()) {
            if (d.javaType == value.getClass()) {
                actual = d;
            }
        }
        actual.checkOwnFixedText(value, p);
    }

    private void checkOwnFixedText(Object value, Particle<?> p) {
        if (text == null || !javaType.isInstance(value)) {
            return;
        }
        Object v = text.get(javaType.cast(value));
        if (v != null && !sameAsFixed((SimpleType<?>) text.type(), v, p.fixedValue)) {
            throw CodecFailure.of("invalid-value", "element <" + p.name + "> must have the fixed value " + CodecFailure.quote(p.fixedValue))
                    .segment(".$value");
        }
    }

    /** Writes the element with this type's content; {@code xsiType}, when given, names the type in {@code xsi:type}. */
    private void encodeAs(Object value, String local, String ns, EncodeState st, String parentDefault, int depth,
            StringBuilder out, String xsiType) {
        T v = javaType.cast(value);
        String def = st.defaultInside(ns, parentDefault);
        EncodeState.Declared d = null;
        String attributeText = "";
        if (xsiType != null) {
            d = new EncodeState.Declared();
            st.xsiUsed = true;
            attributeText = " " + st.xsiPrefix + ":type=\"" + st.qnameValue(xsiType, d, def) + "\"";
        }
        if (!attributes.isEmpty()) {
            if (d == null) {
                d = new EncodeState.Declared();
            }
            attributeText += encodeAttributes(v, st, d);
        }
        if (otherAttributes != null) {
            if (d == null) {
                d = new EncodeState.Declared();
            }
            attributeText += encodeKeptAttributes(v, st, d);
        }
        String lexical = null;
        if (text != null) {
            Object tv = text.get(v);
            if (tv == null) {
                throw CodecFailure.of("missing-element", "missing the text value ($value)").segment(".$value");
            }
            try {
                lexical = ((SimpleType<?>) text.type()).formatValue(tv);
            } catch (CodecFailure f) {
                throw f.segment(".$value");
            }
        }
        st.openTag(out, local, ns, parentDefault);
        if (d != null) {
            out.append(d.text);
        }
        out.append(attributeText);
        if (lexical != null) {
            if (lexical.isEmpty()) {
                out.append("/>");
            } else {
                out.append('>').append(XmlWriter.escapeText(lexical)).append("</").append(local).append('>');
            }
            return;
        }
        Map<String, String> saved = st.enterScope(d);
        int headEnd = out.length();
        out.append('>');
        int bodyStart = out.length();
        if (mixed != null) {
            List<String> parts = new ArrayList<>();
            encodeContent(content, v, st, def, depth, out, parts);
            interleave(mixed.getFrom(v), parts, out);
        } else {
            encodeContent(content, v, st, def, depth, out, null);
        }
        st.scope = saved;
        if (out.length() == bodyStart) {
            out.setLength(headEnd);
            out.append("/>");
        } else {
            if (mixed == null) {
                st.line(out, depth);
            }
            out.append("</").append(local).append('>');
        }
    }

    /** Writes the elements of {@code particles} held by {@code v} (a model or a group's occurrence), one level below {@code depth}. */
    static void encodeContent(List<? extends Particle<?>> particles, Object v, EncodeState st, String def, int depth, StringBuilder out,
            List<String> parts) {
        for (Particle<?> p : particles) {
            if (p.kind == Particle.Kind.GROUP) {
                Groups.encodeGroup(p, v, st, def, depth, out, parts);
                continue;
            }
            if (p.twin) {
                continue;
            }
            Object item = p.getFrom(v);
            if (p.many()) {
                boolean kept = p.kind == Particle.Kind.ANY;
                if (item == null) {
                    if (p.min > 0) {
                        throw CodecFailure.of("missing-element", kept ? "expected at least " + p.min + " element(s)"
                                : "missing required element <" + p.name + ">").segment("." + p.name);
                    }
                    continue;
                }
                List<?> items = (List<?>) item;
                if (items.size() < p.min) {
                    throw CodecFailure.of("missing-element", "expected at least " + p.min + " <" + p.name + "> element(s), got "
                            + items.size()).segment("." + p.name);
                }
                if (p.max != -1 && items.size() > p.max) {
                    throw CodecFailure.of("too-many-elements", "at most " + p.max + " <" + p.name + "> element(s) allowed, got "
                            + items.size()).segment("." + p.name);
                }
                for (int i = 0; i < items.size(); i++) {
                    try {
                        StringBuilder target = parts != null ? new StringBuilder() : out;
                        if (parts == null) {
                            st.line(out, depth + 1);
                        }
                        if (kept) {
                            target.append(st.writeKept(TypeCodec.AnyType.requireXmlElement(items.get(i)), def));
                        } else {
                            encodeOccurrence(p, items.get(i), st, def, depth + 1, target);
                        }
                        if (parts != null) {
                            parts.add(target.toString());
                        }
                    } catch (CodecFailure f) {
                        throw f.segment("." + p.name + "[" + i + "]");
                    }
                }
            } else {
                boolean absent = item == null && (p.kind == Particle.Kind.NILLABLE || !p.nillable);
                if (absent) {
                    if (p.min > 0) {
                        throw CodecFailure.of("missing-element", "missing required element <" + p.name + ">").segment("." + p.name);
                    }
                    continue;
                }
                Object occurrence = p.kind == Particle.Kind.NILLABLE && item instanceof Nillable<?> wrapper ? wrapper.orNull() : item;
                try {
                    StringBuilder target = parts != null ? new StringBuilder() : out;
                    if (parts == null) {
                        st.line(out, depth + 1);
                    }
                    encodeOccurrence(p, occurrence, st, def, depth + 1, target);
                    if (parts != null) {
                        parts.add(target.toString());
                    }
                } catch (CodecFailure f) {
                    throw f.segment("." + p.name);
                }
            }
        }
    }
}
