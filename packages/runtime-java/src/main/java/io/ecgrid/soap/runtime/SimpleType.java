package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A simple type: a builtin, a restriction of one, or an enumeration. Parsing applies the
 * whitespace facet and validates; formatting validates the Java value (type, range, characters)
 * and gives the canonical lexical form, or the kept one for lexical types. The builtins are the
 * constants of {@link Builtins}.
 *
 * @param <V> the Java type of the values
 */
public final class SimpleType<V> implements TypeCodec<V> {

    /** Lexical form to value; throws {@link Builtins.ValueError} with the reason. */
    @FunctionalInterface
    interface Parser<V> {
        V parse(String lexical);
    }

    /** Value to lexical form; throws {@link Builtins.ValueError} with the reason. */
    @FunctionalInterface
    interface Formatter<V> {
        String format(V value);
    }

    private final String name;
    /** {@code {namespace}local}, named by {@code xsi:type} in rpc/encoded output; null when not known. */
    private final String id;
    private final Class<V> javaType;
    private final String expected;
    private final Parser<V> parser;
    private final Formatter<V> formatter;

    /**
     * How {@link #encode} writes a common value straight into the output, the text
     * {@link #formatValue} and escaping would give: a {@code String} of {@code xs:string} that
     * needs no check, an integer in the range, an enumeration's constant. Anything else is
     * formatted the general way, with its checks and errors.
     */
    enum Direct {
        /** Always formatted. */
        NONE,
        /** {@code xs:string} (whitespace preserved, no pattern): a String with no character the check looks at. */
        STRING,
        /** A builtin integer type: a value of its Java class (not a BigInteger) in {@link #minLong}..{@link #maxLong}. */
        INTEGER,
        /** An enumeration: the escaped value of each constant, by ordinal, in {@link #enumTexts}. */
        ENUM
    }

    private final Direct direct;
    private final long minLong;
    private final long maxLong;
    private final String[] enumTexts;
    /** {@link Direct#INTEGER}: the value of a number in {@link #minLong}..{@link #maxLong}, as the parser makes it. */
    private final LongFunction<V> fromLong;
    /** {@link Direct#ENUM} over {@code xs:string}: the constants and their values, which the text is read as. */
    private final V[] enumConstants;
    private final String[] enumValues;

    SimpleType(String name, Class<V> javaType, String expected, Parser<V> parser, Formatter<V> formatter) {
        this(name, "{" + EncodeState.XSD_NS + "}" + name, javaType, expected, parser, formatter, Direct.NONE, 0, 0, null, null, null,
                null);
    }

    private SimpleType(String name, String id, Class<V> javaType, String expected, Parser<V> parser, Formatter<V> formatter,
            Direct direct, long minLong, long maxLong, String[] enumTexts, LongFunction<V> fromLong, V[] enumConstants,
            String[] enumValues) {
        this.name = name;
        this.id = id;
        this.javaType = javaType;
        this.expected = expected;
        this.parser = parser;
        this.formatter = formatter;
        this.direct = direct;
        this.minLong = minLong;
        this.maxLong = maxLong;
        this.enumTexts = enumTexts;
        this.fromLong = fromLong;
        this.enumConstants = enumConstants;
        this.enumValues = enumValues;
    }

    /** This builtin string type (its formatter only checks the characters), written directly when it can be. */
    SimpleType<V> directString() {
        return new SimpleType<>(name, id, javaType, expected, parser, formatter, Direct.STRING, 0, 0, null, null, null, null);
    }

    /**
     * This builtin integer type, written and read directly: its formatter writes a value in
     * {@code min..max} as {@link Long#toString(long)}, its parser reads {@code [+-]?[0-9]{1,18}} in
     * that range as {@code fromLong} of the number.
     */
    SimpleType<V> directInteger(long min, long max, LongFunction<V> fromLong) {
        return new SimpleType<>(name, id, javaType, expected, parser, formatter, Direct.INTEGER, min, max, null, fromLong, null, null);
    }

    /**
     * The same type under another name (a restriction without facets the codec checks).
     *
     * @param newName the restriction's schema name
     * @return the renamed type
     */
    public SimpleType<V> named(String newName) {
        return new SimpleType<>(newName, null, javaType, expected, parser, formatter, direct, minLong, maxLong, enumTexts, fromLong,
                enumConstants, enumValues);
    }

    /**
     * The same type with values of a narrower Java class: a union whose members all map to that
     * class ({@code String} for a union of string restrictions).
     *
     * @param <W> the narrower class
     * @param type the class every value of the type has
     * @return the narrowed type
     */
    public <W> SimpleType<W> as(Class<W> type) {
        Parser<W> narrowed = lexical -> type.cast(parser.parse(lexical));
        Formatter<W> format = value -> formatter.format(javaType.cast(value));
        return new SimpleType<>(name, id, type, "a " + type.getSimpleName(), narrowed, format, Direct.NONE, 0, 0, null, null, null, null);
    }

    /**
     * The same type with its id, which rpc/encoded output names in {@code xsi:type}.
     *
     * @param newId {@code {namespace}local} of the type
     * @return the type with the id
     */
    public SimpleType<V> withId(String newId) {
        return new SimpleType<>(name, newId, javaType, expected, parser, formatter, direct, minLong, maxLong, enumTexts, fromLong,
                enumConstants, enumValues);
    }

    /**
     * An enumeration as a Java enum: the text is parsed with the base type, and its canonical
     * form must be one of the constants' values.
     *
     * @param <E> the Java enum
     * @param <B> the Java type of the base type
     * @param name the enumeration's schema name
     * @param type the Java enum's class
     * @param base the base type the values are read with
     * @param valueOf a constant's value as written in XML
     * @return the codec
     */
    public static <E extends Enum<E>, B> SimpleType<E> enumeration(String name, Class<E> type, SimpleType<B> base,
            Function<E, String> valueOf) {
        E[] constants = type.getEnumConstants();
        Map<String, E> byValue = new HashMap<>();
        StringBuilder list = new StringBuilder();
        for (E constant : constants) {
            byValue.put(valueOf.apply(constant), constant);
            list.append(list.length() == 0 ? "" : ", ").append(valueOf.apply(constant));
        }
        String allowed = list.toString();
        // What encoding writes for each constant: its value, escaped (the formatter is valueOf).
        String[] texts = new String[constants.length];
        String[] values = new String[constants.length];
        for (E constant : constants) {
            String value = valueOf.apply(constant);
            values[constant.ordinal()] = value;
            texts[constant.ordinal()] = value == null ? null : XmlWriter.escapeText(value);
        }
        // Over xs:string, the parser takes the text as it is: read from the characters by comparing them.
        boolean fromChars = base.direct == Direct.STRING && base.javaType == String.class;
        boolean keepsString = base.javaType == String.class;
        Parser<E> parser = lexical -> {
            B value = base.parser.parse(lexical);
            String canonical = keepsString ? (String) value : base.formatter.format(value);
            E constant = byValue.get(canonical);
            if (constant == null) {
                throw new Builtins.ValueError("unknown-enum-value",
                        "unknown enumeration value " + CodecFailure.quote(lexical) + " (expected one of " + allowed + ")");
            }
            return constant;
        };
        return new SimpleType<>(name, null, type, "a " + type.getSimpleName(), parser, valueOf::apply, Direct.ENUM, 0, 0, texts, null,
                fromChars ? constants : null, fromChars ? values : null);
    }

    /**
     * {@code xs:list}: whitespace-separated items; the value is a list.
     *
     * @param <E> the Java type of an item
     * @param name the list type's schema name
     * @param item the item type
     * @return the codec
     */
    @SuppressWarnings("unchecked")
    public static <E> SimpleType<List<E>> list(String name, SimpleType<E> item) {
        Parser<List<E>> parser = lexical -> {
            String collapsed = Builtins.collapse(lexical);
            List<E> out = new ArrayList<>();
            if (collapsed.isEmpty()) {
                return out;
            }
            String[] parts = collapsed.split(" ");
            for (int i = 0; i < parts.length; i++) {
                try {
                    out.add(item.parser.parse(parts[i]));
                } catch (Builtins.ValueError e) {
                    throw new Builtins.ValueError(e.code, "item " + i + ": " + e.reason);
                }
            }
            return out;
        };
        Formatter<List<E>> formatter = value -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < value.size(); i++) {
                Object v = value.get(i);
                if (!item.javaType.isInstance(v)) {
                    throw new Builtins.ValueError("invalid-type", "item " + i + ": expected " + item.expected);
                }
                String text = item.formatter.format(item.javaType.cast(v));
                if (text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                    throw new Builtins.ValueError("invalid-value", "a list item cannot be empty or contain whitespace");
                }
                out.append(i == 0 ? "" : " ").append(text);
            }
            return out.toString();
        };
        return new SimpleType<>(name, null, (Class<List<E>>) (Class<?>) List.class, "a List", parser, formatter, Direct.NONE, 0, 0, null,
                null, null, null);
    }

    /**
     * {@code xs:union}: decoding takes the first member that parses the text, encoding the first
     * member whose encoder accepts the value.
     *
     * @param name the union's schema name
     * @param members the member types, in schema order
     * @return the codec
     */
    public static SimpleType<Object> union(String name, List<SimpleType<?>> members) {
        StringBuilder names = new StringBuilder();
        for (SimpleType<?> m : members) {
            names.append(names.length() == 0 ? "" : ", ").append(m.name);
        }
        Parser<Object> parser = lexical -> {
            for (SimpleType<?> m : members) {
                try {
                    return m.parser.parse(lexical);
                } catch (Builtins.ValueError e) {
                    // The next member may take it.
                }
            }
            throw new Builtins.ValueError("invalid-value", "no member type accepts it: " + names);
        };
        Formatter<Object> formatter = value -> {
            for (SimpleType<?> m : members) {
                try {
                    return m.formatValue(value);
                } catch (CodecFailure e) {
                    // The next member may take it.
                }
            }
            throw new Builtins.ValueError("invalid-value", "value is not valid for any member of " + name + " (" + names + ")");
        };
        return new SimpleType<>(name, null, Object.class, "a value of " + names, parser, formatter, Direct.NONE, 0, 0, null, null, null,
                null);
    }

    @Override
    public String name() {
        return name;
    }

    /** Parses a lexical form, failing with the type's name and the quoted text. */
    V parseValue(String lexical, XmlElement at) {
        try {
            return parser.parse(lexical);
        } catch (Builtins.ValueError e) {
            String detail = e.code.equals("unknown-enum-value") ? e.reason
                    : "invalid " + name + " value " + CodecFailure.quote(lexical) + " (" + e.reason + ")";
            throw at == null ? CodecFailure.of(e.code, detail) : CodecFailure.at(e.code, detail, at);
        }
    }

    /**
     * {@link #parseValue parseValue} of the text {@code chars[0..length)} (with no element to
     * name in an error): a plain integer in range or an enumeration's value is read from the
     * characters, any other text as a string, the general way.
     */
    V parseChars(char[] chars, int length) {
        if (direct == Direct.INTEGER && length > 0) {
            int i = chars[0] == '-' || chars[0] == '+' ? 1 : 0;
            if (length - i >= 1 && length - i <= 18) {
                long value = 0;
                for (int k = i; k < length; k++) {
                    char c = chars[k];
                    if (c < '0' || c > '9') {
                        value = -1;
                        break;
                    }
                    value = value * 10 + (c - '0');
                }
                if (value >= 0) {
                    value = chars[0] == '-' ? -value : value;
                    if (value >= minLong && value <= maxLong) {
                        return fromLong.apply(value);
                    }
                }
            }
        } else if (enumValues != null) {
            // The last constant of a value, as the parser's map holds it.
            for (int c = enumValues.length - 1; c >= 0; c--) {
                if (sameText(enumValues[c], chars, length)) {
                    return enumConstants[c];
                }
            }
        }
        return parseValue(length == 0 ? "" : new String(chars, 0, length), null);
    }

    private static boolean sameText(String value, char[] chars, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }

    /** Formats a value, failing with the type's name (never the value). */
    String formatValue(Object value) {
        if (!javaType.isInstance(value)) {
            throw CodecFailure.of("invalid-type", "invalid " + name + ": expected " + expected);
        }
        try {
            return formatter.format(javaType.cast(value));
        } catch (Builtins.ValueError e) {
            throw CodecFailure.of(e.code, "invalid " + name + ": " + e.reason);
        }
    }

    @Override
    public V decode(XmlElement node, boolean strict) {
        return parseValue(textContent(node), node);
    }

    @Override
    public void encode(Object value, String local, String ns, EncodeState st, String parentDefault, int depth,
            StringBuilder out) {
        if (direct != Direct.NONE && !st.xsiTypes && encodeDirect(value, local, ns, st, parentDefault, out)) {
            return;
        }
        String text = formatValue(value);
        st.openTag(out, local, ns, parentDefault);
        if (st.xsiTypes && id != null) {
            String typeNs = id.startsWith("{") ? id.substring(1, id.indexOf('}')) : "";
            String typeLocal = id.substring(id.indexOf('}') + 1);
            if (!typeNs.isEmpty() || st.defaultInside(ns, parentDefault).isEmpty()) {
                EncodeState.Declared d = new EncodeState.Declared();
                String qname = typeNs.isEmpty() ? typeLocal : st.prefixFor(typeNs, d) + ":" + typeLocal;
                st.xsiUsed = true;
                out.append(d.text).append(' ').append(st.xsiPrefix).append(":type=\"").append(qname).append('"');
            }
        }
        if (text.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            XmlWriter.appendText(out, text);
            out.append("</").append(local).append('>');
        }
    }

    /** {@link #encode} of a common value without formatting it first; false (nothing written) for any other. */
    boolean encodeDirect(Object value, String local, String ns, EncodeState st, String parentDefault, StringBuilder out) {
        switch (direct) {
            case STRING -> {
                if (!(value instanceof String text)) {
                    return false;
                }
                int kind = XmlWriter.textKind(text);
                if (kind == XmlWriter.UNUSUAL_TEXT) {
                    return false;
                }
                st.openTag(out, local, ns, parentDefault);
                if (text.isEmpty()) {
                    out.append("/>");
                    return true;
                }
                out.append('>');
                if (kind == XmlWriter.PLAIN_TEXT) {
                    out.append(text);
                } else {
                    XmlWriter.appendText(out, text);
                }
                out.append("</").append(local).append('>');
                return true;
            }
            case INTEGER -> {
                if (!javaType.isInstance(value) || value instanceof java.math.BigInteger) {
                    return false;
                }
                long n = ((Number) value).longValue();
                if (n < minLong || n > maxLong) {
                    return false;
                }
                st.openTag(out, local, ns, parentDefault);
                out.append('>').append(n).append("</").append(local).append('>');
                return true;
            }
            case ENUM -> {
                if (!javaType.isInstance(value)) {
                    return false;
                }
                String text = enumTexts[((Enum<?>) value).ordinal()];
                if (text == null) {
                    return false;
                }
                st.openTag(out, local, ns, parentDefault);
                if (text.isEmpty()) {
                    out.append("/>");
                } else {
                    out.append('>').append(text).append("</").append(local).append('>');
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The text of an element that may only hold text (comments and PIs are skipped). */
    static String textContent(XmlElement node) {
        List<XmlNode> children = node.children();
        if (children.isEmpty()) {
            return "";
        }
        if (children.size() == 1 && children.get(0) instanceof XmlNode.Text only) {
            return only.text();
        }
        StringBuilder text = new StringBuilder();
        for (XmlNode child : children) {
            if (child instanceof XmlNode.Text t) {
                text.append(t.text());
            } else if (child instanceof XmlElement element) {
                throw CodecFailure.at("unexpected-element",
                        "element <" + Show.excerpt(element.localName()) + "> is not allowed in text-only content", element);
            }
        }
        return text.toString();
    }
}
