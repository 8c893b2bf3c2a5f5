package io.ecgrid.soap.runtime;

/**
 * One SOAP header block of a request: a value of one of the operation's declared header elements
 * ({@code soap:header}), written into {@code soap:Header} in the order the operation declares them.
 * The generated port methods make them from their header parameters.
 *
 * @param <T> the header element's value type
 */
public final class SoapHeader<T> {
    final Root<T> element;
    final T value;

    private SoapHeader(Root<T> element, T value) {
        this.element = element;
        this.value = value;
    }

    /**
     * A header block.
     *
     * @param <T> the header element's value type
     * @param element the header's global element
     * @param value its value (null: the block is not sent)
     * @return the header block
     */
    public static <T> SoapHeader<T> of(Root<T> element, T value) {
        return new SoapHeader<>(element, value);
    }

    /** The block's element text for an envelope of {@code version}, or null when there is no value. */
    String encode(SoapVersion version, EncodeOptions options) {
        return value == null ? null : SoapEnvelope.encodeBody(version, element, value, options);
    }
}
