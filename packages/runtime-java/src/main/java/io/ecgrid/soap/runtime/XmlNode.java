package io.ecgrid.soap.runtime;

/**
 * A node of a parsed XML tree: an element, text, a comment or a processing instruction. Kept
 * XML ({@code xs:any} content, {@code xs:anyType} values, SOAP fault details) is held as these
 * trees and written back unchanged.
 */
public sealed interface XmlNode permits XmlElement, XmlNode.Text, XmlNode.Comment, XmlNode.ProcessingInstruction {

    /** Character data with references expanded; {@code cdata} when it was a CDATA section. */
    record Text(String text, boolean cdata) implements XmlNode {
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A comment, without its {@code <!--} and {@code -->}. */
    record Comment(String text) implements XmlNode {
        public Comment {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A processing instruction {@code <?target data?>}. */
    record ProcessingInstruction(String target, String data) implements XmlNode {
        public ProcessingInstruction {
            java.util.Objects.requireNonNull(target, "target");
            java.util.Objects.requireNonNull(data, "data");
        }
    }
}
