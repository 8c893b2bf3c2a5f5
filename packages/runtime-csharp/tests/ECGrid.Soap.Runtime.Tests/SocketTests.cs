namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

/// <summary>The client's own HttpClient against a raw server on 127.0.0.1 that answers one request with scripted bytes.</summary>
public class SocketTests
{
    private static readonly SoapOperation<Item, Item> Echo = new("Echo", "urn:test/Echo", ItemElement, ItemElement);

    private const string Valid =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Item xmlns=\"urn:test\"><Id>5</Id><Color>Green</Color></Item></soap:Body></soap:Envelope>";

    /// <summary>Accepts one connection, reads the request head, then lets <paramref name="answer"/> write to the socket.</summary>
    private static async Task<(string RequestHead, Exception? Error)> Serve(TcpListener listener, Func<NetworkStream, Task> answer)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1) head.Append((char)one[0]);
        try
        {
            await answer(stream);
            return (head.ToString(), null);
        }
        catch (Exception error) when (error is System.IO.IOException or SocketException or ObjectDisposedException)
        {
            return (head.ToString(), error); // the client went away, as it should
        }
    }

    private static async Task<(Exception? Error, string RequestHead, long ElapsedMs)> Run(Func<NetworkStream, Task> answer, SoapClientOptions? options = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Serve(listener, answer);
            using var client = new SoapClientCore("Test", $"http://127.0.0.1:{port}/soap", null, options ?? new SoapClientOptions(), null);
            var watch = Stopwatch.StartNew();
            Exception? error = null;
            try
            {
                await client.CallAsync(Echo, new Item { Id = 1, Color = Color.Red }, CancellationToken.None);
            }
            catch (Exception e)
            {
                error = e;
            }
            var elapsed = watch.ElapsedMilliseconds;
            var (head, _) = await server.WaitAsync(TimeSpan.FromSeconds(10));
            return (error, head, elapsed);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static Func<NetworkStream, Task> Write(string head, byte[] body) => async stream =>
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    };

    [Fact]
    public async Task The_client_asks_for_no_compression_and_refuses_a_compressed_answer()
    {
        var gzip = new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        var (error, head, _) = await Run(Write($"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Encoding: gzip\r\nContent-Length: {gzip.Length}\r\nConnection: close\r\n\r\n", gzip));
        Assert.DoesNotContain("accept-encoding", head.ToLowerInvariant());
        var format = Assert.IsType<ResponseFormatException>(error);
        Assert.Contains("compressed", format.Message);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_a_TransportException()
    {
        var body = Encoding.UTF8.GetBytes(Valid);
        var (error, _, _) = await Run(Write($"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {body.Length + 1000}\r\nConnection: close\r\n\r\n", body));
        Assert.Equal("transport-error", Assert.IsType<TransportException>(error).Code);
    }

    [Fact]
    public async Task A_broken_chunked_encoding_is_a_TransportException()
    {
        var (error, _, _) = await Run(Write("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", Encoding.ASCII.GetBytes("5\r\n<soap\r\nzz-not-a-size\r\n")));
        Assert.IsType<TransportException>(error);
    }

    [Fact]
    public async Task A_server_trickling_its_body_ends_in_the_timeout_at_the_deadline()
    {
        var body = Encoding.UTF8.GetBytes(Valid);
        var (error, _, elapsed) = await Run(
            async stream =>
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n"));
                for (var i = 0; i < body.Length; i++)
                {
                    await stream.WriteAsync(body.AsMemory(i, 1));
                    await Task.Delay(250);
                }
            },
            new SoapClientOptions { Timeout = TimeSpan.FromMilliseconds(1000) });
        Assert.Equal("timeout", Assert.IsType<SoapTimeoutException>(error).Code);
        Assert.InRange(elapsed, 900, 3000);
    }

    [Fact]
    public async Task An_endless_chunked_body_stops_at_MaxResponseBytes()
    {
        var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string('k', 0x10000) + "\r\n");
        long sent = 0;
        var (error, _, _) = await Run(
            async stream =>
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"));
                for (var i = 0; i < 100_000; i++)
                {
                    await stream.WriteAsync(chunk);
                    sent += chunk.Length;
                }
            },
            new SoapClientOptions { MaxResponseBytes = 1024 * 1024 });
        Assert.Equal("size-limit", Assert.IsType<ResponseTooLargeException>(error).Code);
        Assert.True(sent < 64L * 1024 * 1024, $"{sent} bytes sent before the client went away");
    }
}
