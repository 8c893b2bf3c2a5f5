package io.ecgrid.soap.runtime;

import java.util.List;
import java.util.function.Supplier;

/**
 * A nested model group of a complex type: an {@code xs:choice}, or an {@code xs:sequence} that is
 * optional, repeated or a choice option. Each occurrence is an object: for a choice, one of its
 * options' classes (a generated sealed interface's implementations); for a sequence, the
 * sequence's class. The parent holds one occurrence ({@link Particle#group}) or a list of them
 * ({@link Particle#groups}).
 *
 * <p>Matching is deterministic with one element of lookahead, as in the TypeScript runtime: a
 * group is entered when the next element can start it, and a choice takes the first option (those
 * starting with {@code xs:any} last) that can start with the element.
 *
 * @param <O> the type of one occurrence (the sealed interface of a choice, or a sequence's class)
 */
public final class Group<O> {
    final boolean choice;
    final String name;
    final int min;
    /** -1 for unbounded. */
    final int max;
    final List<Option<? extends O>> options;
    /** The options with those that start with {@code xs:any} last: the order in which a choice tries them. */
    final List<Option<? extends O>> tryOrder;

    private Group(boolean choice, String name, int min, int max, List<Option<? extends O>> options) {
        this.choice = choice;
        this.name = name;
        this.min = min;
        this.max = max;
        this.options = options;
        List<Option<? extends O>> first = new java.util.ArrayList<>();
        List<Option<? extends O>> last = new java.util.ArrayList<>();
        for (Option<? extends O> o : options) {
            (!o.content.isEmpty() && o.content.get(0).kind == Particle.Kind.ANY ? last : first).add(o);
        }
        first.addAll(last);
        this.tryOrder = List.copyOf(first);
    }

    /**
     * An {@code xs:choice}: each occurrence is an object of one option's class.
     *
     * @param <O> the sealed interface the options' classes implement
     * @param name the choice's name (error paths and messages)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param options the options, in schema order
     * @return the group
     */
    public static <O> Group<O> choice(String name, int min, int max, List<Option<? extends O>> options) {
        return new Group<>(true, name, min, max, options);
    }

    /**
     * A nested {@code xs:sequence}: each occurrence is an object of the sequence's class.
     *
     * @param <O> the sequence's class
     * @param name the sequence's name (error paths and messages)
     * @param min {@code minOccurs}
     * @param max {@code maxOccurs}, -1 for unbounded
     * @param content the sequence's class and particles
     * @return the group
     */
    public static <O> Group<O> sequence(String name, int min, int max, Option<O> content) {
        return new Group<>(false, name, min, max, List.of(content));
    }

    /**
     * One option of a choice, or the content of a sequence: a class and the particles of its properties.
     *
     * @param <X> the class
     * @param type the class
     * @param create makes an empty object
     * @param content the particles (elements, wildcards, groups) in schema order
     * @return the option
     */
    public static <X> Option<X> option(Class<X> type, Supplier<X> create, List<Particle<X>> content) {
        return new Option<>(type, create, content);
    }

    /**
     * A class of a group's occurrences with the particles of its properties.
     *
     * @param <X> the class
     */
    public static final class Option<X> {
        final Class<X> type;
        final Supplier<X> create;
        final List<Particle<X>> content;

        private Option(Class<X> type, Supplier<X> create, List<Particle<X>> content) {
            this.type = type;
            this.create = create;
            this.content = List.copyOf(content);
        }

        /** One occurrence may match no element: every particle may be empty. */
        boolean emptiable() {
            for (Particle<X> p : content) {
                if (!p.emptiable()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One occurrence may match no element. */
    boolean innerEmptiable() {
        if (choice) {
            for (Option<? extends O> o : options) {
                if (o.emptiable()) {
                    return true;
                }
            }
            return false;
        }
        return options.get(0).emptiable();
    }
}
