namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

/// <summary>The client against hostile answers (issue 11): a bounded body, one deadline, strict decoding, typed errors only.</summary>
public class ClientLimitsTests
{
    private static readonly SoapOperation<Item, Item> Echo = new("Echo", "urn:test/Echo", ItemElement, ItemElement);
    private static readonly Item Request = new() { Id = 1, Color = Color.Red };

    private const string Valid =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Item xmlns=\"urn:test\"><Id>5</Id><Name>clé-ü</Name><Color>Green</Color></Item></soap:Body></soap:Envelope>";

    /// <summary>A body stream that serves <paramref name="head"/> and then filler bytes up to <paramref name="total"/>, counting what was read.</summary>
    private sealed class BodyStream(byte[] head, long total, TimeSpan? delayPerRead = null, bool failAtEnd = false) : Stream
    {
        public long Served { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (delayPerRead is { } delay) await Task.Delay(delay, cancellationToken);
            if (Served >= total)
            {
                if (failAtEnd) throw new IOException("The response ended prematurely.");
                return 0;
            }
            var n = (int)Math.Min(Math.Min(buffer.Length, delayPerRead is null ? 65536 : 1), total - Served);
            for (var i = 0; i < n; i++) buffer.Span[i] = Served + i < head.Length ? head[Served + i] : (byte)'k';
            Served += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class Handler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request, cancellationToken);
    }

    private static HttpResponseMessage Answer(HttpContent content, string? contentType = "text/xml; charset=utf-8")
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Content.Headers.Remove("Content-Type");
        if (contentType is not null) response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private static SoapClientCore Client(Func<HttpResponseMessage> respond, SoapClientOptions? options = null) =>
        new("Test", "http://127.0.0.1:9/soap", null, options ?? new SoapClientOptions(), new HttpClient(new Handler((_, _) => Task.FromResult(respond()))));

    private static Task<Item> Call(SoapClientCore client) => client.CallAsync(Echo, Request, CancellationToken.None);

    [Fact]
    public async Task An_endless_body_is_refused_at_MaxResponseBytes_without_reading_the_rest()
    {
        var body = new BodyStream(Encoding.UTF8.GetBytes("<soap:Envelope"), long.MaxValue);
        using var client = Client(() => Answer(new StreamContent(body)), new SoapClientOptions { MaxResponseBytes = 1024 * 1024 });
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => Call(client));
        Assert.Equal(("size-limit", 1024 * 1024L), (error.Code, error.MaxResponseBytes));
        Assert.InRange(body.Served, 1024 * 1024 + 1, 1024 * 1024 + 65536);
    }

    [Fact]
    public async Task The_default_limit_is_64_MiB()
    {
        var body = new BodyStream(Encoding.UTF8.GetBytes("<soap:Envelope"), long.MaxValue);
        using var client = Client(() => Answer(new StreamContent(body)));
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => Call(client));
        Assert.InRange(body.Served, 64 * 1024 * 1024 + 1, 64 * 1024 * 1024 + 65536);
    }

    [Fact]
    public async Task A_content_length_above_the_limit_is_refused_before_reading()
    {
        var body = new BodyStream(Encoding.UTF8.GetBytes("<soap:Envelope"), 200L * 1024 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentLength = 200L * 1024 * 1024;
        using var client = Client(() => Answer(content));
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => Call(client));
        Assert.Equal(0, body.Served);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        using var client = Client(() => Answer(new ByteArrayContent(bytes)), new SoapClientOptions { MaxResponseBytes = bytes.Length });
        Assert.Equal("clé-ü", (await Call(client)).Name);
        using var tight = Client(() => Answer(new ByteArrayContent(bytes)), new SoapClientOptions { MaxResponseBytes = bytes.Length - 1 });
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => Call(tight));
        Assert.Equal("invalid-option", Assert.Throws<ClientUsageException>(() => new SoapClientCore("Test", "http://127.0.0.1:9/", null, new SoapClientOptions { MaxResponseBytes = 0 }, null)).Code);
    }

    [Fact]
    public async Task A_long_body_without_content_length_is_read_in_blocks_and_joined()
    {
        var text = Valid.Replace("<soap:Body>", "<soap:Body>" + new string(' ', 3 * 1024 * 1024 + 17), StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        using var client = Client(() => Answer(new StreamContent(new BodyStream(bytes, bytes.Length))));
        Assert.Equal("clé-ü", (await Call(client)).Name);
    }

    [Fact]
    public async Task A_trickling_body_ends_at_the_one_deadline()
    {
        var body = new BodyStream(Encoding.UTF8.GetBytes(Valid), Valid.Length, TimeSpan.FromMilliseconds(200));
        using var client = Client(() => Answer(new StreamContent(body)), new SoapClientOptions { Timeout = TimeSpan.FromMilliseconds(700) });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SoapTimeoutException>(() => Call(client));
        Assert.Equal(TimeSpan.FromMilliseconds(700), error.Timeout);
        Assert.InRange(watch.ElapsedMilliseconds, 600, 2500);
        Assert.InRange(body.Served, 1, 5);
    }

    [Fact]
    public async Task An_injected_HttpClients_own_timeout_is_reported_as_the_one_that_fired()
    {
        var http = new HttpClient(new Handler(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), token);
            return Answer(new StringContent(Valid));
        }))
        { Timeout = TimeSpan.FromMilliseconds(150) };
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap", null, new SoapClientOptions { Timeout = TimeSpan.FromSeconds(30) }, http);
        var error = await Assert.ThrowsAsync<SoapTimeoutException>(() => Call(client));
        Assert.Equal(TimeSpan.FromMilliseconds(150), error.Timeout);
        Assert.Contains("150 ms", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_ResponseFormatException_never_a_replacement_character()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("clé-ü", "a\u0001b", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        using var client = Client(() => Answer(new ByteArrayContent(bytes)));
        var error = await Assert.ThrowsAsync<ResponseFormatException>(() => Call(client));
        Assert.Equal("invalid-response", error.Code);
        Assert.Contains("not valid utf-8", error.Message);
        // The same with a charset that says UTF-8, and with none at all.
        using var bare = Client(() => Answer(new ByteArrayContent(bytes), "text/xml"));
        await Assert.ThrowsAsync<ResponseFormatException>(() => Call(bare));
    }

    [Theory]
    [InlineData("utf-16LE", new byte[] { 0xFF, 0xFE })]
    [InlineData("utf-16BE", new byte[] { 0xFE, 0xFF })]
    [InlineData("utf-8", new byte[] { 0xEF, 0xBB, 0xBF })]
    public async Task A_body_with_a_bom_and_no_charset_decodes_by_its_bom(string encoding, byte[] bom)
    {
        var text = Encoding.GetEncoding(encoding).GetBytes("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>" + Valid);
        var bytes = new byte[bom.Length + text.Length];
        bom.CopyTo(bytes, 0);
        text.CopyTo(bytes, bom.Length);
        using var client = Client(() => Answer(new ByteArrayContent(bytes), "text/xml"));
        Assert.Equal("clé-ü", (await Call(client)).Name);
    }

    [Fact]
    public async Task A_compressed_body_is_refused_not_inflated()
    {
        var content = new ByteArrayContent(new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3 });
        content.Headers.ContentEncoding.Add("gzip");
        using var client = Client(() => Answer(content));
        var error = await Assert.ThrowsAsync<ResponseFormatException>(() => Call(client));
        Assert.Contains("compressed", error.Message);
    }

    [Fact]
    public async Task A_body_that_ends_early_is_a_TransportException()
    {
        var body = new BodyStream(Encoding.UTF8.GetBytes(Valid), 40, null, failAtEnd: true);
        using var client = Client(() => Answer(new StreamContent(body)));
        var error = await Assert.ThrowsAsync<TransportException>(() => Call(client));
        Assert.Contains("ended prematurely", error.Message);
    }

    [Fact]
    public async Task Whatever_the_http_stack_throws_is_the_runtimes_error()
    {
        using var client = new SoapClientCore("Test", "http://127.0.0.1:9/soap", null, new SoapClientOptions(), new HttpClient(new Handler((_, _) => throw new InvalidOperationException("handler broke"))));
        var error = await Assert.ThrowsAsync<TransportException>(() => Call(client));
        Assert.Equal("transport-error", error.Code);
    }

    [Fact]
    public async Task A_response_beyond_an_xml_limit_is_a_ResponseFormatException_and_the_limits_can_be_changed()
    {
        var deep = Valid.Replace("<Name>clé-ü</Name>", "<Name>x</Name>", StringComparison.Ordinal);
        using var client = Client(() => Answer(new StringContent(deep)), new SoapClientOptions { XmlLimits = XmlLimits.Default with { MaxDepth = 3 } });
        var error = await Assert.ThrowsAsync<ResponseFormatException>(() => Call(client));
        Assert.Equal("depth-limit", Assert.IsType<XmlParseException>(error.InnerException).Code);
    }
}
