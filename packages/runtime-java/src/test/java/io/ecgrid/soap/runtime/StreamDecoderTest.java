package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast path of a response ({@link SoapEnvelope#decodeBody}): decoded straight from the
 * reader when it can be, and then the same value the tree path gives; every other document (an
 * error, a fault, a limit passed, content the fast path does not read) goes the tree path, so
 * each outcome, value or exception with its code and message, is the tree path's.
 */
class StreamDecoderTest {
    static final String NS = "urn:stream";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    static final class Entry {
        String key;
        Integer size;
        XsdDateTime at;
        List<CodecTest.Color> colors;
        Nillable<String> note;

        @Override
        public String toString() {
            return "Entry[" + key + ", " + size + ", " + at + ", " + colors + ", " + note + "]";
        }
    }

    static final class Listing {
        String title;
        List<Entry> entries;
        Long total;

        @Override
        public String toString() {
            return "Listing[" + title + ", " + entries + ", " + total + "]";
        }
    }

    static final ComplexType<Entry> ENTRY = ComplexType.of("Entry", Entry.class, Entry::new, List.of(
            Particle.<Entry, String>element("Key", NS, 1, 1, false, () -> Builtins.STRING, e -> e.key, (e, v) -> e.key = v),
            Particle.<Entry, Integer>element("Size", NS, 0, 1, false, () -> Builtins.INT, e -> e.size, (e, v) -> e.size = v),
            Particle.<Entry, XsdDateTime>element("At", NS, 0, 1, false, () -> Builtins.DATE_TIME, e -> e.at, (e, v) -> e.at = v),
            Particle.<Entry, CodecTest.Color>list("Color", NS, 0, 3, true, () -> CodecTest.COLOR, e -> e.colors,
                    (e, v) -> e.colors = v),
            Particle.<Entry, String>nillable("Note", NS, 0, 1, true, () -> Builtins.STRING, e -> e.note, (e, v) -> e.note = v)));

    static final ComplexType<Listing> LISTING = ComplexType.of("Listing", Listing.class, Listing::new, List.of(
            Particle.<Listing, String>element("Title", NS, 0, 1, false, () -> Builtins.STRING, l -> l.title, (l, v) -> l.title = v),
            Particle.<Listing, Entry>list("Entry", NS, 0, -1, true, () -> ENTRY, l -> l.entries, (l, v) -> l.entries = v),
            Particle.<Listing, Long>element("Total", NS, 1, 1, false, () -> Builtins.LONG, l -> l.total, (l, v) -> l.total = v)));

    static final Root<Listing> LISTING_ELEMENT = Root.element("{" + NS + "}Listing", NS, "Listing", true, () -> LISTING);

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SOAP11 + "\" xmlns:xsi=\"" + XSI
                + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private static String listing(String content) {
        return envelope("<Listing xmlns=\"" + NS + "\">" + content + "</Listing>");
    }

    /** What a decode gives, as text: the value, or the exception's class, code and message. */
    private static String treeOutcome(String text, XmlLimits limits, Root<?> root) {
        try {
            return String.valueOf(root.decode(SoapEnvelope.decode(text, limits).body(), DecodeOptions.STRICT));
        } catch (SoapException e) {
            return e.getClass().getSimpleName() + " " + e.code() + " " + e.getMessage();
        }
    }

    private static String fastOutcome(String text, XmlLimits limits, Root<?> root) {
        try {
            return String.valueOf(SoapEnvelope.decodeBody(text, limits, root));
        } catch (SoapException e) {
            return e.getClass().getSimpleName() + " " + e.code() + " " + e.getMessage();
        }
    }

    private static final String ENTRY_1 = "<Entry><Key>a &amp; b</Key><Size>+07</Size><At> 2026-01-01T00:00:00.000Z </At>"
            + "<Color>Red</Color><Color xsi:nil=\"true\"/><Note xsi:nil=\"1\"/></Entry>";
    private static final String ENTRY_2 = "<Entry>\n  <Key><![CDATA[<x>]]> and <!-- c --> text</Key>\n  <Note/>\n</Entry>";

    /** Documents the fast path decodes itself. */
    static final List<String> STREAMED = List.of(
            listing("<Title>t</Title>" + ENTRY_1 + ENTRY_2 + "<Total>2</Total>"),
            listing("<Total>0</Total>"),
            listing("<Entry><Key/></Entry><Entry xsi:nil=\"true\"></Entry><Total> 9000000000 </Total>"),
            envelope("<Listing xmlns=\"" + NS + "\" xsi:nil=\"true\"/>"),
            "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Header><h:x xmlns:h=\"urn:h\">1</h:x></soap:Header>"
                    + "<soap:Body><l:Listing xmlns:l=\"" + NS + "\"><l:Total>1</l:Total></l:Listing><Other/></soap:Body>"
                    + "</soap:Envelope>",
            listing("<Title>" + "\u00e9\ud83d\ude00".repeat(50) + "</Title><Total>-5</Total>"));

    /** Documents the tree path decides: errors, faults, limits, content the fast path leaves to it. */
    static final List<String> FALLEN_BACK = List.of(
            listing("<Title>t</Title>"),
            listing("<Total>x</Total>"),
            listing("<Total>1</Total><Total>2</Total>"),
            listing("<Entry><Size>1</Size></Entry><Total>1</Total>"),
            listing("<Entry><Key>k</Key><Color>Red</Color><Color>Red</Color><Color>Red</Color><Color>Red</Color></Entry><Total>1</Total>"),
            listing("<Entry><Key>k</Key><At>2026-02-30T00:00:00</At></Entry><Total>1</Total>"),
            listing("<Entry><Key>k</Key><Color>Purple</Color></Entry><Total>1</Total>"),
            listing("stray<Total>1</Total>"),
            listing("<Total>1</Total><Extra/>"),
            listing("<Total xsi:nil=\"true\"/>"),
            listing("<Total xsi:type=\"xsd:long\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">1</Total>"),
            listing("<Total><b>1</b></Total>"),
            listing("<Total>1</Total>").replace("<Listing xmlns", "<Listing xmlns:q=\"urn:q\" q:a=\"1\" xmlns"),
            envelope("<Other xmlns=\"" + NS + "\"/>"),
            envelope("<Listing xmlns=\"urn:elsewhere\"><Total>1</Total></Listing>"),
            envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring></soap:Fault>"),
            envelope(""),
            "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"/>",
            "<Envelope xmlns=\"urn:not-soap\"><Body/></Envelope>",
            listing("<Total>1</Total>") + "<after/>",
            listing("<Total>1</Total>").replace("</soap:Envelope>", ""),
            "<!DOCTYPE x [<!ENTITY e \"x\">]>" + listing("<Total>1</Total>"),
            listing("<Total>&e;</Total>"));

    @Test
    void whatTheFastPathDecodesIsWhatTheTreePathGives() {
        for (String text : STREAMED) {
            assertNotSame(StreamDecoder.FALLBACK, StreamDecoder.tryDecode(text, XmlLimits.DEFAULTS, LISTING_ELEMENT), text);
            assertEquals(treeOutcome(text, XmlLimits.DEFAULTS, LISTING_ELEMENT), fastOutcome(text, XmlLimits.DEFAULTS, LISTING_ELEMENT),
                    text);
        }
        assertEquals("Listing[t, [Entry[a & b, 7, 2026-01-01T00:00:00.000Z, [RED, null], nil], Entry[<x> and  text, null, null,"
                + " [], ]], 2]", fastOutcome(STREAMED.get(0), XmlLimits.DEFAULTS, LISTING_ELEMENT));
    }

    @Test
    void everythingElseTakesTheTreePathWithItsErrors() {
        for (String text : FALLEN_BACK) {
            assertSame(StreamDecoder.FALLBACK, StreamDecoder.tryDecode(text, XmlLimits.DEFAULTS, LISTING_ELEMENT), text);
            assertEquals(treeOutcome(text, XmlLimits.DEFAULTS, LISTING_ELEMENT), fastOutcome(text, XmlLimits.DEFAULTS, LISTING_ELEMENT),
                    text);
        }
    }

    @Test
    void theLimitsHoldOnTheFastPath() {
        String deep = listing("<Title>" + "x".repeat(40) + "</Title><Total>1</Total>");
        List<XmlLimits> tight = new ArrayList<>(List.of(XmlLimits.DEFAULTS.withMaxDepth(3), XmlLimits.DEFAULTS.withMaxTextLength(39),
                XmlLimits.DEFAULTS.withMaxLength(deep.length() - 1), XmlLimits.DEFAULTS.withMaxAttributes(1),
                XmlLimits.DEFAULTS.withMaxNameLength(7), XmlLimits.DEFAULTS.withMaxNamespaceDeclarations(1),
                XmlLimits.DEFAULTS.withMaxNamespacesInScope(2)));
        String attributed = envelope("<Listing xmlns=\"" + NS + "\" xsi:nil=\"true\" xmlns:q=\"urn:q\" q:a=\"1\"/>");
        for (XmlLimits limits : tight) {
            for (String text : List.of(deep, attributed)) {
                String tree = treeOutcome(text, limits, LISTING_ELEMENT);
                if (tree.startsWith("XmlParseException")) {
                    assertSame(StreamDecoder.FALLBACK, StreamDecoder.tryDecode(text, limits, LISTING_ELEMENT), tree);
                }
                assertEquals(tree, fastOutcome(text, limits, LISTING_ELEMENT), text);
            }
        }
        assertEquals("XmlParseException depth-limit", treeOutcome(deep, tight.get(0), LISTING_ELEMENT).substring(0, 29));
    }

    @Test
    void typesTheFastPathDoesNotReadAreLeftToTheTree() {
        assertEquals(false, CodecTest.ITEM.streamable(), "attributes");
        assertEquals(false, CodecTest.BAG.streamable(), "a wildcard");
        assertEquals(false, CodecTest.SETTINGS.streamable(), "xs:all, defaults");
        assertEquals(true, LISTING.streamable());
        assertEquals(false, CodecTest.ITEM_TYPE.streamable(), "a type, not an element");
        String item = envelope("<Item xmlns=\"" + CodecTest.NS + "\"><Name>n</Name></Item>");
        assertSame(StreamDecoder.FALLBACK, StreamDecoder.tryDecode(item, XmlLimits.DEFAULTS, CodecTest.ITEM_ELEMENT));
        assertEquals("n", SoapEnvelope.decodeBody(item, CodecTest.ITEM_ELEMENT).name);
    }
}
