package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The XML reader's limits (issue 11): each refused just past its value, at the default and at a
 * value the caller set; namespace scopes chained rather than copied; DOCTYPE refusal a parse
 * (with its place), never a substring search; messages short whatever the names in the document.
 */
class XmlLimitsTest {

    private static String attributes(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(" a").append(i).append("=\"v\"");
        }
        return out.toString();
    }

    private static String declarations(int count, String tag) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(" xmlns:").append(tag).append(i).append("=\"urn:").append(i).append('"');
        }
        return out.toString();
    }

    private static XmlParseException refused(String xml, XmlLimits limits) {
        return assertThrows(XmlParseException.class, () -> XmlParser.parse(xml, limits));
    }

    @Test
    void theDefaultsAreTheSharedOnes() {
        XmlLimits d = XmlLimits.DEFAULTS;
        assertEquals(1024, d.maxDepth());
        assertEquals(256 * 1024 * 1024, d.maxLength());
        assertEquals(67_108_864, d.maxTextLength());
        assertEquals(256, d.maxAttributes());
        assertEquals(1024, d.maxNameLength());
        assertEquals(128, d.maxNamespaceDeclarations());
        assertEquals(1024, d.maxNamespacesInScope());
        assertThrows(IllegalArgumentException.class, () -> d.withMaxAttributes(0));
        assertEquals(7, d.withMaxAttributes(7).maxAttributes());
        assertEquals(256, d.maxAttributes(), "with... returns a copy");
    }

    @Test
    void attributesPerElement() {
        XmlParser.parse("<r" + attributes(256) + "/>");
        XmlParseException e = refused("<r" + attributes(257) + "/>", XmlLimits.DEFAULTS);
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().contains("257 attributes, more than the limit of 256"), e.getMessage());
        assertEquals("size-limit", refused("<r" + attributes(4) + "/>", XmlLimits.DEFAULTS.withMaxAttributes(3)).code());
    }

    @Test
    void duplicateAttributesAreFoundInLinearTime() {
        XmlParseException e = refused("<r a=\"1\" b=\"2\" a=\"3\"/>", XmlLimits.DEFAULTS);
        assertEquals("not-well-formed", e.code());
        assertEquals("1:23: an attribute appears twice on one element", e.getMessage());
        // 200,000 distinct attributes under a raised limit: a hash check, not a nested loop.
        XmlElement many = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> XmlParser.parse("<r" + attributes(200_000) + "/>", XmlLimits.DEFAULTS.withMaxAttributes(200_000)));
        assertEquals(200_000, many.attributes().size());
    }

    @Test
    void aLongTextInManyChunksIsKeptWhole() {
        String text = "x".repeat(1_000_000) + "\u00e9" + "y".repeat(1_000_000);
        assertEquals(text, XmlParser.parse("<r>" + text + "</r>").text());
        assertEquals("a<b>c", XmlParser.parse("<r>a<![CDATA[<b>]]>c</r>").text());
    }

    @Test
    void oneHundredThousandAttributesAreRefusedEarlyAndFast() {
        String xml = "<r" + attributes(100_000) + "/>";
        XmlParseException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(xml, XmlLimits.DEFAULTS));
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void nameLengthPrefixIncluded() {
        String name = "p:" + "n".repeat(1022);
        XmlParser.parse("<" + name + " xmlns:p=\"urn:p\"/>");
        XmlParseException e = refused("<" + name + "x xmlns:p=\"urn:p\"/>", XmlLimits.DEFAULTS);
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().contains("name of 1025 characters is longer than the limit of 1024"), e.getMessage());
        assertEquals("size-limit", refused("<r " + "a".repeat(11) + "=\"v\"/>", XmlLimits.DEFAULTS.withMaxNameLength(10)).code());
    }

    @Test
    void aTenMegabyteNameIsRefusedWithAShortMessage() {
        XmlParseException e = refused("<r><" + "n".repeat(10 * 1024 * 1024) + "/></r>", XmlLimits.DEFAULTS);
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void namespaceDeclarationsPerElement() {
        XmlParser.parse("<r" + declarations(128, "p") + "/>");
        XmlParseException e = refused("<r" + declarations(129, "p") + "/>", XmlLimits.DEFAULTS);
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().contains("declares 129 namespaces, more than the limit of 128"), e.getMessage());
    }

    @Test
    void namespaceDeclarationsInScopeCountEveryOpenElementAndAreReleasedAtItsEnd() {
        // 8 nested elements of 128 declarations: 1,024 in scope, the limit.
        StringBuilder nested = new StringBuilder();
        for (int d = 0; d < 8; d++) {
            nested.append("<a").append(declarations(128, "p" + d + "x")).append('>');
        }
        String closing = "</a>".repeat(8);
        XmlParser.parse(nested + closing);
        XmlParseException e = refused(nested + "<b xmlns:z=\"urn:z\"/>" + closing, XmlLimits.DEFAULTS);
        assertEquals("size-limit", e.code());
        assertTrue(e.getMessage().contains("more than 1024 namespace declarations are in scope"), e.getMessage());
        // Siblings: each one's declaration leaves the scope with it.
        XmlParser.parse("<r>" + "<c xmlns:z=\"urn:z\"/>".repeat(5000) + "</r>", XmlLimits.DEFAULTS.withMaxNamespacesInScope(1));
    }

    @Test
    void scopesAreChainedNotCopied() {
        XmlElement root = XmlParser.parse("<r xmlns:a=\"urn:a\" xmlns=\"urn:d\"><s xmlns:b=\"urn:b\"><t xmlns:a=\"urn:a2\"/><u/></s></r>");
        XmlElement s = root.childElements().get(0);
        XmlElement t = s.childElements().get(0);
        XmlElement u = s.childElements().get(1);
        assertTrue(s.scope() instanceof NamespaceScope, "a parsed element's scope is a chain");
        assertSame(s.scope(), u.scope(), "an element that declares nothing shares its parent's scope");
        assertEquals(Map.of("a", "urn:a2", "", "urn:d", "b", "urn:b"), t.scope());
        assertEquals("urn:a", s.scope().get("a"));
        assertEquals(Map.of("a", "urn:a2"), t.declarations());
        assertFalse(root.scope().containsKey("b"));
    }

    @Test
    void manyElementsUnderManyPrefixesCostNoCopies() {
        // 960 prefixes in scope, then 40,000 elements that each declare one more: linear, small.
        StringBuilder open = new StringBuilder();
        for (int d = 0; d < 8; d++) {
            open.append("<a").append(declarations(120, "p" + d + "x")).append('>');
        }
        String xml = open + "<c xmlns:z=\"urn:z\"/>".repeat(40_000) + "</a>".repeat(8);
        XmlElement root = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> XmlParser.parse(xml));
        XmlElement inner = root;
        for (int d = 1; d < 8; d++) {
            inner = inner.childElements().get(0);
        }
        XmlElement last = inner.childElements().get(39_999);
        assertEquals("urn:z", last.scope().get("z"));
        assertEquals("urn:119", last.scope().get("p0x119"));
        assertEquals(961, last.scope().size());
    }

    @Test
    void depthAndTextAtTheCallersValues() {
        XmlLimits small = XmlLimits.DEFAULTS.withMaxDepth(3).withMaxTextLength(4).withMaxLength(100);
        XmlParser.parse("<a><b><c>abcd</c></b></a>", small);
        assertEquals("depth-limit", refused("<a><b><c><d/></c></b></a>", small).code());
        assertEquals("size-limit", refused("<a>abcde</a>", small).code());
        assertEquals("size-limit", refused("<a x=\"abcde\"/>", small).code());
        assertEquals("size-limit", refused("<a>" + " ".repeat(100) + "</a>", small).code());
        assertEquals("depth-limit", refused("<d>".repeat(1025) + "</d>".repeat(1025), XmlLimits.DEFAULTS).code());
        XmlElement.parse("<a><b/></a>", small);
    }

    @Test
    void aDoctypeIsRefusedByTheParserAtItsPlaceAndDoctypeTextIsText() {
        XmlParseException e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"x\">]>\n<r>&e;</r>", XmlLimits.DEFAULTS);
        assertEquals("doctype-refused", e.code());
        assertEquals(2, e.line());
        assertEquals("<!DOCTYPE html>", XmlParser.parse("<r><![CDATA[<!DOCTYPE html>]]></r>").text());
        assertEquals(1, XmlParser.parse("<r><!-- <!DOCTYPE html> --></r>").children().size());
    }

    @Test
    void parserMessagesQuoteNoMoreThanAShortExcerpt() {
        String name = "n".repeat(1000);
        XmlParseException e = refused("<" + name + "></" + name + "x>", XmlLimits.DEFAULTS);
        assertEquals("not-well-formed", e.code());
        assertTrue(e.getMessage().length() <= 130, e.getMessage());
    }
}
