namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

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
    private readonly string? _indent;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly IReadOnlyList<string> _secretFields;

    /// <summary>
    /// A client of the service <paramref name="serviceName"/> whose WSDL gives these endpoints (null where a version has
    /// none); it sends through <paramref name="httpClient"/> when given (and does not dispose it), else through its own.
    /// </summary>
    /// <exception cref="ClientUsageException">No endpoint for the chosen SOAP version, or a timeout that is not positive.</exception>
    public SoapClientCore(string serviceName, string? soap11Endpoint, string? soap12Endpoint, SoapClientOptions options, HttpClient? httpClient)
    {
        Version = options.SoapVersion;
        var configured = options.Endpoint?.ToString() ?? (Version == SoapVersion.Soap12 ? soap12Endpoint : soap11Endpoint);
        if (string.IsNullOrEmpty(configured))
        {
            throw new ClientUsageException("no-endpoint", $"service {serviceName} has no SOAP {(Version == SoapVersion.Soap11 ? "1.1" : "1.2")} endpoint; set SoapClientOptions.Endpoint");
        }
        if (options.Timeout <= TimeSpan.Zero) throw new ClientUsageException("invalid-option", "Timeout must be positive");
        Endpoint = new Uri(configured);
        _timeout = options.Timeout;
        _indent = options.Pretty ? "  " : null;
        _headers = options.Headers ?? new Dictionary<string, string>();
        _secretFields = options.SecretFields ?? Secrets.DefaultFields;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
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
        try
        {
            var body = SoapEnvelope.Encode(Version, SoapEnvelope.EncodeBody(operation.Input, input, Version, _indent), null, _indent);
            var (status, reason, contentType, text) = await PostAsync(operation.SoapAction, body, cancellationToken).ConfigureAwait(false);
            return DecodeResponse(operation, status, reason, contentType, text, secrets);
        }
        catch (SoapRuntimeException error)
        {
            throw Secrets.Scrub(error, secrets);
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
            var charset = response.Content.Headers.ContentType?.CharSet;
            Encoding encoding;
            try
            {
                encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
            return ((int)response.StatusCode, response.ReasonPhrase ?? "", contentType, encoding.GetString(bytes));
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SoapTimeoutException(_timeout, DisplayUrl, error);
        }
        catch (HttpRequestException error)
        {
            throw new TransportException(DisplayUrl, Describe(error), error);
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
        if (body.Trim().Length == 0)
        {
            if (!ok) throw HttpError();
            if (operation.Output is null) return default!;
            throw new ResponseFormatException(status, contentType, Excerpt(), "empty body");
        }
        DecodedEnvelope envelope;
        try
        {
            envelope = SoapEnvelope.Decode(body);
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
