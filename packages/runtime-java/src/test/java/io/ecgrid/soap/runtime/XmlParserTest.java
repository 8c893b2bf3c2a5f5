package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The XML reader: namespaces, kept details, and what it refuses (DOCTYPE, deep nesting, bad XML). */
class XmlParserTest {

    @Test
    void readsNamespacesAttributesTextAndPositions() {
        XmlElement root = XmlParser.parse("<?xml version=\"1.0\"?>\n<a:Root xmlns:a=\"urn:a\" xmlns=\"urn:d\" id=\"1\" a:x=\"&lt;y&gt;\">"
                + "<Child>t &amp; u</Child><!--c--><?pi data?><Empty/><Pair></Pair></a:Root>");
        assertEquals("Root", root.localName());
        assertEquals("a", root.prefix());
        assertEquals("urn:a", root.namespace());
        assertEquals(2, root.line());
        assertEquals(List.of(XmlAttribute.of("id", "1"), new XmlAttribute("a:x", "a", "x", "urn:a", "<y>")), root.attributes());
        List<XmlElement> children = root.childElements();
        assertEquals("urn:d", children.get(0).namespace());
        assertEquals("t & u", children.get(0).text());
        assertTrue(children.get(1).selfClosing());
        assertFalse(children.get(2).selfClosing());
        assertTrue(root.children().get(1) instanceof XmlNode.Comment c && c.text().equals("c"));
        assertTrue(root.children().get(2) instanceof XmlNode.ProcessingInstruction pi && pi.target().equals("pi") && pi.data().equals("data"));
    }

    @Test
    void keepsCdataApartFromText() {
        XmlElement root = XmlParser.parse("<r><![CDATA[<x>]]></r>");
        XmlNode.Text text = (XmlNode.Text) root.children().get(0);
        assertEquals("<x>", text.text());
        assertTrue(text.cdata());
    }

    @Test
    void refusesADoctypeBeforeExpandingAnything() {
        XmlParseException e = assertThrows(XmlParseException.class,
                () -> XmlParser.parse("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"));
        assertEquals("doctype-refused", e.code());
        assertEquals(1, e.line());
        XmlParseException external = assertThrows(XmlParseException.class,
                () -> XmlParser.parse("<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>"));
        assertEquals("doctype-refused", external.code());
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        int depth = XmlParser.MAX_DEPTH + 1;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        XmlParseException e = assertThrows(XmlParseException.class, () -> XmlParser.parse(deep));
        assertEquals("depth-limit", e.code());
        String limit = "<a>".repeat(XmlParser.MAX_DEPTH) + "</a>".repeat(XmlParser.MAX_DEPTH);
        assertEquals("a", XmlParser.parse(limit).localName());
    }

    @Test
    void refusesDocumentsAndValuesLongerThanTheLimits() {
        assertEquals(256 * 1024 * 1024, XmlParser.MAX_LENGTH);
        assertEquals(64 * 1024 * 1024, XmlParser.MAX_TEXT_LENGTH);
        XmlParseException document = assertThrows(XmlParseException.class, () -> XmlParser.parse("<a>0123456789</a>", 8, 16, 8));
        assertEquals("size-limit", document.code());
        XmlParseException text = assertThrows(XmlParseException.class, () -> XmlParser.parse("<a>0123456789</a>", 8, 64, 8));
        assertEquals("size-limit", text.code());
        XmlParseException cdata = assertThrows(XmlParseException.class, () -> XmlParser.parse("<a><![CDATA[0123456789]]></a>", 8, 64, 8));
        assertEquals("size-limit", cdata.code());
        XmlParseException attribute = assertThrows(XmlParseException.class, () -> XmlParser.parse("<a v=\"0123456789\"/>", 8, 64, 8));
        assertEquals("size-limit", attribute.code());
        assertEquals("01234567", XmlParser.parse("<a>01234567</a>", 8, 64, 8).text());
        assertEquals("depth-limit", assertThrows(XmlParseException.class, () -> XmlParser.parse("<a><b><c/></b></a>", 2, 64, 8)).code());
    }

    @Test
    void reportsNotWellFormedDocumentsWithTheirPosition() {
        XmlParseException unclosed = assertThrows(XmlParseException.class, () -> XmlParser.parse("<a>\n<b></a>"));
        assertEquals("not-well-formed", unclosed.code());
        assertTrue(unclosed.getMessage().startsWith(unclosed.line() + ":" + unclosed.column() + ": "), unclosed.getMessage());
        assertEquals("not-well-formed", assertThrows(XmlParseException.class, () -> XmlParser.parse("")).code());
        assertEquals("not-well-formed", assertThrows(XmlParseException.class, () -> XmlParser.parse("<a/><b/>")).code());
        assertEquals("not-well-formed", assertThrows(XmlParseException.class, () -> XmlParser.parse("<p:a/>")).code());
    }

    @Test
    void writesKeptXmlBackAsItCame() {
        String xml = "<d:Detail xmlns:d=\"urn:d\" xmlns:o=\"urn:o\"><o:Code a=\"&quot;q&quot;\">x &lt; y</o:Code><e/><f></f></d:Detail>";
        XmlElement element = XmlParser.parse(xml);
        assertEquals(xml, element.toString());
    }
}
