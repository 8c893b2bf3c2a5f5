package io.ecgrid.soap.runtime;

/**
 * What every compiled schema type can do: decode an element's attributes and content, and write a
 * whole element holding a value. {@code parentDefault} is the default namespace in effect where
 * the element is written, {@code depth} its indentation level. Only this package implements it.
 *
 * @param <V> the Java type of the values
 */
public sealed interface TypeCodec<V> permits SimpleType, ComplexType, SoapArrayType, TypeCodec.AnyType {

    /**
     * The schema name: starts error paths and names the type in messages.
     *
     * @return the name
     */
    String name();

    /**
     * Decodes an element's attributes and content.
     *
     * @param node the element
     * @param strict true to match elements by namespace and local name, false by local name only
     * @return the value
     */
    V decode(XmlElement node, boolean strict);

    /**
     * Writes a whole element holding a value.
     *
     * @param value the value
     * @param local the element's local name
     * @param ns the element's namespace
     * @param st the state of the encoding under way
     * @param parentDefault the default namespace where the element is written
     * @param depth the element's indentation level
     * @param out where the text goes
     */
    void encode(Object value, String local, String ns, EncodeState st, String parentDefault, int depth, StringBuilder out);

    /** {@code xs:anyType}: the element is kept as XML and written back under the particle's name. */
    final class AnyType implements TypeCodec<XmlElement> {
        static final AnyType INSTANCE = new AnyType();

        private AnyType() {
        }

        @Override
        public String name() {
            return "anyType";
        }

        @Override
        public XmlElement decode(XmlElement node, boolean strict) {
            return node;
        }

        @Override
        public void encode(Object value, String local, String ns, EncodeState st, String parentDefault, int depth,
                StringBuilder out) {
            XmlElement element = requireXmlElement(value);
            out.append(st.writeKept(element.renamed(local, st.qualified ? ns : parentDefault), parentDefault));
        }

        static XmlElement requireXmlElement(Object value) {
            if (value instanceof XmlElement element) {
                return element;
            }
            throw CodecFailure.of("invalid-type", "expected an XmlElement");
        }
    }
}
