package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Strictness of the decoder and of every error (issue 11): an {@code xsi:type} the schema does
 * not know is a typed error, never ignored; a number of thousands of digits is a typed error; a
 * name or value from the document is quoted at most 100 characters long, and no message is longer
 * than 2,000 characters whatever the input.
 */
class StrictDecodeTest {
    private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    @Test
    void anXsiTypeTheSchemaDoesNotKnowIsAnInvalidTypeError() {
        DecodeException e = assertThrows(DecodeException.class, () -> CodecTest.ITEM_ELEMENT.decode(
                "<Item xmlns=\"urn:test\" " + XSI + " xmlns:q=\"urn:nowhere\" xsi:type=\"q:NoSuchType\"><Name>n</Name></Item>"));
        assertEquals("invalid-type", e.code());
        assertTrue(e.getMessage().contains("\"q:NoSuchType\" does not name Item"), e.getMessage());
        DecodeException inner = assertThrows(DecodeException.class, () -> CodecTest.ITEM_ELEMENT.decode(
                "<Item xmlns=\"urn:test\" " + XSI + " xmlns:q=\"urn:nowhere\"><Name xsi:type=\"q:Other\">n</Name></Item>"));
        assertEquals("invalid-type", inner.code());
        assertEquals("Item.Name", inner.path());
    }

    @Test
    void anXsiTypeNamingTheDeclaredTypeOrABuiltinOfASimpleTypeIsAccepted() {
        String xml = "<Item xmlns=\"urn:test\" " + XSI + " xmlns:t=\"urn:test\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xsi:type=\"t:Item\"><Name xsi:type=\"xsd:string\">n</Name><Count xsi:type=\"xsd:int\">3</Count>"
                + "<Color xsi:type=\"t:Color\">Red</Color></Item>";
        CodecTest.Item item = CodecTest.ITEM_ELEMENT.decode(xml);
        assertEquals("n", item.name);
        assertEquals(3, item.count);
        DecodeException undeclared = assertThrows(DecodeException.class, () -> CodecTest.ITEM_ELEMENT.decode(
                "<Item xmlns=\"urn:test\" " + XSI + " xsi:type=\"nope:Item\"><Name>n</Name></Item>"));
        assertEquals("invalid-value", undeclared.code());
        assertEquals("n", CodecTest.ITEM_ELEMENT.decode("<Item xmlns=\"urn:test\" " + XSI + " xsi:type=\"nope:Item\"><Name>n</Name></Item>",
                DecodeOptions.IGNORE_NAMESPACES).name);
    }

    @Test
    void soapEncodedItemsAreCheckedToo() {
        Root<CodecTest.Numbers> root = Root.element("{urn:test}Numbers", CodecTest.NS, "Numbers", false, () -> CodecTest.NUMBERS);
        String head = "<Numbers xmlns=\"urn:test\" " + XSI + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:q=\"urn:q\""
                + " xmlns:enc=\"http://schemas.xmlsoap.org/soap/encoding/\" xsi:type=\"enc:Array\">";
        assertEquals(1, root.decode(head + "<item xmlns=\"\" xsi:type=\"xsd:int\">1</item></Numbers>").get(0));
        assertEquals("invalid-type", assertThrows(DecodeException.class,
                () -> root.decode(head + "<item xmlns=\"\" xsi:type=\"q:Int\">1</item></Numbers>")).code());
    }

    @Test
    void aNumberOfThousandsOfDigitsIsATypedError() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> CodecTest.ITEM_ELEMENT.decode("<Item xmlns=\"urn:test\"><Name>n</Name><Count>" + "9".repeat(5000) + "</Count></Item>"));
        assertEquals("out-of-range", e.code());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void namesFromTheDocumentAreQuotedShort() {
        String name = "x".repeat(1000);
        DecodeException e = assertThrows(DecodeException.class,
                () -> CodecTest.ITEM_ELEMENT.decode("<Item xmlns=\"urn:test\"><Name>n</Name><" + name + "/></Item>"));
        assertEquals("unexpected-element", e.code());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertTrue(e.getMessage().contains("x".repeat(100) + "\u2026"), e.getMessage());
        DecodeException root = assertThrows(DecodeException.class, () -> CodecTest.ITEM_ELEMENT.decode("<" + name + "/>"));
        assertTrue(root.getMessage().length() < 300, root.getMessage());
        EnvelopeException envelope = assertThrows(EnvelopeException.class, () -> SoapEnvelope.decode("<" + name + "/>"));
        assertTrue(envelope.getMessage().length() < 200, envelope.getMessage());
    }

    @Test
    void noMessageIsLongerThanTwoThousandCharacters() {
        SoapException e = new SoapException("x", "m".repeat(1_000_000));
        assertEquals(2000, e.getMessage().length());
        assertTrue(e.getMessage().endsWith("\u2026"));
        SoapFaultException fault = assertThrows(SoapFaultException.class, () -> SoapEnvelope.decode(
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:"
                        + "c".repeat(5000) + "</faultcode><faultstring>" + "r".repeat(100_000)
                        + "</faultstring></s:Fault></s:Body></s:Envelope>"));
        assertTrue(fault.getMessage().length() <= 2000);
        assertTrue(fault.code().length() <= 101, "a fault code from the document is cut like a name");
        assertEquals(100_000, fault.reason().length(), "the fault's own fields keep the whole text");
    }
}
