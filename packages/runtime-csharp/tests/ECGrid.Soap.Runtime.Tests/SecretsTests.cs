namespace ECGrid.Soap.Runtime.Tests;

using System.Collections.Generic;
using ECGrid.Soap.Runtime;
using Xunit;

public class SecretsTests
{
    [Fact]
    public void Secret_fields_are_matched_by_name_ignoring_case()
    {
        Assert.True(Secrets.IsSecretField("SessionID", Secrets.DefaultFields));
        Assert.True(Secrets.IsSecretField("userPassword", Secrets.DefaultFields));
        Assert.True(Secrets.IsSecretField("x_apikey", Secrets.DefaultFields));
        Assert.False(Secrets.IsSecretField("UserID", Secrets.DefaultFields));
    }

    [Fact]
    public void Every_form_of_a_secret_is_redacted()
    {
        var secrets = new[] { "p&ss \"w\"" };
        var text = "raw p&ss \"w\" xml p&amp;ss &quot;w&quot; url p%26ss%20%22w%22 json p\\u0026ss \\u0022w\\u0022";
        Assert.Equal("raw *** xml *** url *** json ***", Secrets.Redact(text, secrets));
        Assert.Equal("nothing to hide", Secrets.Redact("nothing to hide", new List<string>()));
    }

    [Fact]
    public void Collect_finds_strings_under_secret_fields_of_a_request()
    {
        var request = new SecretRequest { SessionID = "s3cr3t", UserName = "alice" };
        Assert.Equal(new[] { "s3cr3t" }, Secrets.Collect(SecretRequest.Codec, request, Secrets.DefaultFields));
        Assert.Empty(Secrets.Collect(SecretRequest.Codec, request, new[] { "Token" }));
    }

    [Fact]
    public void Scrub_redacts_fault_reason_and_detail()
    {
        var fault = new SoapFaultException(
            SoapVersion.Soap11, new FaultCode("soap:Client", "urn:soap", "Client"), "Session s3cr3t expired", null, null, new List<FaultCode>(),
            XmlElementNode.Parse("<detail at=\"s3cr3t\">s3cr3t<!--s3cr3t--></detail>"));
        var clean = Assert.IsType<SoapFaultException>(Secrets.Scrub(fault, new[] { "s3cr3t" }));
        Assert.Equal("Session *** expired", clean.Reason);
        Assert.Equal("<detail at=\"***\">***<!--***--></detail>", clean.Detail?.ToString());
        Assert.DoesNotContain("s3cr3t", clean.Message);
    }

    private sealed class SecretRequest
    {
        public static readonly ComplexCodec<SecretRequest> Codec = new("SecretRequest", () => new SecretRequest());

        static SecretRequest()
        {
            Codec.Element("SessionID", "urn:test", Xsd.String, 0, 1, false, x => x.SessionID, (x, v) => x.SessionID = v);
            Codec.Element("UserName", "urn:test", Xsd.String, 0, 1, false, x => x.UserName, (x, v) => x.UserName = v);
        }

        public string? SessionID { get; set; }

        public string? UserName { get; set; }
    }
}
