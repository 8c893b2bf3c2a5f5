namespace ECGrid.Soap.Runtime;

using System.Collections.Generic;
using System.Text;

/// <summary>The SOAP version of an envelope and of the HTTP binding.</summary>
public enum SoapVersion
{
    /// <summary>SOAP 1.1: <c>text/xml</c> with a <c>SOAPAction</c> header.</summary>
    Soap11,

    /// <summary>SOAP 1.2: <c>application/soap+xml</c> with the <c>action</c> parameter.</summary>
    Soap12,
}

/// <summary>A decoded envelope: its version, the Header element if any, and the Body's first element.</summary>
/// <param name="Version">The SOAP version of the envelope.</param>
/// <param name="Header">The Header element, when there is one.</param>
/// <param name="Body">The first element child of the Body (the response wrapper in document/literal).</param>
public sealed record DecodedEnvelope(SoapVersion Version, XmlElementNode? Header, XmlElementNode Body);

/// <summary>
/// SOAP 1.1 and 1.2 envelopes written the way an ASMX service writes them (prefix <c>soap</c>, <c>xsi</c> and
/// <c>xsd</c> declared on the Envelope) and read back with faults turned into <see cref="SoapFaultException"/>.
/// </summary>
public static class SoapEnvelope
{
    /// <summary>The SOAP 1.1 envelope namespace.</summary>
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>The SOAP 1.2 envelope namespace.</summary>
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>The envelope namespace of a version.</summary>
    public static string NamespaceOf(SoapVersion version) => version == SoapVersion.Soap11 ? Soap11Namespace : Soap12Namespace;

    /// <summary>
    /// Writes a complete envelope with its XML declaration around body (and header) text. With an indent it
    /// is pretty-printed; the body should then come from <see cref="EncodeBody{T}"/> with the same indent.
    /// </summary>
    public static string Encode(SoapVersion version, string body, string? header = null, string? indent = null)
    {
        var nl = indent is null ? "" : "\n";
        var line1 = indent is null ? "" : "\n" + indent;
        var line2 = indent is null ? "" : "\n" + indent + indent;
        var sb = new StringBuilder(body.Length + (header?.Length ?? 0) + 320).Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>").Append(nl)
            .Append("<soap:Envelope xmlns:soap=\"").Append(NamespaceOf(version))
            .Append("\" xmlns:xsi=\"").Append(Codec.XsiNamespace)
            .Append("\" xmlns:xsd=\"").Append(Codec.XsdNamespace).Append("\">");
        if (header is not null)
        {
            if (header.Length == 0) sb.Append(line1).Append("<soap:Header/>");
            else sb.Append(line1).Append("<soap:Header>").Append(line2).Append(header).Append(line1).Append("</soap:Header>");
        }
        if (body.Length == 0) sb.Append(line1).Append("<soap:Body/>");
        else sb.Append(line1).Append("<soap:Body>").Append(line2).Append(body).Append(line1).Append("</soap:Body>");
        return sb.Append(nl).Append("</soap:Envelope>").ToString();
    }

    /// <summary>Encodes a value for the Body (or Header) of <see cref="Encode"/>: at the right depth, without redeclaring <c>soap</c>, <c>xsi</c>, <c>xsd</c>.</summary>
    public static string EncodeBody<T>(XmlRoot<T> root, T value, SoapVersion version, string? indent = null, bool qualified = true) =>
        EncodeBodyObject(root, value, version, indent, qualified);

    /// <summary>The untyped form of <see cref="EncodeBody{T}"/>.</summary>
    public static string EncodeBodyObject(IXmlRoot root, object? value, SoapVersion version, string? indent = null, bool qualified = true) =>
        root.EncodeObject(value, new EncodeOptions
        {
            Qualified = qualified,
            Indent = indent,
            Depth = indent is null ? 0 : 2,
            Declarations = version == SoapVersion.Soap11 ? Soap11Declarations : Soap12Declarations,
        });

    /// <summary>The prefixes <see cref="Encode"/> declares on the Envelope (read only, shared by every call).</summary>
    private static readonly IReadOnlyDictionary<string, string> Soap11Declarations = EnvelopeDeclarations(SoapVersion.Soap11);

    private static readonly IReadOnlyDictionary<string, string> Soap12Declarations = EnvelopeDeclarations(SoapVersion.Soap12);

    private static Dictionary<string, string> EnvelopeDeclarations(SoapVersion version) => new()
    {
        ["soap"] = NamespaceOf(version),
        ["xsi"] = Codec.XsiNamespace,
        ["xsd"] = Codec.XsdNamespace,
    };

    /// <summary>
    /// Parses an envelope and returns its Body's first element. Throws <see cref="SoapFaultException"/> when that is a
    /// Fault, <see cref="EnvelopeException"/> when the document is not a usable envelope (or not of <paramref name="expected"/>),
    /// <see cref="XmlParseException"/> when it is not XML.
    /// </summary>
    public static DecodedEnvelope Decode(string text, SoapVersion? expected = null) => Decode(text, XmlLimits.Default, expected);

    /// <summary>Parses an envelope within the reader's <paramref name="limits"/> (see <see cref="Decode(string, SoapVersion?)"/>).</summary>
    public static DecodedEnvelope Decode(string text, XmlLimits limits, SoapVersion? expected = null)
    {
        var root = XmlElementNode.Parse(text, limits);
        if (root.LocalName != "Envelope") throw new EnvelopeException("not-an-envelope", $"expected a SOAP Envelope, found <{Excerpt.Of(root.Name)}>");
        SoapVersion version;
        if (root.NamespaceUri == Soap11Namespace) version = SoapVersion.Soap11;
        else if (root.NamespaceUri == Soap12Namespace) version = SoapVersion.Soap12;
        else
        {
            var found = root.NamespaceUri.Length == 0 ? "no namespace" : $"namespace \"{Excerpt.Of(root.NamespaceUri)}\"";
            throw new EnvelopeException("version-mismatch", $"the Envelope is in {found}, not a SOAP 1.1 or 1.2 envelope namespace");
        }
        if (expected is not null && expected != version)
        {
            throw new EnvelopeException("version-mismatch", $"expected a SOAP {Label(expected.Value)} envelope, received SOAP {Label(version)}");
        }
        var header = Child(root, "Header", root.NamespaceUri);
        var body = Child(root, "Body", root.NamespaceUri) ?? throw new EnvelopeException("missing-body", "the SOAP Envelope has no Body");
        XmlElementNode? first = null;
        foreach (var child in body.Children)
        {
            if (child is XmlElementNode element)
            {
                first = element;
                break;
            }
        }
        if (first is null) throw new EnvelopeException("empty-body", "the SOAP Body is empty");
        if (first.LocalName == "Fault" && first.NamespaceUri == root.NamespaceUri) throw version == SoapVersion.Soap11 ? Fault11(first) : Fault12(first);
        return new DecodedEnvelope(version, header, first);
    }

    /// <summary>
    /// Decodes the Body's first element of an envelope with <paramref name="root"/>: the value and the errors of
    /// <c>root.Decode(SoapEnvelope.Decode(text, limits, expected).Body, options)</c>. A response without a Header whose
    /// content is plain sequences of elements and simple values is decoded straight from the XML reader, without
    /// a tree of the document; anything else (and any error) through the tree.
    /// </summary>
    /// <exception cref="SoapFaultException">The Body holds a Fault.</exception>
    /// <exception cref="EnvelopeException">The document is not a usable envelope.</exception>
    /// <exception cref="XmlParseException">The text is not acceptable XML.</exception>
    /// <exception cref="DecodeException">The Body's first element does not match <paramref name="root"/>.</exception>
    public static T DecodeBody<T>(string text, XmlRoot<T> root, XmlLimits? limits = null, SoapVersion? expected = null, DecodeOptions? options = null)
    {
        var within = limits ?? XmlLimits.Default;
        if (TryDecodeBody(text, root, within, expected, options, out var value)) return value;
        return root.Decode(Decode(text, within, expected).Body, options);
    }

    /// <summary>The fast path of <see cref="DecodeBody{T}"/>: false when it does not cover the document (decode it through the tree then).</summary>
    internal static bool TryDecodeBody<T>(string text, XmlRoot<T> root, XmlLimits limits, SoapVersion? expected, DecodeOptions? options, out T value)
    {
        if (StreamReading.TryDecodeBody(text, limits, expected, root, options?.Namespaces != NamespaceMode.Ignore, out var decoded))
        {
            value = (T)decoded!;
            return true;
        }
        value = default!;
        return false;
    }

    private static string Label(SoapVersion version) => version == SoapVersion.Soap11 ? "1.1" : "1.2";

    private static XmlElementNode? Child(XmlElementNode? element, string local, string? ns = null)
    {
        if (element is null) return null;
        foreach (var child in element.Children)
        {
            if (child is XmlElementNode e && e.LocalName == local && (ns is null || e.NamespaceUri == ns)) return e;
        }
        return null;
    }

    private static string? TextOf(XmlElementNode? element)
    {
        if (element is null) return null;
        var sb = new StringBuilder();
        foreach (var child in element.Children) if (child is XmlTextNode text) sb.Append(text.Text);
        return sb.ToString().Trim();
    }

    /// <summary>A QName-valued element's content, resolved against the element's in-scope prefixes.</summary>
    private static FaultCode CodeOf(XmlElementNode? element)
    {
        var code = TextOf(element) ?? "";
        var colon = code.IndexOf(':');
        var prefix = colon < 0 ? "" : code.Substring(0, colon);
        var ns = element is not null && element.Scope.TryGetValue(prefix, out var uri) ? uri : "";
        return new FaultCode(code, ns, colon < 0 ? code : code.Substring(colon + 1));
    }

    private static SoapFaultException Fault11(XmlElementNode fault) =>
        // The 1.1 fault children are unqualified; some servers qualify them, so they are matched by local name.
        new(SoapVersion.Soap11, CodeOf(Child(fault, "faultcode")), TextOf(Child(fault, "faultstring")) ?? "", TextOf(Child(fault, "faultactor")), null, new List<FaultCode>(), Child(fault, "detail"));

    private static SoapFaultException Fault12(XmlElementNode fault)
    {
        const string ns = Soap12Namespace;
        var code = Child(fault, "Code", ns);
        var subcodes = new List<FaultCode>();
        for (var sub = Child(code, "Subcode", ns); sub is not null; sub = Child(sub, "Subcode", ns)) subcodes.Add(CodeOf(Child(sub, "Value", ns)));
        return new SoapFaultException(
            SoapVersion.Soap12,
            CodeOf(Child(code, "Value", ns)),
            TextOf(Child(Child(fault, "Reason", ns), "Text", ns)) ?? "",
            TextOf(Child(fault, "Role", ns)),
            TextOf(Child(fault, "Node", ns)),
            subcodes,
            Child(fault, "Detail", ns));
    }
}
