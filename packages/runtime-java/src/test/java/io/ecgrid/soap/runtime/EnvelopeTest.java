package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SOAP 1.1 and 1.2 envelopes: writing a Body, reading one, and Faults of both versions as typed errors. */
class EnvelopeTest {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    @Test
    void writesTheEnvelopeAroundAnIndentedBody() {
        CodecTest.Item item = new CodecTest.Item();
        item.name = "n";
        String body = SoapEnvelope.encodeBody(SoapVersion.SOAP_11, CodecTest.ITEM_ELEMENT, item, EncodeOptions.DEFAULT.withIndent("  "));
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
                + "  <soap:Body>\n    <Item xmlns=\"urn:test\">\n      <Name>n</Name>\n    </Item>\n  </soap:Body>\n</soap:Envelope>",
                SoapEnvelope.encode(SoapVersion.SOAP_11, body, "  "));
    }

    @Test
    void aNilBodyElementUsesTheEnvelopesXsiPrefix() {
        String body = SoapEnvelope.encodeBody(SoapVersion.SOAP_12, CodecTest.SETTINGS_ELEMENT, null, EncodeOptions.DEFAULT);
        assertEquals("<Settings xsi:nil=\"true\"/>", body);
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SOAP12
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<soap:Body/></soap:Envelope>", SoapEnvelope.encode(SoapVersion.SOAP_12, "", null));
    }

    @Test
    void readsTheVersionHeaderAndFirstBodyElement() {
        SoapEnvelope envelope = SoapEnvelope.decode("<e:Envelope xmlns:e=\"" + SOAP12 + "\"><e:Header><h/></e:Header>"
                + "<e:Body><Item xmlns=\"urn:test\"><Name>n</Name></Item></e:Body></e:Envelope>");
        assertEquals(SoapVersion.SOAP_12, envelope.version());
        assertEquals("h", envelope.header().childElements().get(0).localName());
        assertEquals("n", CodecTest.ITEM_ELEMENT.decode(envelope.body()).name);
        assertNull(SoapEnvelope.decode("<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body><x/></s:Body></s:Envelope>").header());
    }

    @Test
    void refusesWhatIsNotAUsableEnvelope() {
        assertEquals("not-an-envelope", assertThrows(EnvelopeException.class, () -> SoapEnvelope.decode("<Item/>")).code());
        assertEquals("version-mismatch", assertThrows(EnvelopeException.class, () -> SoapEnvelope.decode("<Envelope/>")).code());
        assertEquals("missing-body", assertThrows(EnvelopeException.class,
                () -> SoapEnvelope.decode("<s:Envelope xmlns:s=\"" + SOAP11 + "\"/>")).code());
        assertEquals("empty-body", assertThrows(EnvelopeException.class,
                () -> SoapEnvelope.decode("<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body> </s:Body></s:Envelope>")).code());
        assertEquals("doctype-refused", assertThrows(XmlParseException.class,
                () -> SoapEnvelope.decode("<!DOCTYPE s:Envelope><s:Envelope xmlns:s=\"" + SOAP11 + "\"/>")).code());
    }

    @Test
    void soap11FaultsBecomeTypedErrors() {
        SoapFaultException fault = assertThrows(SoapFaultException.class, () -> SoapEnvelope.decode(
                "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>"
                        + "<faultstring> Session is not valid. </faultstring><faultactor>urn:actor</faultactor>"
                        + "<detail><Info xmlns=\"urn:i\">x</Info></detail></soap:Fault></soap:Body></soap:Envelope>"));
        assertEquals("soap:Client", fault.code());
        assertEquals("SOAP fault soap:Client: Session is not valid.", fault.getMessage());
        assertEquals(SoapVersion.SOAP_11, fault.version());
        assertEquals("soap:Client", fault.faultCode());
        assertEquals(SOAP11, fault.codeNamespace());
        assertEquals("Client", fault.codeLocalName());
        assertEquals("Session is not valid.", fault.reason());
        assertEquals("urn:actor", fault.actor());
        assertEquals("Info", fault.detail().childElements().get(0).localName());
    }

    @Test
    void soap12FaultsKeepTheirSubcodes() {
        SoapFaultException fault = assertThrows(SoapFaultException.class, () -> SoapEnvelope.decode(
                "<env:Envelope xmlns:env=\"" + SOAP12 + "\" xmlns:app=\"urn:app\"><env:Body><env:Fault>"
                        + "<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>app:BadSession</env:Value></env:Subcode></env:Code>"
                        + "<env:Reason><env:Text xml:lang=\"en\">Bad session</env:Text></env:Reason><env:Node>urn:n</env:Node>"
                        + "</env:Fault></env:Body></env:Envelope>"));
        assertEquals(SoapVersion.SOAP_12, fault.version());
        assertEquals("Sender", fault.codeLocalName());
        assertEquals(List.of("app:BadSession"), fault.subcodes());
        assertEquals("Bad session", fault.reason());
        assertEquals("urn:n", fault.node());
        assertNull(fault.detail());
    }
}
