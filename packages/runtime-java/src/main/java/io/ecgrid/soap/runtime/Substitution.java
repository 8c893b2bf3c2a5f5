package io.ecgrid.soap.runtime;

import java.util.Objects;

/**
 * A value with the global element it stands as: the head of a substitution group or one of its
 * members (the TypeScript value's {@code $element}). Properties and roots that a substitution
 * group's members may stand in hold these; a member's value is of its own type, derived from the
 * head's.
 *
 * @param <V> the head's value type
 */
public final class Substitution<V> {
    private final String element;
    private final V value;

    private Substitution(String element, V value) {
        this.element = element;
        this.value = value;
    }

    /**
     * A value standing as a global element.
     *
     * @param <V> the head's value type
     * @param element {@code {namespace}local} of the element (the head's, or a member's)
     * @param value the value; null for {@code xsi:nil}
     * @return the substitution
     */
    public static <V> Substitution<V> of(String element, V value) {
        return new Substitution<>(Objects.requireNonNull(element, "element"), value);
    }

    /**
     * A value standing as a global element of the generated {@code Roots}.
     *
     * @param <V> the head's value type
     * @param element the element's root ({@code Roots.EMAIL_NOTIFICATION})
     * @param value the value; null for {@code xsi:nil}
     * @return the substitution
     */
    public static <V> Substitution<V> of(Root<?> element, V value) {
        return new Substitution<>(element.id(), value);
    }

    /**
     * The element the value stands as.
     *
     * @return {@code {namespace}local}
     */
    public String element() {
        return element;
    }

    /**
     * The value.
     *
     * @return the value; null for {@code xsi:nil}
     */
    public V value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Substitution<?> s && s.element.equals(element) && Objects.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(element, value);
    }

    @Override
    public String toString() {
        return element + "=" + value;
    }
}
