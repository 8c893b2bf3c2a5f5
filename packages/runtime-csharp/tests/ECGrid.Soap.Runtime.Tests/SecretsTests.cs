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

    [Fact]
    public void A_short_secret_is_redacted_only_as_a_whole_token()
    {
        Assert.Equal("SOAP fault soap:Client: session *** expired", Secrets.Redact("SOAP fault soap:Client: session s expired", new[] { "s" }));
        Assert.Equal("request to http://127.0.0.1:8080/soap failed: id ***.", Secrets.Redact("request to http://127.0.0.1:8080/soap failed: id 127.", new[] { "127" }));
        Assert.Equal("key=*** (\"***\")", Secrets.Redact("key=ab1 (\"ab1\")", new[] { "ab1" }));
        // Eight characters or more: replaced inside longer tokens too.
        Assert.Equal("token ***-suffix", Secrets.Redact("token s3cr3t-k-suffix", new[] { "s3cr3t-k" }));
    }

    [Fact]
    public void Scrub_keeps_the_type_and_the_inner_exception()
    {
        var inner = new System.Net.Http.HttpRequestException("connection reset");
        var transport = new TransportException("http://127.0.0.1:9/soap/abc", "reset while sending abc", inner);
        var clean = Assert.IsType<TransportException>(Secrets.Scrub(transport, new[] { "abc" }));
        Assert.Equal("request to http://127.0.0.1:9/soap/*** failed: reset while sending ***", clean.Message);
        Assert.Same(inner, clean.InnerException);
        Assert.Equal("transport-error", clean.Code);

        var timeout = new SoapTimeoutException(System.TimeSpan.FromSeconds(1), "http://127.0.0.1:9/abc", inner);
        var cleanTimeout = Assert.IsType<SoapTimeoutException>(Secrets.Scrub(timeout, new[] { "abc" }));
        Assert.Equal((System.TimeSpan.FromSeconds(1), "request to http://127.0.0.1:9/*** timed out after 1000 ms"), (cleanTimeout.Timeout, cleanTimeout.Message));
        Assert.Same(inner, cleanTimeout.InnerException);

        var status = new HttpStatusException(500, "Bad abc", "text/html", "page abc", "http://127.0.0.1:9/x");
        var cleanStatus = Assert.IsType<HttpStatusException>(Secrets.Scrub(status, new[] { "abc" }));
        Assert.Equal(("HTTP 500 Bad *** from http://127.0.0.1:9/x", "Bad ***", "page ***", 500), (cleanStatus.Message, cleanStatus.ReasonPhrase, cleanStatus.BodyExcerpt, cleanStatus.StatusCode));

        var format = new ResponseFormatException(200, "text/xml", "abc", "not XML near abc", inner);
        var cleanFormat = Assert.IsType<ResponseFormatException>(Secrets.Scrub(format, new[] { "abc" }));
        Assert.Equal(("invalid SOAP response (HTTP 200): not XML near ***", "***"), (cleanFormat.Message, cleanFormat.BodyExcerpt));
        Assert.Same(inner, cleanFormat.InnerException);
    }

    [Fact]
    public void Scrub_with_a_one_letter_secret_leaves_the_fault_code_alone()
    {
        var fault = new SoapFaultException(
            SoapVersion.Soap11, new FaultCode("soap:Client", "http://schemas.xmlsoap.org/soap/envelope/", "Client"), "session s expired", null, null, new List<FaultCode>(), null);
        var clean = Assert.IsType<SoapFaultException>(Secrets.Scrub(fault, new[] { "s" }));
        Assert.Equal(("soap:Client", "session *** expired", "SOAP fault soap:Client: session *** expired"), (clean.FaultCode.Code, clean.Reason, clean.Message));
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
