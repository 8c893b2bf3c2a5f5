package io.ecgrid.soap.runtime;

/**
 * A node of a parsed XML tree: an element, text, a comment or a processing instruction. Kept
 * XML ({@code xs:any} content, {@code xs:anyType} values, SOAP fault details) is held as these
 * trees and written back unchanged.
 */
public sealed interface XmlNode permits XmlElement, XmlNode.Text, XmlNode.Comment, XmlNode.ProcessingInstruction {

    /**
     * Character data with references expanded.
     *
     * @param text the characters
     * @param cdata true when it was a CDATA section
     */
    record Text(String text, boolean cdata) implements XmlNode {
        /**
         * Checks that the text is not null.
         *
         * @param text the characters
         * @param cdata true for a CDATA section
         */
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A comment, without its {@code <!--} and {@code -->}.
     *
     * @param text the comment's text
     */
    record Comment(String text) implements XmlNode {
        /**
         * Checks that the text is not null.
         *
         * @param text the comment's text
         */
        public Comment {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A processing instruction {@code <?target data?>}.
     *
     * @param target the target
     * @param data the data, {@code ""} for none
     */
    record ProcessingInstruction(String target, String data) implements XmlNode {
        /**
         * Checks that no component is null.
         *
         * @param target the target
         * @param data the data
         */
        public ProcessingInstruction {
            java.util.Objects.requireNonNull(target, "target");
            java.util.Objects.requireNonNull(data, "data");
        }
    }
}
