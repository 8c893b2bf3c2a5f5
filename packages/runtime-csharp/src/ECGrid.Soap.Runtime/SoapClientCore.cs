namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

/// <summary>One operation of a service: its SOAPAction and the roots of its request and response elements.</summary>
/// <typeparam name="TIn">The request element's C# type.</typeparam>
/// <typeparam name="TOut">The response element's C# type (<c>object</c> for a one-way operation).</typeparam>
public sealed class SoapOperation<TIn, TOut>
{
    /// <summary>The operation <paramref name="name"/>; <paramref name="output"/> is null for a one-way operation.</summary>
    public SoapOperation(string name, string soapAction, XmlRoot<TIn> input, XmlRoot<TOut>? output)
    {
        Name = name;
        SoapAction = soapAction;
        Input = input;
        Output = output;
    }

    /// <summary>The operation's name in the WSDL.</summary>
    public string Name { get; }

    /// <summary>The SOAPAction (the 1.1 header, the 1.2 <c>action</c> parameter).</summary>
    public string SoapAction { get; }

    /// <summary>The request element.</summary>
    public XmlRoot<TIn> Input { get; }

    /// <summary>Null for a one-way operation.</summary>
    public XmlRoot<TOut>? Output { get; }
}

/// <summary>
/// The HTTP side of a generated client: encodes the request envelope, posts it with <see cref="HttpClient"/>,
/// and decodes the response or turns it into a typed exception. It never retries. Generated clients hold one
/// and call <see cref="CallAsync{TIn, TOut}"/> per operation.
/// </summary>
public sealed class SoapClientCore : IDisposable
{
    private const int ExcerptLength = 500;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeSpan _timeout;
    private readonly int _maxResponseBytes;
    private readonly XmlLimits _xmlLimits;
    private readonly string? _indent;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly IReadOnlyList<string> _secretFields;
    private readonly ILogger? _logger;

    /// <summary>
    /// A client of the service <paramref name="serviceName"/> whose WSDL gives these endpoints (null where a version has
    /// none); it sends through <paramref name="httpClient"/> when given (and does not dispose it), else through its own.
    /// </summary>
    /// <exception cref="ClientUsageException">No endpoint for the chosen SOAP version, an endpoint that is not an absolute
    /// http(s) URL, or a timeout that is not positive.</exception>
    public SoapClientCore(string serviceName, string? soap11Endpoint, string? soap12Endpoint, SoapClientOptions options, HttpClient? httpClient)
    {
        Version = options.SoapVersion;
        var configured = options.Endpoint?.ToString() ?? (Version == SoapVersion.Soap12 ? soap12Endpoint : soap11Endpoint);
        if (string.IsNullOrEmpty(configured))
        {
            throw new ClientUsageException("no-endpoint", $"service {serviceName} has no SOAP {(Version == SoapVersion.Soap11 ? "1.1" : "1.2")} endpoint; set SoapClientOptions.Endpoint");
        }
        if (options.Timeout <= TimeSpan.Zero) throw new ClientUsageException("invalid-option", "Timeout must be positive");
        if (options.MaxResponseBytes <= 0) throw new ClientUsageException("invalid-option", "MaxResponseBytes must be positive");
        // An absolute http(s) URL, or a usage error now (the message does not repeat it: it may hold credentials).
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint))
        {
            throw new ClientUsageException("invalid-option", "the endpoint must be an absolute http: or https: URL; it does not parse as one");
        }
        if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ClientUsageException("invalid-option", $"the endpoint must be an absolute http: or https: URL, not a {endpoint.Scheme}: URL");
        }
        Endpoint = endpoint;
        _timeout = options.Timeout;
        _maxResponseBytes = options.MaxResponseBytes;
        _xmlLimits = options.XmlLimits ?? XmlLimits.Default;
        _indent = options.Pretty ? "  " : null;
        _headers = options.Headers ?? new Dictionary<string, string>();
        _secretFields = options.SecretFields ?? Secrets.DefaultFields;
        _logger = options.Logger;
        _ownsHttp = httpClient is null;
        // No automatic decompression (nor Accept-Encoding): a compressed answer is refused, never inflated without a bound.
        _http = httpClient ?? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The URL the client calls.</summary>
    public Uri Endpoint { get; }

    /// <summary>The SOAP version the client speaks.</summary>
    public SoapVersion Version { get; }

    private string DisplayUrl => $"{Endpoint.Scheme}://{Endpoint.Authority}{Endpoint.AbsolutePath}";

    /// <summary>
    /// Sends <paramref name="input"/> as the operation's request and decodes the response element (default for a
    /// one-way operation). Failures are <see cref="SoapRuntimeException"/>s with secret field values redacted.
    /// </summary>
    public async Task<TOut> CallAsync<TIn, TOut>(SoapOperation<TIn, TOut> operation, TIn input, CancellationToken cancellationToken)
    {
        var secrets = Secrets.Collect(operation.Input.ValueCodec, input, _secretFields);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            var body = SoapEnvelope.Encode(Version, SoapEnvelope.EncodeBody(operation.Input, input, Version, _indent), null, _indent);
            if (_logger?.IsEnabled(LogLevel.Trace) == true)
            {
                _logger.LogTrace("SOAP {Operation} request to {Endpoint}:\n{Body}", operation.Name, DisplayUrl, Secrets.Redact(body, secrets));
            }
            var (code, reason, contentType, text) = await PostAsync(operation.SoapAction, body, cancellationToken).ConfigureAwait(false);
            status = code;
            if (_logger?.IsEnabled(LogLevel.Trace) == true)
            {
                _logger.LogTrace("SOAP {Operation} response from {Endpoint} (HTTP {Status}):\n{Body}", operation.Name, DisplayUrl, code, Secrets.Redact(text, secrets));
            }
            var result = DecodeResponse(operation, code, reason, contentType, text, secrets);
            _logger?.LogInformation(
                "SOAP {Operation} to {Endpoint}: HTTP {Status} in {ElapsedMs} ms", operation.Name, DisplayUrl, code, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (SoapRuntimeException error)
        {
            var clean = Secrets.Scrub(error, secrets);
            _logger?.LogWarning(
                clean, "SOAP {Operation} to {Endpoint} failed: {Code}, HTTP {Status} in {ElapsedMs} ms", operation.Name, DisplayUrl, clean.Code,
                status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw clean;
        }
    }

    private async Task<(int Status, string Reason, string ContentType, string Body)> PostAsync(string soapAction, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (Version == SoapVersion.Soap11)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
            request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{soapAction}\"");
        }
        else
        {
            var action = soapAction.Length == 0 ? "" : $"; action=\"{soapAction}\"";
            request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/soap+xml; charset=utf-8{action}");
        }
        foreach (var pair in _headers)
        {
            if (pair.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove(pair.Key);
                request.Content.Headers.TryAddWithoutValidation(pair.Key, pair.Value);
            }
            else
            {
                request.Headers.Remove(pair.Key);
                request.Headers.TryAddWithoutValidation(pair.Key, pair.Value);
            }
        }
        // One deadline for the whole call: connect, request, response headers and every read of the body.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var reason = response.ReasonPhrase ?? "";
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
            var (bytes, length) = await ReadBodyAsync(response.Content, status, deadline.Token).ConfigureAwait(false);
            string text;
            try
            {
                foreach (var coding in response.Content.Headers.ContentEncoding)
                {
                    if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new FormatException($"the body is compressed (Content-Encoding: {Excerpt.Of(coding)}), and compressed responses are not inflated");
                    }
                }
                text = DecodeText(bytes, length, response.Content.Headers.ContentType?.CharSet);
            }
            catch (FormatException error)
            {
                if (status < 200 || status >= 300) throw new HttpStatusException(status, reason, contentType, "", DisplayUrl);
                throw new ResponseFormatException(status, contentType, "", error.Message, error);
            }
            return (status, reason, contentType, text);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline (SoapClientOptions.Timeout), or else the Timeout of an HttpClient the caller passed in, which
            // HttpClient reports as a cancellation (with an inner TimeoutException): the message names the one that ran out.
            if (deadline.IsCancellationRequested || _ownsHttp) throw new SoapTimeoutException(_timeout, DisplayUrl, error);
            throw new SoapTimeoutException(_http.Timeout, DisplayUrl, "the HttpClient's Timeout", error);
        }
        catch (HttpRequestException error)
        {
            throw new TransportException(DisplayUrl, Describe(error), error);
        }
        catch (IOException error)
        {
            if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested) throw new SoapTimeoutException(_timeout, DisplayUrl, error);
            // A body shorter than its Content-Length, a broken chunked encoding, a reset connection.
            throw new TransportException(DisplayUrl, Describe(error), error);
        }
        catch (Exception error) when (error is not SoapRuntimeException and not OperationCanceledException)
        {
            // Whatever else the HTTP stack throws (a handler's own exception, say) is still this package's error.
            throw new TransportException(DisplayUrl, Describe(error), error);
        }
    }

    /// <summary>
    /// Reads the body as a stream, refusing it as soon as it passes <see cref="SoapClientOptions.MaxResponseBytes"/> (a
    /// Content-Length above the limit is refused before reading); the rest is never read. With a Content-Length the
    /// body goes into one buffer of that size; without one into blocks of at most 1 MiB, joined at the end, so a body
    /// refused at the limit has cost the limit, not a doubling buffer's garbage on top of it.
    /// </summary>
    private async Task<(byte[] Bytes, int Length)> ReadBodyAsync(HttpContent content, int status, CancellationToken token)
    {
        const int Block = 1024 * 1024;
        var max = _maxResponseBytes;
        var declared = content.Headers.ContentLength;
        if (declared > max) throw new ResponseTooLargeException(status, max, DisplayUrl);
        var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var blocks = new List<byte[]>();
            // One byte more than declared, so a body longer than its Content-Length is seen (and still bounded by max).
            var current = new byte[(int)Math.Min(declared is { } d ? d + 1 : 16 * 1024, (long)max + 1)];
            var used = 0;
            long length = 0;
            while (true)
            {
                if (used == current.Length)
                {
                    blocks.Add(current);
                    current = new byte[(int)Math.Min(Math.Min(Math.Max(2L * current.Length, 16 * 1024), Block), (long)max + 1 - length)];
                    used = 0;
                }
                var read = await stream.ReadAsync(current.AsMemory(used, current.Length - used), token).ConfigureAwait(false);
                if (read == 0) break;
                used += read;
                length += read;
                if (length > max) throw new ResponseTooLargeException(status, max, DisplayUrl);
            }
            if (blocks.Count == 0) return (current, used);
            var bytes = new byte[length];
            var at = 0;
            foreach (var block in blocks)
            {
                Buffer.BlockCopy(block, 0, bytes, at, block.Length);
                at += block.Length;
            }
            Buffer.BlockCopy(current, 0, bytes, at, used);
            return (bytes, (int)length);
        }
    }

    /// <summary>
    /// The body as text, decoded strictly: a byte order mark decides the encoding (UTF-8, UTF-16LE, UTF-16BE), else the
    /// Content-Type's charset, else UTF-8; bytes that are not valid in it are a <see cref="FormatException"/>, never U+FFFD.
    /// </summary>
    internal static string DecodeText(byte[] bytes, int length, string? charset)
    {
        Encoding encoding;
        var skip = 0;
        if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            encoding = new UTF8Encoding(false, true);
            skip = 3;
        }
        else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            encoding = new UnicodeEncoding(false, false, true);
            skip = 2;
        }
        else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            encoding = new UnicodeEncoding(true, false, true);
            skip = 2;
        }
        else if (string.IsNullOrEmpty(charset)) encoding = new UTF8Encoding(false, true);
        else
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            }
            catch (ArgumentException)
            {
                throw new FormatException($"the response's charset \"{Excerpt.Of(charset)}\" is not supported");
            }
        }
        try
        {
            return encoding.GetString(bytes, skip, length - skip);
        }
        catch (DecoderFallbackException error)
        {
            var at = error.Index >= 0 ? $" (near byte {skip + error.Index})" : "";
            throw new FormatException($"the body is not valid {encoding.WebName}{at}", error);
        }
    }

    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (Exception? current = error; current is not null && parts.Count < 4; current = current.InnerException)
        {
            if (current.Message.Length > 0 && !parts.Contains(current.Message)) parts.Add(current.Message);
        }
        return parts.Count == 0 ? "network error" : string.Join(" <- ", parts);
    }

    private TOut DecodeResponse<TIn, TOut>(SoapOperation<TIn, TOut> operation, int status, string reason, string contentType, string body, IReadOnlyList<string> secrets)
    {
        var ok = status >= 200 && status < 300;
        string Excerpt()
        {
            var clean = Secrets.Redact(body, secrets);
            return clean.Length > ExcerptLength ? clean.Substring(0, ExcerptLength) + "\u2026" : clean;
        }
        HttpStatusException HttpError() => new(status, reason, contentType, Excerpt(), DisplayUrl);
        if (string.IsNullOrWhiteSpace(body))
        {
            if (!ok) throw HttpError();
            if (operation.Output is null) return default!;
            throw new ResponseFormatException(status, contentType, Excerpt(), "empty body");
        }
        // A response the fast path covers is decoded straight from the reader; anything else (errors too) as below.
        if (ok && operation.Output is not null && SoapEnvelope.TryDecodeBody(body, operation.Output, _xmlLimits, null, null, out var decoded)) return decoded;
        DecodedEnvelope envelope;
        try
        {
            envelope = SoapEnvelope.Decode(body, _xmlLimits);
        }
        catch (SoapFaultException)
        {
            // A Fault is the answer whatever the status (ASMX sends them with 500, some servers with 200).
            throw;
        }
        catch (SoapRuntimeException error)
        {
            if (!ok) throw HttpError();
            if (operation.Output is null && error is EnvelopeException { Code: "empty-body" }) return default!;
            throw new ResponseFormatException(status, contentType, Excerpt(), Secrets.Redact(error.Message, secrets), error);
        }
        if (!ok) throw HttpError();
        if (operation.Output is null) return default!;
        return operation.Output.Decode(envelope.Body);
    }

    /// <summary>Releases the HTTP client the core created (not one that was passed in).</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
