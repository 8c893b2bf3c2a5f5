namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;

/// <summary>
/// Base of every exception the package throws: a stable <see cref="Code"/> to switch on and a
/// readable message. Messages never quote the values of secret request fields (SessionID, passwords), quote names
/// and values from a document cut to 100 characters, and are never longer than 2,000 characters.
/// </summary>
public class SoapRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SoapRuntimeException(string code, string message, Exception? innerException = null) : base(Excerpt.Message(message), innerException)
    {
        Code = code;
    }

    /// <summary>What went wrong, as a stable string such as <c>unknown-enum-value</c> or <c>http-error</c>.</summary>
    public string Code { get; }
}

/// <summary>A whole exception message with secrets already redacted, for the copies <see cref="Secrets.Scrub"/> makes.</summary>
internal readonly record struct ScrubbedMessage(string Text);

/// <summary>The input is not acceptable XML (not well-formed, a DOCTYPE, too deep); <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class XmlParseException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public XmlParseException(string code, string detail, int line, int column, Exception? innerException = null)
        : base(code, $"{line}:{column}: {detail}", innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The line of the problem.</summary>
    public int Line { get; }

    /// <summary>The column of the problem.</summary>
    public int Column { get; }
}

/// <summary>
/// A received document does not match the schema. <see cref="Path"/> is a dot path from the type's
/// schema name, such as <c>KeyIDInfo.Visibility</c> or <c>ArrayOfKeyValue.KeyValue[3].Key</c>.
/// </summary>
public sealed class DecodeException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public DecodeException(string code, string path, string detail, int? line = null, int? column = null)
        : base(code, $"{path}: {detail}{(line is null ? "" : $" (at {line}:{column})")}")
    {
        Path = path;
        Detail = detail;
        Line = line;
        Column = column;
    }

    /// <summary>Where in the value the problem is.</summary>
    public string Path { get; }

    /// <summary>What is wrong there.</summary>
    public string Detail { get; }

    /// <summary>The line of the offending XML, when decoding text.</summary>
    public int? Line { get; }

    /// <summary>The column of the offending XML, when decoding text.</summary>
    public int? Column { get; }
}

/// <summary>A value cannot be written as the schema requires; the message names the path, never the value.</summary>
public sealed class EncodeException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public EncodeException(string code, string path, string detail) : base(code, $"{path}: {detail}")
    {
        Path = path;
    }

    /// <summary>Where in the value the problem is.</summary>
    public string Path { get; }
}

/// <summary>A document is not a usable SOAP envelope (<c>not-an-envelope</c>, <c>version-mismatch</c>, <c>missing-body</c>, <c>empty-body</c>).</summary>
public sealed class EnvelopeException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public EnvelopeException(string code, string message) : base(code, message)
    {
    }
}

/// <summary>A fault code QName as written (<c>soap:Client</c>) and resolved against the fault's namespaces.</summary>
/// <param name="Code">The code as written.</param>
/// <param name="Namespace">The namespace its prefix stands for.</param>
/// <param name="LocalName">The part after the prefix.</param>
public sealed record FaultCode(string Code, string Namespace, string LocalName);

/// <summary>
/// The service answered with a SOAP Fault. SOAP 1.1 and 1.2 faults have one shape: the code as
/// written and resolved, the reason text, the actor (1.1 <c>faultactor</c>, 1.2 <c>Role</c>) and the detail element.
/// </summary>
public sealed class SoapFaultException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public SoapFaultException(SoapVersion version, FaultCode faultCode, string reason, string? actor, string? node, IReadOnlyList<FaultCode> subcodes, XmlElementNode? detail)
        : base(faultCode.Code, $"SOAP fault {Excerpt.Of(faultCode.Code)}: {reason}")
    {
        Version = version;
        FaultCode = faultCode;
        Reason = reason;
        Actor = actor;
        Node = node;
        Subcodes = subcodes;
        Detail = detail;
    }

    /// <summary>The SOAP version of the fault.</summary>
    public SoapVersion Version { get; }

    /// <summary>The fault code (<c>soap:Client</c>, <c>soap:Sender</c>, ...).</summary>
    public FaultCode FaultCode { get; }

    /// <summary>The fault string (1.1) or the first reason text (1.2).</summary>
    public string Reason { get; }

    /// <summary>1.1 <c>faultactor</c>, 1.2 <c>Role</c>.</summary>
    public string? Actor { get; }

    /// <summary>1.2 <c>Node</c>.</summary>
    public string? Node { get; }

    /// <summary>1.2 <c>Subcode/Value</c> chain, outermost first (empty for 1.1).</summary>
    public IReadOnlyList<FaultCode> Subcodes { get; }

    /// <summary>The <c>detail</c> (1.1) or <c>Detail</c> (1.2) element, kept as XML.</summary>
    public XmlElementNode? Detail { get; }

    /// <summary>
    /// <see cref="Detail"/> as plain values (null when there is none), for details the WSDL gives no type: an element without
    /// child elements is its text (a <see cref="string"/>); one with child elements an
    /// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of them by local name, whose value is a <see cref="IReadOnlyList{T}"/>
    /// for a name that repeats; attributes other than <c>xsi:</c> ones under <c>$attributes</c> (the text then under
    /// <c>$value</c>); <c>xsi:nil="true"</c> is null. So <c>&lt;detail&gt;&lt;Error&gt;&lt;Code&gt;42&lt;/Code&gt;&lt;/Error&gt;&lt;/detail&gt;</c>
    /// gives <c>{ Error: { Code: "42" } }</c>.
    /// </summary>
    public object? DetailValue => Detail is null ? null : FaultDetail.PlainValue(Detail);
}

/// <summary>The service answered with an HTTP error status and a body that is not a SOAP Fault (an HTML error page, say).</summary>
public sealed class HttpStatusException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public HttpStatusException(int statusCode, string reasonPhrase, string contentType, string bodyExcerpt, string url)
        : base("http-error", $"HTTP {statusCode}{(reasonPhrase.Length == 0 ? "" : " " + Excerpt.Of(reasonPhrase))} from {url}")
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>A copy with its message as given (secrets redacted), keeping the inner exception.</summary>
    internal HttpStatusException(int statusCode, string reasonPhrase, string contentType, string bodyExcerpt, ScrubbedMessage message, Exception? innerException)
        : base("http-error", message.Text, innerException)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The HTTP reason phrase ('' when none).</summary>
    public string ReasonPhrase { get; }

    /// <summary>The response's Content-Type ('' when absent).</summary>
    public string ContentType { get; }

    /// <summary>The start of the response body, secrets redacted.</summary>
    public string BodyExcerpt { get; }
}

/// <summary>A successful HTTP response whose body is not a usable SOAP envelope (not XML, not an envelope, empty).</summary>
public sealed class ResponseFormatException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public ResponseFormatException(int statusCode, string contentType, string bodyExcerpt, string reason, Exception? innerException = null)
        : base("invalid-response", $"invalid SOAP response (HTTP {statusCode}): {reason}", innerException)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>A copy with its message as given (secrets redacted), keeping the inner exception.</summary>
    internal ResponseFormatException(int statusCode, string contentType, string bodyExcerpt, ScrubbedMessage message, Exception? innerException)
        : base("invalid-response", message.Text, innerException)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response's Content-Type ('' when absent).</summary>
    public string ContentType { get; }

    /// <summary>The start of the response body, secrets redacted.</summary>
    public string BodyExcerpt { get; }
}

/// <summary>The response body is longer than <see cref="SoapClientOptions.MaxResponseBytes"/>; reading stopped there (<c>size-limit</c>).</summary>
public sealed class ResponseTooLargeException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public ResponseTooLargeException(int statusCode, long maxResponseBytes, string url)
        : base("size-limit", $"the response from {url} (HTTP {statusCode}) is longer than the limit of {maxResponseBytes} bytes (SoapClientOptions.MaxResponseBytes)")
    {
        StatusCode = statusCode;
        MaxResponseBytes = maxResponseBytes;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The limit the body went past.</summary>
    public long MaxResponseBytes { get; }
}

/// <summary>The call took longer than its timeout and was cancelled.</summary>
public sealed class SoapTimeoutException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public SoapTimeoutException(TimeSpan timeout, string url, Exception? innerException = null)
        : base("timeout", $"request to {url} timed out after {(long)timeout.TotalMilliseconds} ms", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>
    /// Creates the exception for a timeout set elsewhere than <see cref="SoapClientOptions.Timeout"/>, which the message names
    /// after the duration (<paramref name="setting"/> <c>the HttpClient's Timeout</c>: the one of an <see cref="System.Net.Http.HttpClient"/> passed in).
    /// </summary>
    public SoapTimeoutException(TimeSpan timeout, string url, string setting, Exception? innerException)
        : base("timeout", $"request to {url} timed out after {(long)timeout.TotalMilliseconds} ms ({setting})", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>A copy with its message as given (secrets redacted), keeping the inner exception.</summary>
    internal SoapTimeoutException(TimeSpan timeout, ScrubbedMessage message, Exception? innerException)
        : base("timeout", message.Text, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The request could not be sent or the response not received (connection refused or reset, DNS, TLS).</summary>
public sealed class TransportException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public TransportException(string url, string detail, Exception? innerException = null)
        : base("transport-error", $"request to {url} failed: {detail}", innerException)
    {
    }

    /// <summary>A copy with its message as given (secrets redacted), keeping the inner exception.</summary>
    internal TransportException(ScrubbedMessage message, Exception? innerException)
        : base("transport-error", message.Text, innerException)
    {
    }
}

/// <summary>The client was used wrongly: no endpoint for the SOAP version, a timeout that is not positive.</summary>
public sealed class ClientUsageException : SoapRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public ClientUsageException(string code, string message) : base(code, message)
    {
    }
}
