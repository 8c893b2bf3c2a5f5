package io.ecgrid.soap.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.xml.stream.XMLStreamException;

/**
 * Something {@code decode} and {@code encode} take: a global element, or a named type written as
 * an element of its own name. A generated SDK has one constant per root in its {@code Roots} class:
 * {@code Roots.KEY_ID_INFO.decode(xml)}, {@code Roots.KEY_SET.encode(request)}.
 *
 * @param <T> the Java type of the values it decodes and encodes
 */
public final class Root<T> {

    /** A global element or a named type. */
    public enum Kind {
        /** A global element: its name and namespace are checked when decoding. */
        ELEMENT,
        /** A named type, written as an element of the type's own name. */
        TYPE
    }

    private final Kind kind;
    private final String id;
    private final String namespace;
    private final String localName;
    private final boolean nillable;
    private final Supplier<? extends TypeCodec<T>> type;
    /** A substitution group's head: its members (values are {@link Substitution}s), else null. */
    private final Supplier<? extends List<? extends Root<?>>> members;
    private final boolean headAbstract;

    private Root(Kind kind, String id, String namespace, String localName, boolean nillable,
            Supplier<? extends TypeCodec<T>> type) {
        this(kind, id, namespace, localName, nillable, type, null, false);
    }

    private Root(Kind kind, String id, String namespace, String localName, boolean nillable,
            Supplier<? extends TypeCodec<T>> type, Supplier<? extends List<? extends Root<?>>> members, boolean headAbstract) {
        this.members = members;
        this.headAbstract = headAbstract;
        this.kind = kind;
        this.id = id;
        this.namespace = namespace;
        this.localName = localName;
        this.nillable = nillable;
        this.type = type;
    }

    /**
     * A global element ({@code Roots} of a generated SDK declares them).
     *
     * @param <T> the Java type of the element's values
     * @param id {@code {namespace}local} of the element
     * @param namespace the element's namespace ({@code ""} for none)
     * @param localName the element's name
     * @param nillable whether the element may be {@code xsi:nil}
     * @param type the codec of the element's type, looked up on first use
     * @return the root
     */
    public static <T> Root<T> element(String id, String namespace, String localName, boolean nillable,
            Supplier<? extends TypeCodec<T>> type) {
        return new Root<>(Kind.ELEMENT, id, namespace, localName, nillable, type);
    }

    /**
     * A global element that heads a substitution group: its values are {@link Substitution}s, the
     * value with the element it stands as (the head itself, unless it is abstract, or a member).
     *
     * @param <V> the head's value type
     * @param id {@code {namespace}local} of the element
     * @param namespace the element's namespace ({@code ""} for none)
     * @param localName the element's name
     * @param nillable whether the element may be {@code xsi:nil}
     * @param headAbstract whether the element is abstract (only members may stand as it)
     * @param type the codec of the element's type, looked up on first use
     * @param members the group's members, looked up on first use
     * @return the root
     */
    @SuppressWarnings("unchecked")
    public static <V> Root<Substitution<V>> substitutionGroup(String id, String namespace, String localName, boolean nillable,
            boolean headAbstract, Supplier<? extends TypeCodec<V>> type, Supplier<? extends List<? extends Root<?>>> members) {
        // The head's codec decodes the head's own values; this root wraps them (see decode and encode).
        Supplier<? extends TypeCodec<Substitution<V>>> codec = (Supplier<? extends TypeCodec<Substitution<V>>>) (Supplier<?>) type;
        return new Root<>(Kind.ELEMENT, id, namespace, localName, nillable, codec, members, headAbstract);
    }

    /**
     * A named type, written as an element of the type's own name.
     *
     * @param <T> the Java type of the type's values
     * @param id {@code {namespace}local} of the type
     * @param namespace the type's namespace
     * @param localName the type's name
     * @param type the type's codec, looked up on first use
     * @return the root
     */
    public static <T> Root<T> type(String id, String namespace, String localName, Supplier<? extends TypeCodec<T>> type) {
        return new Root<>(Kind.TYPE, id, namespace, localName, true, type);
    }

    /**
     * Whether this is a global element or a named type.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The id of the element or the type.
     *
     * @return {@code {namespace}local}
     */
    public String id() {
        return id;
    }

    /**
     * The namespace of the XML name it is written under.
     *
     * @return the namespace, {@code ""} for none
     */
    public String namespace() {
        return namespace;
    }

    /**
     * The XML name it is written under: the element's, or the type's own name.
     *
     * @return the local name
     */
    public String localName() {
        return localName;
    }

    /** The path root of errors: a complex type's schema name, else the element's name. */
    private String rootName(TypeCodec<T> codec) {
        return codec instanceof ComplexType<?> || kind == Kind.TYPE ? codec.name() : localName;
    }

    /**
     * Decodes a document strictly (elements matched by namespace and local name).
     *
     * @param xml the document
     * @return the value; null when the root is {@code xsi:nil}
     * @throws XmlParseException when the text is not acceptable XML
     * @throws DecodeException when the document does not match the schema
     */
    public T decode(String xml) {
        return decode(XmlParser.parse(xml), DecodeOptions.STRICT);
    }

    /**
     * Decodes a document.
     *
     * @param xml the document
     * @param options strict, or namespaces ignored
     * @return the value; null when the root is {@code xsi:nil}
     * @throws XmlParseException when the text is not acceptable XML
     * @throws DecodeException when the document does not match the schema
     */
    public T decode(String xml, DecodeOptions options) {
        return decode(XmlParser.parse(xml), options);
    }

    /**
     * Decodes a parsed element strictly.
     *
     * @param node the element
     * @return the value; null when it is {@code xsi:nil}
     * @throws DecodeException when the element does not match the schema
     */
    public T decode(XmlElement node) {
        return decode(node, DecodeOptions.STRICT);
    }

    /**
     * Decodes a parsed element. For a global element its name and namespace are checked first; a
     * type decodes the element's content whatever its name.
     *
     * @param node the element
     * @param options strict, or namespaces ignored
     * @return the value; null when it is {@code xsi:nil}
     * @throws DecodeException when the element does not match the schema
     */
    public T decode(XmlElement node, DecodeOptions options) {
        if (members != null) {
            return decodeSubstitution(node, options);
        }
        TypeCodec<T> codec = type.get();
        boolean strict = !options.ignoreNamespaces();
        try {
            if (kind == Kind.ELEMENT) {
                if (!node.localName().equals(localName)) {
                    throw CodecFailure.at("unexpected-element",
                            "expected element <" + localName + ">, found <" + Show.excerpt(node.localName()) + ">", node);
                }
                if (strict && !node.namespace().equals(namespace)) {
                    String found = node.namespace().isEmpty() ? "no namespace" : "namespace " + Show.quote(node.namespace());
                    throw CodecFailure.at("wrong-namespace", "element <" + Show.excerpt(node.localName()) + "> is in " + found
                            + ", expected namespace \"" + namespace + "\"", node);
                }
                if (!node.attributes().isEmpty() && ComplexType.isNil(node)) {
                    if (!nillable) {
                        throw CodecFailure.at("nil-not-allowed", "element <" + localName + "> is not nillable", node);
                    }
                    return null;
                }
            }
            if (!node.attributes().isEmpty()) {
                return decodeAs(XsiType.resolve(codec, node, strict), node, strict);
            }
            return codec.decode(node, strict);
        } catch (CodecFailure f) {
            throw f.toDecode(rootName(codec));
        }
    }

    /** Whether {@link #decodeStream} may decode it: a global element (no substitution group) of a type the fast path reads. */
    boolean streamable() {
        if (kind != Kind.ELEMENT || members != null) {
            return false;
        }
        TypeCodec<T> codec = type.get();
        return codec instanceof SimpleType<?> || codec instanceof ComplexType<?> complex && complex.streamable();
    }

    /** {@link #decode(XmlElement, DecodeOptions)} (strict) on the reader at the element's start tag; anything else falls back. */
    Object decodeStream(StreamDecoder d) throws XMLStreamException {
        if (!d.localName().equals(localName) || !d.namespace().equals(namespace)) {
            throw StreamDecoder.fallback();
        }
        if (d.isNil()) {
            if (!nillable) {
                throw StreamDecoder.fallback();
            }
            d.skipElement();
            return null;
        }
        return ComplexType.decodeStream(type.get(), d);
    }

    /** Whether the element may be {@code xsi:nil}. */
    boolean nillable() {
        return nillable;
    }

    /** The element's value (its name not checked, nil handled by the caller), {@code xsi:type} honoured. */
    Object decodeContent(XmlElement node, boolean strict) {
        TypeCodec<?> codec = type.get();
        if (!node.attributes().isEmpty()) {
            codec = XsiType.resolve(codec, node, strict);
        }
        return codec.decode(node, strict);
    }

    /** Writes a value of this element inside content being encoded. */
    void encodeContent(Object value, EncodeState st, String parentDefault, int depth, StringBuilder out) {
        type.get().encode(value, localName, namespace, st, parentDefault, depth, out);
    }

    /** A substitution group's head: the head itself or a member, as a {@link Substitution}. */
    @SuppressWarnings("unchecked")
    private T decodeSubstitution(XmlElement node, DecodeOptions options) {
        boolean strict = !options.ignoreNamespaces();
        boolean named = node.localName().equals(localName) && (!strict || node.namespace().equals(namespace));
        if (named && !headAbstract) {
            Object value = decodeHeadElement(node, options);
            return value == null ? null : (T) Substitution.of(id, value);
        }
        Root<?> named2 = null;
        for (Root<?> m : members.get()) {
            if (node.localName().equals(m.localName) && (!strict || node.namespace().equals(m.namespace))) {
                return (T) Substitution.of(m.id, m.decode(node, options));
            }
            if (named2 == null && node.localName().equals(m.localName)) {
                named2 = m;
            }
        }
        TypeCodec<T> codec = type.get();
        try {
            Root<?> candidate = node.localName().equals(localName) ? this : named2;
            if (candidate == null) {
                throw CodecFailure.at("unexpected-element", "expected element <" + localName + ">, found <" + Show.excerpt(node.localName()) + ">",
                        node);
            }
            if (strict && !node.namespace().equals(candidate.namespace)) {
                String found = node.namespace().isEmpty() ? "no namespace" : "namespace " + Show.quote(node.namespace());
                throw CodecFailure.at("wrong-namespace", "element <" + Show.excerpt(node.localName()) + "> is in " + found
                        + ", expected namespace \"" + candidate.namespace + "\"", node);
            }
            throw CodecFailure.at("unexpected-element", "element <" + Show.excerpt(node.localName())
                    + "> is abstract: a member of its substitution group must stand in its place", node);
        } catch (CodecFailure f) {
            throw f.toDecode(rootName(codec));
        }
    }

    /** The head's own value (the Root's plain path, for the head's type). */
    private Object decodeHeadElement(XmlElement node, DecodeOptions options) {
        TypeCodec<T> codec = type.get();
        boolean strict = !options.ignoreNamespaces();
        try {
            if (!node.attributes().isEmpty() && ComplexType.isNil(node)) {
                if (!nillable) {
                    throw CodecFailure.at("nil-not-allowed", "element <" + localName + "> is not nillable", node);
                }
                return null;
            }
            return decodeContent(node, strict);
        } catch (CodecFailure f) {
            throw f.toDecode(rootName(codec));
        }
    }

    /** Decodes with the declared type or one derived from it, whose values are of a subclass of {@code T}. */
    @SuppressWarnings("unchecked")
    private T decodeAs(TypeCodec<?> codec, XmlElement node, boolean strict) {
        return (T) codec.decode(node, strict);
    }

    /**
     * Writes the value as compact, namespace-qualified XML (no XML declaration).
     *
     * @param value the value; null is written as {@code xsi:nil} where the element allows it
     * @return the XML text
     * @throws EncodeException when the value cannot be written as the schema requires
     */
    public String encode(T value) {
        return encode(value, EncodeOptions.DEFAULT);
    }

    /**
     * Writes the value as XML (no XML declaration).
     *
     * @param value the value; null is written as {@code xsi:nil} where the element allows it
     * @param options qualified or not, compact or indented
     * @return the XML text
     * @throws EncodeException when the value cannot be written as the schema requires
     */
    public String encode(T value, EncodeOptions options) {
        return encode(value, options, Map.of(), 0);
    }

    /**
     * Writes the value inside an enclosing document: {@code declarations} are the prefixes it
     * already declares (not declared again), {@code depth} the indentation level of the element.
     */
    String encode(Object value, EncodeOptions options, Map<String, String> declarations, int depth) {
        // Sized for a typical request element: growing from 16 characters copies it several times.
        StringBuilder out = new StringBuilder(512);
        encodeTo(value, options, declarations, depth, out);
        return out.toString();
    }

    /** {@link #encode(Object, EncodeOptions, Map, int)} appended to {@code out} (an envelope being written). */
    void encodeTo(Object value, EncodeOptions options, Map<String, String> declarations, int depth, StringBuilder out) {
        TypeCodec<T> codec = type.get();
        if (members != null && value != null) {
            Object inner;
            try {
                if (!(value instanceof Substitution<?> s)) {
                    throw CodecFailure.of("invalid-type", "expected a Substitution (the value with the element it stands as)");
                }
                if (!s.element().equals(id)) {
                    for (Root<?> m : members.get()) {
                        if (m.id.equals(s.element())) {
                            m.encodeTo(s.value(), options, declarations, depth, out);
                            return;
                        }
                    }
                    throw CodecFailure.of("invalid-value", "$element must name a member of the substitution group of <" + localName + ">")
                            .segment(".$element");
                }
                if (headAbstract) {
                    throw CodecFailure.of("invalid-type", "element <" + localName + "> is abstract: $element must name a member of its substitution group");
                }
                inner = s.value();
            } catch (CodecFailure f) {
                throw f.toEncode(rootName(codec));
            }
            encodePlain(inner, options, declarations, depth, out);
            return;
        }
        encodePlain(value, options, declarations, depth, out);
    }

    private void encodePlain(Object value, EncodeOptions options, Map<String, String> declarations, int depth, StringBuilder out) {
        TypeCodec<T> codec = type.get();
        int start = out.length();
        try {
            EncodeState st = new EncodeState(options.qualified(), options.indent(), declarations);
            st.xsiTypes = options.xsiTypes();
            String parentDefault = declarations.getOrDefault("", "");
            if (value == null) {
                if (!nillable) {
                    throw CodecFailure.of("nil-not-allowed", "element <" + localName + "> is not nillable; null is not allowed");
                }
                st.nilElement(out, localName, namespace, parentDefault);
            } else {
                codec.encode(value, localName, namespace, st, parentDefault, depth, out);
            }
            st.declareOnRoot(out, start);
        } catch (CodecFailure f) {
            out.setLength(start);
            throw f.toEncode(rootName(codec));
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ELEMENT ? "element " : "type ") + id;
    }
}
