package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoding and encoding of content with nested groups ({@link Group}): the general path of
 * {@link ComplexType}, as the TypeScript runtime's. The element children are walked with a cursor;
 * a group is entered when the next element can start it.
 */
final class Groups {
    private Groups() {
    }

    /** The cursor over an element's element children. */
    static final class Walk {
        final List<XmlElement> elems;
        int pos;
        final boolean strict;
        final XmlElement parent;
        /** Every element particle of the type, nested ones included (for messages). */
        final List<Particle<?>> elements;

        Walk(List<XmlElement> elems, boolean strict, XmlElement parent, List<Particle<?>> elements) {
            this.elems = elems;
            this.strict = strict;
            this.parent = parent;
            this.elements = elements;
        }

        XmlElement current() {
            return pos < elems.size() ? elems.get(pos) : null;
        }
    }

    /** Every element particle in {@code content}, nested groups included. */
    static void collectElements(List<? extends Particle<?>> content, List<Particle<?>> out) {
        for (Particle<?> p : content) {
            if (p.isElement()) {
                out.add(p);
            } else if (p.kind == Particle.Kind.GROUP) {
                for (Group.Option<?> o : p.group.options) {
                    collectElements(o.content, out);
                }
            }
        }
    }

    static boolean hasGroups(List<? extends Particle<?>> content) {
        for (Particle<?> p : content) {
            if (p.kind == Particle.Kind.GROUP) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesElement(Particle<?> p, XmlElement child, boolean strict) {
        return p.matches(child, strict);
    }

    /** Whether {@code p} can begin with {@code child}. */
    static boolean starts(Particle<?> p, XmlElement child, boolean strict) {
        switch (p.kind) {
            case ANY:
                return true;
            case GROUP:
                for (Group.Option<?> o : p.group.options) {
                    if (startsSequence(o.content, child, strict)) {
                        return true;
                    }
                }
                return false;
            default:
                return matchesElement(p, child, strict);
        }
    }

    static boolean startsSequence(List<? extends Particle<?>> content, XmlElement child, boolean strict) {
        for (Particle<?> c : content) {
            if (starts(c, child, strict)) {
                return true;
            }
            if (!c.emptiable()) {
                return false;
            }
        }
        return false;
    }

    /** An xs:any particle takes an element no later particle would take. */
    private static boolean matchesAt(List<? extends Particle<?>> list, int i, XmlElement child, boolean strict) {
        Particle<?> p = list.get(i);
        if (p.kind != Particle.Kind.ANY) {
            return starts(p, child, strict);
        }
        for (int j = i + 1; j < list.size(); j++) {
            Particle<?> later = list.get(j);
            if (later.kind != Particle.Kind.ANY && starts(later, child, strict)) {
                return false;
            }
        }
        return true;
    }

    /** {@code <A> or <B>}, for messages. */
    static String describeFirst(Particle<?> p) {
        switch (p.kind) {
            case ANY:
                return "any element";
            case GROUP: {
                List<String> parts = new ArrayList<>();
                for (Group.Option<?> o : p.group.options) {
                    parts.add(o.content.isEmpty() ? "nothing" : describeFirst(o.content.get(0)));
                }
                return String.join(" or ", parts);
            }
            default:
                return "<" + p.name + ">";
        }
    }

    private static void wrongNamespace(Walk w, XmlElement child) {
        if (!w.strict) {
            return;
        }
        for (Particle<?> p : w.elements) {
            if (p.name.equals(child.localName()) && !p.ns.equals(child.namespace())) {
                String found = child.namespace().isEmpty() ? "no namespace" : "namespace " + Show.quote(child.namespace());
                String wanted = p.ns.isEmpty() ? "no namespace" : "namespace \"" + p.ns + "\"";
                throw CodecFailure.at("wrong-namespace", "element <" + Show.excerpt(child.localName()) + "> is in " + found + ", expected "
                        + wanted, child).segment("." + Show.excerpt(child.localName()));
            }
        }
    }

    private static CodecFailure missing(Walk w, String detail, String segment) {
        XmlElement child = w.current();
        if (child != null) {
            wrongNamespace(w, child);
        }
        return CodecFailure.at("missing-element", detail, child != null ? child : w.parent).segment(segment);
    }

    private static String describeCount(int min, String name) {
        return min == 1 ? "missing required element <" + name + ">" : "expected at least " + min + " <" + name + "> elements";
    }

    static void decodeSequence(List<? extends Particle<?>> content, Walk w, Object out) {
        for (int i = 0; i < content.size(); i++) {
            decodeParticle(content, i, w, out);
        }
    }

    private static boolean within(Particle<?> p, Walk w, int count) {
        return w.pos < w.elems.size() && (p.max == -1 || count < p.max);
    }

    /** Decodes the occurrences of {@code list[i]} at the cursor into {@code out}. */
    private static void decodeParticle(List<? extends Particle<?>> list, int i, Walk w, Object out) {
        Particle<?> p = list.get(i);
        switch (p.kind) {
            case ANY: {
                List<XmlElement> items = new ArrayList<>();
                while (within(p, w, items.size()) && matchesAt(list, i, w.current(), w.strict)) {
                    items.add(w.elems.get(w.pos++));
                }
                if (items.size() < p.min) {
                    throw missing(w, "expected at least " + p.min + " element(s)", "." + p.name);
                }
                p.setOn(out, items);
                return;
            }
            case GROUP:
                decodeGroup(p, w, out);
                return;
            default:
                break;
        }
        int count = 0;
        List<Object> items = null;
        while (within(p, w, count)) {
            XmlElement child = w.current();
            if (!matchesElement(p, child, w.strict)) {
                break;
            }
            Object value;
            try {
                value = ComplexType.decodeOneOf(p, child, w.strict);
            } catch (CodecFailure f) {
                throw f.segment(p.many() ? "." + p.name + "[" + count + "]" : "." + p.name);
            }
            if (!p.many()) {
                ComplexType.storeIn(p, out, value);
            } else {
                if (items == null) {
                    items = new ArrayList<>();
                    p.setOn(out, items);
                }
                items.add(ComplexType.nilToNull(value));
            }
            w.pos++;
            count++;
        }
        if (count < p.min) {
            throw missing(w, describeCount(p.min, p.name), "." + p.name);
        }
        if (count == 0 && p.many()) {
            p.setOn(out, new ArrayList<>());
        }
    }

    private static void decodeGroup(Particle<?> p, Walk w, Object out) {
        Group<?> g = p.group;
        if (g.max == 1) {
            Object occurrence = once(g, w);
            if (occurrence == null) {
                if (g.min > 0 && !g.innerEmptiable()) {
                    throw missing(w, "missing " + (g.choice ? "choice " : "sequence ") + g.name + ": expected " + describeFirst(p), "." + g.name);
                }
                return;
            }
            p.setOn(out, occurrence);
            return;
        }
        List<Object> items = new ArrayList<>();
        while (w.pos < w.elems.size() && (g.max == -1 || items.size() < g.max)) {
            int before = w.pos;
            Object occurrence;
            try {
                occurrence = once(g, w);
            } catch (CodecFailure f) {
                throw f.segment("." + g.name + "[" + items.size() + "]");
            }
            if (occurrence == null) {
                break;
            }
            items.add(occurrence);
            if (w.pos == before) {
                break;
            }
        }
        if (items.size() < g.min && !g.innerEmptiable()) {
            String kind = g.choice ? "choice" : "sequence";
            String detail = g.min == 1 ? "missing " + kind + " " + g.name : "expected at least " + g.min + " occurrences of " + kind + " " + g.name;
            throw missing(w, detail + ": expected " + describeFirst(p), "." + g.name);
        }
        p.setOn(out, items);
    }

    /**
     * One occurrence of a group at the cursor: the option that starts with the next element (a
     * choice), or the sequence when the next element can start it, or it is required and occurs
     * at most once. Null when there is none.
     */
    private static Object once(Group<?> g, Walk w) {
        XmlElement child = w.current();
        if (g.choice) {
            if (child == null) {
                return null;
            }
            for (Group.Option<?> o : g.tryOrder) {
                if (startsSequence(o.content, child, w.strict)) {
                    Object occurrence = o.create.get();
                    decodeSequence(o.content, w, occurrence);
                    return occurrence;
                }
            }
            return null;
        }
        Group.Option<?> o = g.options.get(0);
        boolean required = g.max == 1 && g.min > 0;
        if (!required && (child == null || !startsSequence(o.content, child, w.strict))) {
            return null;
        }
        Object occurrence = o.create.get();
        decodeSequence(o.content, w, occurrence);
        return occurrence;
    }

    /** Explains why the element at the cursor is left over. */
    static CodecFailure reject(Walk w) {
        XmlElement child = w.current();
        XmlElement previous = w.pos > 0 ? w.elems.get(w.pos - 1) : null;
        for (Particle<?> p : w.elements) {
            if (previous != null && matchesElement(p, child, w.strict) && matchesElement(p, previous, w.strict)) {
                return CodecFailure.at("too-many-elements", "at most " + p.max + " <" + Show.excerpt(child.localName())
                        + "> element(s) allowed here", child).segment("." + p.name);
            }
        }
        wrongNamespace(w, child);
        String segment = "." + Show.excerpt(child.localName());
        for (Particle<?> p : w.elements) {
            if (matchesElement(p, child, w.strict)) {
                return CodecFailure.at("unexpected-element", "element <" + Show.excerpt(child.localName()) + "> is out of schema order", child)
                        .segment(segment);
            }
        }
        return CodecFailure.at("unexpected-element", "unexpected element <" + Show.excerpt(child.localName()) + ">", child).segment(segment);
    }

    // ------------------------------------------------------------------------------------------
    // Encoding

    /** Writes a group particle's occurrences held by {@code owner}. */
    static void encodeGroup(Particle<?> p, Object owner, EncodeState st, String def, int depth, StringBuilder out, List<String> parts) {
        Group<?> g = p.group;
        Object value = p.getFrom(owner);
        String kind = g.choice ? "choice" : "sequence";
        if (g.max == 1) {
            if (value == null) {
                if (g.min > 0 && !g.innerEmptiable()) {
                    throw CodecFailure.of("missing-element", "missing required " + kind + " " + g.name + ": expected " + describeFirst(p))
                            .segment("." + g.name);
                }
                return;
            }
            encodeOccurrence(g, value, st, def, depth, out, parts);
            return;
        }
        if (value == null) {
            if (g.min > 0 && !g.innerEmptiable()) {
                throw CodecFailure.of("missing-element", "missing required " + kind + " " + g.name).segment("." + g.name);
            }
            return;
        }
        List<?> items = (List<?>) value;
        if (items.size() < g.min && !g.innerEmptiable()) {
            throw CodecFailure.of("missing-element", "expected at least " + g.min + " occurrence(s) of " + kind + " " + g.name + ", got "
                    + items.size()).segment("." + g.name);
        }
        if (g.max != -1 && items.size() > g.max) {
            throw CodecFailure.of("too-many-elements", "at most " + g.max + " occurrence(s) of " + kind + " " + g.name + " allowed, got "
                    + items.size()).segment("." + g.name);
        }
        for (int i = 0; i < items.size(); i++) {
            try {
                Object item = items.get(i);
                if (item == null) {
                    throw CodecFailure.of("invalid-type", "expected an object");
                }
                encodeOccurrence(g, item, st, def, depth, out, parts);
            } catch (CodecFailure f) {
                throw f.segment("." + g.name + "[" + i + "]");
            }
        }
    }

    private static void encodeOccurrence(Group<?> g, Object value, EncodeState st, String def, int depth, StringBuilder out,
            List<String> parts) {
        for (Group.Option<?> o : g.options) {
            if (o.type == value.getClass()) {
                ComplexType.encodeContent(o.content, value, st, def, depth, out, parts);
                return;
            }
        }
        throw CodecFailure.of("invalid-type", "expected " + (g.choice ? "an option of choice " : "the sequence ") + g.name);
    }
}
