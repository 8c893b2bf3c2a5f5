namespace ECGrid.Soap.Runtime.Tests;

using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

public class EnvelopeTests
{
    private const string Fault11 =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
        + "<faultcode>soap:Client</faultcode><faultstring>Session is not valid.</faultstring><faultactor>urn:actor</faultactor>"
        + "<detail><ErrorInfo xmlns=\"https://os.ecgrid.io/\"><ErrorCode>SessionInvalid</ErrorCode></ErrorInfo></detail></soap:Fault></soap:Body></soap:Envelope>";

    private const string Fault12 =
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:e=\"urn:errors\"><env:Body><env:Fault>"
        + "<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>e:Expired</env:Value></env:Subcode></env:Code>"
        + "<env:Reason><env:Text xml:lang=\"en\">Session expired.</env:Text></env:Reason><env:Role>urn:role</env:Role>"
        + "<env:Detail><e:Info>x</e:Info></env:Detail></env:Fault></env:Body></env:Envelope>";

    [Fact]
    public void Writes_a_pretty_soap11_envelope_like_an_asmx_service()
    {
        var item = new Item { Id = 1, Color = Color.Red };
        var body = SoapEnvelope.EncodeBody(ItemElement, item, SoapVersion.Soap11, "  ");
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
            + "  <soap:Body>\n    <Item xmlns=\"urn:test\">\n      <Id>1</Id>\n      <Color>Red</Color>\n    </Item>\n  </soap:Body>\n</soap:Envelope>",
            SoapEnvelope.Encode(SoapVersion.Soap11, body, null, "  "));
    }

    [Fact]
    public void Writes_a_compact_soap12_envelope_without_redeclaring_xsi()
    {
        var item = new Item { Id = 1, Color = Color.Red, Count = Nillable<long>.Nil };
        var body = SoapEnvelope.EncodeBody(ItemElement, item, SoapVersion.Soap12);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
            + "<soap:Header/><soap:Body><Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Count xsi:nil=\"true\"/></Item></soap:Body></soap:Envelope>",
            SoapEnvelope.Encode(SoapVersion.Soap12, body, ""));
    }

    [Fact]
    public void Decodes_the_body_of_either_version()
    {
        var envelope = SoapEnvelope.Decode("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header><h/></s:Header><s:Body>\n <Item xmlns=\"urn:test\"><Id>4</Id><Color>Green</Color></Item></s:Body></s:Envelope>");
        Assert.Equal(SoapVersion.Soap12, envelope.Version);
        Assert.Equal("Header", envelope.Header?.LocalName);
        Assert.Equal(4, ItemElement.Decode(envelope.Body).Id);
    }

    [Fact]
    public void A_soap11_fault_becomes_a_typed_exception()
    {
        var fault = Assert.Throws<SoapFaultException>(() => SoapEnvelope.Decode(Fault11));
        Assert.Equal(SoapVersion.Soap11, fault.Version);
        Assert.Equal(new FaultCode("soap:Client", "http://schemas.xmlsoap.org/soap/envelope/", "Client"), fault.FaultCode);
        Assert.Equal("soap:Client", fault.Code);
        Assert.Equal("Session is not valid.", fault.Reason);
        Assert.Equal("urn:actor", fault.Actor);
        Assert.Equal("<detail><ErrorInfo xmlns=\"https://os.ecgrid.io/\"><ErrorCode>SessionInvalid</ErrorCode></ErrorInfo></detail>", fault.Detail?.ToString());
        Assert.Equal("SOAP fault soap:Client: Session is not valid.", fault.Message);
    }

    [Fact]
    public void A_soap12_fault_keeps_subcodes_role_and_detail()
    {
        var fault = Assert.Throws<SoapFaultException>(() => SoapEnvelope.Decode(Fault12));
        Assert.Equal("Sender", fault.FaultCode.LocalName);
        Assert.Equal(new FaultCode("e:Expired", "urn:errors", "Expired"), Assert.Single(fault.Subcodes));
        Assert.Equal("Session expired.", fault.Reason);
        Assert.Equal("urn:role", fault.Actor);
        Assert.Equal("Detail", fault.Detail?.LocalName);
    }

    [Theory]
    [InlineData("<Envelope/>", "version-mismatch")]
    [InlineData("<html/>", "not-an-envelope")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"/>", "missing-body")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body> </s:Body></s:Envelope>", "empty-body")]
    public void Documents_that_are_not_usable_envelopes_are_refused(string xml, string code)
    {
        Assert.Equal(code, Assert.Throws<EnvelopeException>(() => SoapEnvelope.Decode(xml)).Code);
    }

    [Fact]
    public void The_expected_version_is_checked()
    {
        var error = Assert.Throws<EnvelopeException>(() => SoapEnvelope.Decode(Fault12, SoapVersion.Soap11));
        Assert.Equal("expected a SOAP 1.1 envelope, received SOAP 1.2", error.Message);
    }
}
