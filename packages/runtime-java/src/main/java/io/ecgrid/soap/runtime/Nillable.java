package io.ecgrid.soap.runtime;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The value of an element that is both optional ({@code minOccurs="0"}) and nillable: the
 * property is {@code null} when the element is absent, {@link #nil()} when it is present with
 * {@code xsi:nil="true"}, and {@link #of} a value otherwise. Elements that are only one of the two
 * need no wrapper: a null there means absent, or nil.
 */
public final class Nillable<T> {
    private static final Nillable<?> NIL = new Nillable<>(null);

    private final T value;

    private Nillable(T value) {
        this.value = value;
    }

    /**
     * Present with {@code xsi:nil="true"}.
     *
     * @param <T> the element's value type
     * @return the nil value
     */
    @SuppressWarnings("unchecked")
    public static <T> Nillable<T> nil() {
        return (Nillable<T>) NIL;
    }

    /**
     * Present with a value.
     *
     * @param <T> the element's value type
     * @param value the value, not null
     * @return the wrapped value
     */
    public static <T> Nillable<T> of(T value) {
        return new Nillable<>(Objects.requireNonNull(value, "value (use Nillable.nil() for xsi:nil)"));
    }

    /**
     * Whether the element is {@code xsi:nil}.
     *
     * @return true when nil
     */
    public boolean isNil() {
        return value == null;
    }

    /**
     * The value.
     *
     * @return the value
     * @throws java.util.NoSuchElementException when this is nil
     */
    public T get() {
        if (value == null) {
            throw new NoSuchElementException("the element is nil");
        }
        return value;
    }

    /**
     * The value, or null when this is nil.
     *
     * @return the value or null
     */
    public T orNull() {
        return value;
    }

    @Override
    public String toString() {
        return value == null ? "nil" : Show.value(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nillable<?> that && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }
}
