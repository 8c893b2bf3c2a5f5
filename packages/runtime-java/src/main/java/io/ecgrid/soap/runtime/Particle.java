package io.ecgrid.soap.runtime;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One part of a complex type's content (an element, {@code xs:any}) or one of its attributes,
 * with the accessors of the property that holds it. Types are referred to lazily, so types that
 * refer to each other are built in any order.
 *
 * @param <T> the model class that holds the property
 */
public final class Particle<T> {

    /** How the property holds the value. */
    enum Kind {
        /** One element; null is absent (optional) or nil (nillable). */
        ELEMENT,
        /** One element both optional and nillable: a {@link Nillable}, null when absent. */
        NILLABLE,
        /** A repeated element: a list; nil items are null. */
        LIST,
        /** {@code xs:any}: a list of kept elements. */
        ANY,
        /** An attribute; null is absent. */
        ATTRIBUTE
    }

    final Kind kind;
    final String name;
    final String ns;
    final int min;
    /** -1 for unbounded. */
    final int max;
    final boolean nillable;
    private final Supplier<? extends TypeCodec<?>> typeRef;
    private volatile TypeCodec<?> type;
    private final Function<T, ?> getter;
    private final BiConsumer<T, Object> setter;
    /** The schema's {@code default} lexical value: an empty element (or absent attribute, never filled in) takes it. */
    final String defaultValue;
    /** The schema's {@code fixed} lexical value, enforced when decoding and encoding. */
    final String fixedValue;

    @SuppressWarnings("unchecked")
    private Particle(Kind kind, String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<?>> typeRef, Function<T, ?> getter, BiConsumer<T, ?> setter, String defaultValue,
            String fixedValue) {
        this.kind = kind;
        this.name = name;
        this.ns = ns;
        this.min = min;
        this.max = max;
        this.nillable = nillable;
        this.typeRef = typeRef;
        this.getter = getter;
        this.setter = (BiConsumer<T, Object>) setter;
        this.defaultValue = defaultValue;
        this.fixedValue = fixedValue;
    }

    /**
     * The same particle with the schema's {@code default} value.
     *
     * @param value the default's lexical form
     * @return a new particle
     */
    public Particle<T> withDefault(String value) {
        return new Particle<>(kind, name, ns, min, max, nillable, typeRef, getter, setter, value, fixedValue);
    }

    /**
     * The same particle with the schema's {@code fixed} value.
     *
     * @param value the fixed lexical form
     * @return a new particle
     */
    public Particle<T> withFixed(String value) {
        return new Particle<>(kind, name, ns, min, max, nillable, typeRef, getter, setter, defaultValue, value);
    }

    /**
     * One element; the property is null when it is absent (optional) or nil (nillable).
     *
     * @param <T> the model class
     * @param <V> the property's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of its type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> element(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<V>> type, Function<T, V> get, BiConsumer<T, V> set) {
        return new Particle<>(Kind.ELEMENT, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /**
     * One element both optional and nillable: the property is a {@link Nillable}, null when absent.
     *
     * @param <T> the model class
     * @param <V> the property's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of its type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> nillable(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<V>> type, Function<T, Nillable<V>> get, BiConsumer<T, Nillable<V>> set) {
        return new Particle<>(Kind.NILLABLE, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /**
     * A repeated element: the property is a list (never null after decoding); nil items are null.
     *
     * @param <T> the model class
     * @param <V> the property's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of its type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> list(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<V>> type, Function<T, List<V>> get, BiConsumer<T, List<V>> set) {
        return new Particle<>(Kind.LIST, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /**
     * {@code xs:any}: the property is a list of kept elements, written back unchanged.
     *
     * @param <T> the model class
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of its type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T> Particle<T> any(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<XmlElement>> type, Function<T, List<XmlElement>> get,
            BiConsumer<T, List<XmlElement>> set) {
        return new Particle<>(Kind.ANY, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /**
     * An attribute of a simple type; the property is null when it is absent.
     *
     * @param <T> the model class
     * @param <V> the property's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of its type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> attribute(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends SimpleType<V>> type, Function<T, V> get, BiConsumer<T, V> set) {
        return new Particle<>(Kind.ATTRIBUTE, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /** Repeated: the property is a list. */
    boolean many() {
        return kind == Kind.LIST || kind == Kind.ANY;
    }

    TypeCodec<?> type() {
        TypeCodec<?> t = type;
        if (t == null) {
            t = typeRef.get();
            type = t;
        }
        return t;
    }

    Object get(T owner) {
        return getter.apply(owner);
    }

    void set(T owner, Object value) {
        setter.accept(owner, value);
    }
}
