namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;

/// <summary>Options of a generated client. Every property has a default; <c>new SoapClientOptions()</c> calls the WSDL's endpoint with SOAP 1.1.</summary>
public sealed record SoapClientOptions
{
    /// <summary>The URL to call instead of the WSDL's address for the chosen SOAP version.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><see cref="SoapVersion.Soap11"/> by default.</summary>
    public SoapVersion SoapVersion { get; init; } = SoapVersion.Soap11;

    /// <summary>Time allowed for a whole call, request and response body (60 seconds by default).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pretty-print requests (2-space indentation, the format of the WSDL's examples); false sends them compact.</summary>
    public bool Pretty { get; init; } = true;

    /// <summary>Extra HTTP headers for every call (they may replace the SOAP ones).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Request fields whose string values are secrets, redacted (<c>***</c>) from every exception: a field matches when its
    /// name contains one of these, ignoring case. Default: SessionID, Password, APIKey, ApiKey, Secret, Token, AccessKey.
    /// </summary>
    public IReadOnlyList<string>? SecretFields { get; init; }
}
