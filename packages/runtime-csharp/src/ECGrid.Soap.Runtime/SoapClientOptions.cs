namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

/// <summary>Options of a generated client. Every property has a default; <c>new SoapClientOptions()</c> calls the WSDL's endpoint with SOAP 1.1.</summary>
public sealed record SoapClientOptions
{
    /// <summary>The URL to call instead of the WSDL's address for the chosen SOAP version.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><see cref="SoapVersion.Soap11"/> by default.</summary>
    public SoapVersion SoapVersion { get; init; } = SoapVersion.Soap11;

    /// <summary>
    /// The call's one deadline (60 seconds by default): connecting, sending the request, the response headers and the whole
    /// response body together, not a time per read, so a server that trickles its answer ends in <see cref="SoapTimeoutException"/>.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest response body read, in bytes (64 MiB, 67,108,864, by default): checked while the body streams in, before
    /// any decoding, so a longer one stops the reading at once with <see cref="ResponseTooLargeException"/> (<c>size-limit</c>).
    /// </summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>The limits of the XML reader for responses (<see cref="Runtime.XmlLimits.Default"/> by default).</summary>
    public XmlLimits XmlLimits { get; init; } = XmlLimits.Default;

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 64 MiB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>Pretty-print requests (2-space indentation, the format of the WSDL's examples); false sends them compact.</summary>
    public bool Pretty { get; init; } = true;

    /// <summary>Extra HTTP headers for every call (they may replace the SOAP ones).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Request fields whose string values are secrets, redacted (<c>***</c>) from every exception: a field matches when its
    /// name contains one of these, ignoring case. Default: SessionID, Password, APIKey, ApiKey, Secret, Token, AccessKey.
    /// </summary>
    public IReadOnlyList<string>? SecretFields { get; init; }

    /// <summary>
    /// Where the client logs each exchange (none by default): at <see cref="LogLevel.Information"/> the operation, endpoint,
    /// HTTP status and duration of a call that succeeded, at <see cref="LogLevel.Warning"/> those of one that failed with
    /// its error code and exception; at <see cref="LogLevel.Trace"/> also the request and response bodies, with the values of
    /// <see cref="SecretFields"/> redacted.
    /// </summary>
    public ILogger? Logger { get; init; }
}
