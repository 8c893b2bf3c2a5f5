namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

public class ClientTests
{
    private static readonly SoapOperation<Item, Item> Echo = new("Echo", "urn:test/Echo", ItemElement, ItemElement);
    private static readonly SoapOperation<Item, object> Notify = new("Notify", "urn:test/Notify", ItemElement, null);

    /// <summary>Answers every request with one response and keeps what it received.</summary>
    private sealed class FakeHandler(Func<HttpResponseMessage> respond, TimeSpan? delay = null) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            if (delay is { } d) await Task.Delay(d, cancellationToken);
            return respond();
        }
    }

    private static HttpResponseMessage Reply(HttpStatusCode status, string body, string contentType = "text/xml; charset=utf-8")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.Remove("Content-Type");
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private static string Envelope11(string body) =>
        $"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>{body}</soap:Body></soap:Envelope>";

    private static SoapClientCore Client(FakeHandler handler, SoapClientOptions? options = null) =>
        new("Test", "http://127.0.0.1:9/soap11", "http://127.0.0.1:9/soap12", options ?? new SoapClientOptions(), new HttpClient(handler));

    [Fact]
    public async Task Posts_a_soap11_request_and_decodes_the_response()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, Envelope11("<Item xmlns=\"urn:test\"><Id>5</Id><Color>Green</Color></Item>")));
        using var client = Client(handler, new SoapClientOptions { Pretty = false, Headers = new Dictionary<string, string> { ["X-Trace"] = "1" } });
        var result = await client.CallAsync(Echo, new Item { Id = 4, Color = Color.Red }, CancellationToken.None);
        Assert.Equal((5, Color.Green), (result.Id, result.Color));
        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:9/soap11", request.RequestUri?.ToString());
        Assert.Equal("text/xml; charset=utf-8", request.Content!.Headers.GetValues("Content-Type").Single());
        Assert.Equal("\"urn:test/Echo\"", request.Headers.GetValues("SOAPAction").Single());
        Assert.Equal("1", request.Headers.GetValues("X-Trace").Single());
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body><Item xmlns=\"urn:test\"><Id>4</Id><Color>Red</Color></Item></soap:Body></soap:Envelope>",
            body);
    }

    [Fact]
    public async Task Speaks_soap12_with_the_action_in_the_media_type()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color></Item></s:Body></s:Envelope>", "application/soap+xml"));
        using var client = Client(handler, new SoapClientOptions { SoapVersion = SoapVersion.Soap12 });
        Assert.Equal(new Uri("http://127.0.0.1:9/soap12"), client.Endpoint);
        await client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None);
        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal("application/soap+xml; charset=utf-8; action=\"urn:test/Echo\"", request.Content!.Headers.GetValues("Content-Type").Single());
        Assert.False(request.Headers.Contains("SOAPAction"));
        Assert.Contains("\n  <soap:Body>\n    <Item xmlns=\"urn:test\">\n      <Id>1</Id>", body);
    }

    [Fact]
    public async Task A_fault_is_thrown_whatever_the_status_with_secrets_redacted()
    {
        var fault = Envelope11("<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Session s3cr3t is not valid</faultstring><detail><d>s3cr3t</d></detail></soap:Fault>");
        foreach (var status in new[] { HttpStatusCode.InternalServerError, HttpStatusCode.OK })
        {
            using var client = Client(new FakeHandler(() => Reply(status, fault)));
            var error = await Assert.ThrowsAsync<SoapFaultException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red, Name = "x", Lang = "en", Tags = ["t"] }, CancellationToken.None));
            Assert.Equal("Session s3cr3t is not valid", error.Reason);
        }
        using var secretClient = Client(new FakeHandler(() => Reply(HttpStatusCode.InternalServerError, fault)), new SoapClientOptions { SecretFields = ["Name"] });
        var redacted = await Assert.ThrowsAsync<SoapFaultException>(() => secretClient.CallAsync(Echo, new Item { Id = 1, Color = Color.Red, Name = "s3cr3t" }, CancellationToken.None));
        Assert.Equal("Session *** is not valid", redacted.Reason);
        Assert.Equal("<detail><d>***</d></detail>", redacted.Detail?.ToString());
    }

    [Fact]
    public async Task An_http_error_page_becomes_an_HttpStatusException_with_a_redacted_excerpt()
    {
        using var client = Client(new FakeHandler(() => Reply(HttpStatusCode.ServiceUnavailable, "<html><body>down for s3cr3t</body></html>", "text/html")), new SoapClientOptions { SecretFields = ["Name"] });
        var error = await Assert.ThrowsAsync<HttpStatusException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red, Name = "s3cr3t" }, CancellationToken.None));
        Assert.Equal((503, "text/html", "<html><body>down for ***</body></html>"), (error.StatusCode, error.ContentType, error.BodyExcerpt));
        Assert.Equal("http-error", error.Code);
        Assert.Equal("HTTP 503 Service Unavailable from http://127.0.0.1:9/soap11", error.Message);
    }

    [Fact]
    public async Task A_successful_answer_that_is_not_an_envelope_is_a_ResponseFormatException()
    {
        using var client = Client(new FakeHandler(() => Reply(HttpStatusCode.OK, "hello", "text/plain")));
        var error = await Assert.ThrowsAsync<ResponseFormatException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal("not-well-formed", Assert.IsType<XmlParseException>(error.InnerException).Code);
        using var empty = Client(new FakeHandler(() => Reply(HttpStatusCode.OK, "")));
        Assert.Equal("invalid-response", (await Assert.ThrowsAsync<ResponseFormatException>(() => empty.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None))).Code);
    }

    [Fact]
    public async Task A_response_that_does_not_match_the_schema_is_a_DecodeException_with_its_path()
    {
        using var client = Client(new FakeHandler(() => Reply(HttpStatusCode.OK, Envelope11("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Blue</Color></Item>"))));
        var error = await Assert.ThrowsAsync<DecodeException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal(("unknown-enum-value", "Item.Color"), (error.Code, error.Path));
    }

    [Fact]
    public async Task A_one_way_operation_accepts_an_empty_answer()
    {
        using var client = Client(new FakeHandler(() => Reply(HttpStatusCode.Accepted, "")));
        Assert.Null(await client.CallAsync(Notify, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
    }

    [Fact]
    public async Task A_call_slower_than_its_timeout_is_a_SoapTimeoutException()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, ""), TimeSpan.FromSeconds(30));
        using var client = Client(handler, new SoapClientOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var error = await Assert.ThrowsAsync<SoapTimeoutException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal("request to http://127.0.0.1:9/soap11 timed out after 200 ms", error.Message);
    }

    [Fact]
    public async Task The_timeout_of_an_injected_HttpClient_is_the_one_reported()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, ""), TimeSpan.FromSeconds(30));
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions(), http);
        var error = await Assert.ThrowsAsync<SoapTimeoutException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
        Assert.Equal("request to http://127.0.0.1:9/soap11 timed out after 300 ms (the HttpClient's Timeout)", error.Message);
    }

    [Fact]
    public async Task The_options_timeout_is_reported_when_it_is_the_shorter_one()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, ""), TimeSpan.FromSeconds(30));
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions { Timeout = TimeSpan.FromMilliseconds(250) }, http);
        var error = await Assert.ThrowsAsync<SoapTimeoutException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal("request to http://127.0.0.1:9/soap11 timed out after 250 ms", error.Message);
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_timed_out()
    {
        var handler = new FakeHandler(() => Reply(HttpStatusCode.OK, ""), TimeSpan.FromSeconds(30));
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions { Timeout = TimeSpan.FromSeconds(20) }, http);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, cancel.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_TransportException()
    {
        // Port 9 (discard) on the loopback address: nothing listens there, so the connection is refused.
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions(), null);
        var error = await Assert.ThrowsAsync<TransportException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None));
        Assert.Equal("transport-error", error.Code);
    }

    [Fact]
    public void Wrong_use_is_reported_before_any_call()
    {
        Assert.Equal("no-endpoint", Assert.Throws<ClientUsageException>(() => new SoapClientCore("Test", "http://127.0.0.1:9/", null, new SoapClientOptions { SoapVersion = SoapVersion.Soap12 }, null)).Code);
        Assert.Equal("invalid-option", Assert.Throws<ClientUsageException>(() => new SoapClientCore("Test", "http://127.0.0.1:9/", null, new SoapClientOptions { Timeout = TimeSpan.Zero }, null)).Code);
        foreach (var (bad, said) in new[] { ("not a url", "does not parse"), ("ftp://user:pw-secret@example.com/x", "not a ftp: URL") })
        {
            var invalid = Assert.Throws<ClientUsageException>(() => new SoapClientCore("Test", bad, null, new SoapClientOptions(), null));
            Assert.Equal("invalid-option", invalid.Code);
            Assert.Contains(said, invalid.Message);
            Assert.DoesNotContain("pw-secret", invalid.Message);
        }
        var relative = Assert.Throws<ClientUsageException>(() => new SoapClientCore("Test", null, null, new SoapClientOptions { Endpoint = new Uri("relative/path", UriKind.Relative) }, null));
        Assert.Equal("invalid-option", relative.Code);
        using var overridden = new SoapClientCore("Test", null, null, new SoapClientOptions { Endpoint = new Uri("http://127.0.0.1:9/other") }, null);
        Assert.Equal("http://127.0.0.1:9/other", overridden.Endpoint.ToString());
    }
}
