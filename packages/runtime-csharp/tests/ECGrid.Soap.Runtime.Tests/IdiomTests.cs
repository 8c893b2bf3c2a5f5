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
using Microsoft.Extensions.Logging;
using Xunit;
using static TestSchema;

/// <summary>The SDK idioms of the runtime: values without invented zones, model text, fault detail values, logging.</summary>
public class IdiomTests
{
    private static readonly SoapOperation<Item, Item> Echo = new("Echo", "urn:test/Echo", ItemElement, ItemElement);

    private sealed class Login
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? SessionID { get; set; }

        public int Attempts { get; set; }

        public List<string> Tags { get; set; } = [];

        public Login? Previous { get; set; }

        // As generated models do.
        public override string ToString() => ModelText.Of(this);
    }

    [Fact]
    public void Model_text_names_the_type_and_fields_and_hides_secrets()
    {
        var login = new Login { UserName = "alice", Password = "hunter2", Attempts = 3, Tags = ["a", "b"], Previous = new Login { SessionID = "s3cr3t-session" } };
        var text = ModelText.Of(login);
        Assert.Equal(
            "IdiomTests.Login { UserName = \"alice\", Password = ***, SessionID = null, Attempts = 3, Tags = [\"a\", \"b\"], Previous = IdiomTests.Login { UserName = null, Password = null, SessionID = ***, Attempts = 0, Tags = [], Previous = null } }",
            text);
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("s3cr3t", text);
    }

    [Fact]
    public void A_fault_detail_without_a_type_is_decoded_to_plain_values()
    {
        var fault = new SoapFaultException(
            SoapVersion.Soap11, new FaultCode("soap:Client", "http://schemas.xmlsoap.org/soap/envelope/", "Client"), "bad", null, null, new List<FaultCode>(),
            XmlElementNode.Parse(
                "<detail xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Error code=\"E42\"><Message>no such user</Message><Field>UserID</Field><Field>Name</Field><Hint xsi:nil=\"true\"/></Error></detail>"));
        var detail = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(fault.DetailValue);
        var error = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(detail["Error"]);
        Assert.Equal("no such user", error["Message"]);
        Assert.Equal(new object?[] { "UserID", "Name" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(error["Field"]));
        Assert.Null(error["Hint"]);
        Assert.Equal("E42", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(error["$attributes"])["code"]);
        Assert.NotNull(fault.Detail);
        Assert.Null(new SoapFaultException(SoapVersion.Soap11, fault.FaultCode, "bad", null, null, new List<FaultCode>(), null).DetailValue);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Error)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }

    private sealed class ReplyHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") });
    }

    private static string Envelope11(string body) =>
        $"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>{body}</soap:Body></soap:Envelope>";

    [Fact]
    public async Task The_logger_sees_each_exchange_and_bodies_only_at_trace_and_redacted()
    {
        var logger = new ListLogger();
        var handler = new ReplyHandler(HttpStatusCode.OK, Envelope11("<Item xmlns=\"urn:test\"><Id>5</Id><Color>Green</Color><Name>s3cr3t-name</Name></Item>"));
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions { Logger = logger, SecretFields = ["Name"] }, new HttpClient(handler));
        await client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red, Name = "s3cr3t-name" }, CancellationToken.None);
        Assert.Equal(new[] { LogLevel.Trace, LogLevel.Trace, LogLevel.Information }, logger.Entries.Select(e => e.Level));
        Assert.Matches(@"^SOAP Echo to http://127\.0\.0\.1:9/soap11: HTTP 200 in \d+ ms$", logger.Entries[2].Message);
        Assert.Contains("<Name>***</Name>", logger.Entries[0].Message);
        Assert.StartsWith("SOAP Echo response from http://127.0.0.1:9/soap11 (HTTP 200):", logger.Entries[1].Message);
        Assert.All(logger.Entries, e => Assert.DoesNotContain("s3cr3t", e.Message));
    }

    [Fact]
    public async Task The_logger_sees_a_failed_exchange_with_its_code_and_exception()
    {
        var logger = new ListLogger();
        var fault = Envelope11("<soap:Fault><faultcode>soap:Client</faultcode><faultstring>session s3cr3t-session expired</faultstring></soap:Fault>");
        using var client = new SoapClientCore(
            "Test", "http://127.0.0.1:9/soap11", null, new SoapClientOptions { Logger = logger, SecretFields = ["Name"] }, new HttpClient(new ReplyHandler(HttpStatusCode.InternalServerError, fault)));
        var thrown = await Assert.ThrowsAsync<SoapFaultException>(() => client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red, Name = "s3cr3t-session" }, CancellationToken.None));
        var (level, message, error) = logger.Entries.Last();
        Assert.Equal(LogLevel.Warning, level);
        Assert.Matches(@"^SOAP Echo to http://127\.0\.0\.1:9/soap11 failed: soap:Client, HTTP 500 in \d+ ms$", message);
        Assert.Same(thrown, error);
        Assert.Equal("session *** expired", thrown.Reason);
    }

    [Fact]
    public void A_dateTime_without_a_zone_has_no_invented_offset()
    {
        var local = XsdDateTime.Parse("2026-05-07T10:00:00");
        Assert.Null(local.Offset);
        Assert.Null(local.DateTimeOffset);
        Assert.Equal(DateTimeKind.Unspecified, local.DateTime.Kind);
        Assert.Equal(new DateTimeOffset(2026, 5, 7, 10, 0, 0, TimeSpan.FromHours(-5)), local.ToDateTimeOffset(TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void A_dateTime_with_a_zone_is_its_instant()
    {
        var zoned = XsdDateTime.Parse("2026-05-07T10:00:00+02:00");
        Assert.Equal(new DateTimeOffset(2026, 5, 7, 10, 0, 0, TimeSpan.FromHours(2)), zoned.DateTimeOffset);
        Assert.Equal(zoned.DateTimeOffset, zoned.ToDateTimeOffset(TimeSpan.FromHours(-5)));
        Assert.Equal(TimeSpan.Zero, XsdDateTime.Parse("2026-05-07T10:00:00Z").DateTimeOffset?.Offset);
    }
}
