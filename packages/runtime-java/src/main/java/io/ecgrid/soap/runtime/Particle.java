package io.ecgrid.soap.runtime;

import java.util.List;
import java.util.Map;
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
        ATTRIBUTE,
        /** simpleContent: the element's text, a value of a simple type. */
        TEXT,
        /** A nested group (choice or sequence): one occurrence object, or a list of them when repeated. */
        GROUP,
        /** Mixed content: the text before each child element, then after the last one. */
        MIXED,
        /** {@code xs:anyAttribute}: the attributes the type does not declare, by Clark name. */
        OTHER_ATTRIBUTES
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
    /** The group of a {@link Kind#GROUP} particle, else null. */
    final Group<?> group;
    /** A substitution group's head: the members that may stand in its place (looked up on first use), else null. */
    private final Supplier<? extends List<? extends Root<?>>> membersRef;
    private volatile List<? extends Root<?>> members;
    /** The head is abstract: only its members may stand here. */
    final boolean headAbstract;
    /** The same element declared again in the content model: read into the first one's property, never written. */
    boolean twin;

    @SuppressWarnings("unchecked")
    private Particle(Kind kind, String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<?>> typeRef, Function<T, ?> getter, BiConsumer<T, ?> setter, String defaultValue,
            String fixedValue) {
        this(kind, name, ns, min, max, nillable, typeRef, getter, setter, defaultValue, fixedValue, null, null, false);
    }

    @SuppressWarnings("unchecked")
    private Particle(Kind kind, String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<?>> typeRef, Function<T, ?> getter, BiConsumer<T, ?> setter, String defaultValue,
            String fixedValue, Group<?> group, Supplier<? extends List<? extends Root<?>>> membersRef, boolean headAbstract) {
        this.group = group;
        this.membersRef = membersRef;
        this.headAbstract = headAbstract;
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
        return new Particle<>(kind, name, ns, min, max, nillable, typeRef, getter, setter, value, fixedValue, group, membersRef, headAbstract);
    }

    /**
     * The same particle with the schema's {@code fixed} value.
     *
     * @param value the fixed lexical form
     * @return a new particle
     */
    public Particle<T> withFixed(String value) {
        return new Particle<>(kind, name, ns, min, max, nillable, typeRef, getter, setter, defaultValue, value, group, membersRef, headAbstract);
    }

    /**
     * The same particle as the head of a substitution group: its members may stand in its place,
     * and the property holds {@link Substitution}s (a list of them when repeated).
     *
     * @param headAbstract whether the head element is abstract (only members may stand here)
     * @param members the global elements of the group (looked up on first use)
     * @return a new particle
     */
    public Particle<T> withMembers(boolean headAbstract, Supplier<? extends List<? extends Root<?>>> members) {
        return new Particle<>(kind, name, ns, min, max, nillable, typeRef, getter, setter, defaultValue, fixedValue, group, members, headAbstract);
    }

    /**
     * Marks the particle as the same element declared again in one content model ({@code a, b, a}):
     * an element there is read into the first declaration's property, and written only at the first.
     *
     * @return this particle
     */
    public Particle<T> twin() {
        this.twin = true;
        return this;
    }

    /** The members of a substitution group's head, null for other particles. */
    List<? extends Root<?>> members() {
        if (membersRef == null) {
            return null;
        }
        List<? extends Root<?>> m = members;
        if (m == null) {
            m = membersRef.get();
            members = m;
        }
        return m;
    }

    /** {@code {ns}local} of the element. */
    String id() {
        return ns.isEmpty() ? name : "{" + ns + "}" + name;
    }

    /** The member an element stands as, or null (the head itself, or no match). */
    Root<?> memberFor(XmlElement child, boolean strict) {
        for (Root<?> m : members()) {
            if (child.localName().equals(m.localName()) && (!strict || child.namespace().equals(m.namespace()))) {
                return m;
            }
        }
        return null;
    }

    /** Whether an element may stand here: by name (unless the head is abstract), or as a member. */
    boolean matches(XmlElement child, boolean strict) {
        boolean named = child.localName().equals(name) && (!strict || child.namespace().equals(ns));
        if (membersRef == null) {
            return named;
        }
        return (named && !headAbstract) || memberFor(child, strict) != null;
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
     * One element that heads a substitution group ({@link #withMembers}): the property holds the
     * value with the element it stands as; null when absent (or nil of the head itself).
     *
     * @param <T> the model class
     * @param <V> the head's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of the head's type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> substitution(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<V>> type, Function<T, Substitution<V>> get, BiConsumer<T, Substitution<V>> set) {
        return new Particle<>(Kind.ELEMENT, name, ns, min, max, nillable, type, get, set, null, null);
    }

    /**
     * A repeated element that heads a substitution group ({@link #withMembers}): the property is a
     * list of values with the elements they stand as.
     *
     * @param <T> the model class
     * @param <V> the head's value type
     * @param name the XML name
     * @param ns its namespace ({@code ""} for none)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param nillable whether it may be {@code xsi:nil}
     * @param type the codec of the head's type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> substitutions(String name, String ns, int min, int max, boolean nillable,
            Supplier<? extends TypeCodec<V>> type, Function<T, List<Substitution<V>>> get, BiConsumer<T, List<Substitution<V>>> set) {
        return new Particle<>(Kind.LIST, name, ns, min, max, nillable, type, get, set, null, null);
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

    /**
     * simpleContent: the element's text is a value of a simple type, held in the property (the
     * TypeScript value's {@code $value}); the type's other particles are its attributes.
     *
     * @param <T> the model class
     * @param <V> the property's value type
     * @param type the codec of the text's simple type, looked up on first use
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, V> Particle<T> text(Supplier<? extends SimpleType<V>> type, Function<T, V> get, BiConsumer<T, V> set) {
        return new Particle<>(Kind.TEXT, "$value", "", 1, 1, false, type, get, set, null, null);
    }

    /**
     * A nested group that occurs at most once: the property holds the occurrence (null when absent).
     *
     * @param <T> the model class
     * @param <O> the type of an occurrence
     * @param group the group
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, O> Particle<T> group(Group<O> group, Function<T, O> get, BiConsumer<T, O> set) {
        return new Particle<>(Kind.GROUP, group.name, "", group.min, group.max, false, null, get, set, null, null, group, null, false);
    }

    /**
     * A repeated nested group: the property holds a list with one object per occurrence.
     *
     * @param <T> the model class
     * @param <O> the type of an occurrence
     * @param group the group
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T, O> Particle<T> groups(Group<O> group, Function<T, List<O>> get, BiConsumer<T, List<O>> set) {
        return new Particle<>(Kind.GROUP, group.name, "", group.min, group.max, false, null, get, set, null, null, group, null, false);
    }

    /**
     * Mixed content: the property holds the text segments (the TypeScript value's {@code $text}):
     * the text before each child element, then the text after the last one. Null when encoding
     * writes the elements without text.
     *
     * @param <T> the model class
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T> Particle<T> mixed(Function<T, List<String>> get, BiConsumer<T, List<String>> set) {
        return new Particle<>(Kind.MIXED, "$text", "", 0, 1, false, null, get, set, null, null);
    }

    /**
     * {@code xs:anyAttribute}: the property holds the attributes the type does not declare
     * ({@code xsi:} ones aside), by name in Clark notation ({@code {namespace}local}, or
     * {@code local}), in document order (the TypeScript value's {@code $attributes}); null when
     * there are none. They are written back after the declared attributes.
     *
     * @param <T> the model class
     * @param get the property's getter
     * @param set the property's setter
     * @return the particle
     */
    public static <T> Particle<T> otherAttributes(Function<T, Map<String, String>> get, BiConsumer<T, Map<String, String>> set) {
        return new Particle<>(Kind.OTHER_ATTRIBUTES, "$attributes", "", 0, 1, false, null, get, set, null, null);
    }

    /** Repeated: the property is a list. */
    boolean many() {
        return kind == Kind.LIST || kind == Kind.ANY || (kind == Kind.GROUP && max != 1);
    }

    /** An element particle (one, nillable or repeated). */
    boolean isElement() {
        return kind == Kind.ELEMENT || kind == Kind.NILLABLE || kind == Kind.LIST;
    }

    /** The particle may match no element at all. */
    boolean emptiable() {
        return min == 0 || (kind == Kind.GROUP && group.innerEmptiable());
    }

    @SuppressWarnings("unchecked")
    Object getFrom(Object owner) {
        return getter.apply((T) owner);
    }

    @SuppressWarnings("unchecked")
    void setOn(Object owner, Object value) {
        setter.accept((T) owner, value);
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
