namespace ECGrid.Soap.Runtime;

/// <summary>
/// The limits of the XML reader (<see cref="XmlElementNode.Parse(string, XmlLimits)"/>, envelopes and responses): a document
/// beyond one is refused with <see cref="XmlParseException"/> before it costs more memory or time. The defaults are the
/// ones every ecgrid-codegen runtime shares; change one with <c>XmlLimits.Default with { MaxDepth = 2048 }</c>
/// (for a client: <see cref="SoapClientOptions.XmlLimits"/>).
/// </summary>
public sealed record XmlLimits
{
    /// <summary>The defaults.</summary>
    public static XmlLimits Default { get; } = new();

    /// <summary>Elements nested deeper than this are refused (<c>depth-limit</c>); 1,024 by default.</summary>
    public int MaxDepth { get; init; } = 1024;

    /// <summary>A text node, CDATA section or attribute value longer than this many characters is refused (<c>size-limit</c>); 64 Mi by default.</summary>
    public int MaxTextLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>An element with more attributes than this (namespace declarations not counted) is refused (<c>attribute-limit</c>); 256 by default.</summary>
    public int MaxAttributes { get; init; } = 256;

    /// <summary>An element or attribute name (prefix included) longer than this many characters is refused (<c>name-limit</c>); 1,024 by default.</summary>
    public int MaxNameLength { get; init; } = 1024;

    /// <summary>An element declaring more namespaces than this is refused (<c>namespace-limit</c>); 128 by default.</summary>
    public int MaxNamespaceDeclarations { get; init; } = 128;

    /// <summary>More namespace declarations than this on all open elements together are refused (<c>namespace-limit</c>); 1,024 by default.</summary>
    public int MaxNamespacesInScope { get; init; } = 1024;

    /// <summary>A document longer than this many characters is refused (<c>size-limit</c>); 256 Mi by default.</summary>
    public int MaxDocumentLength { get; init; } = 256 * 1024 * 1024;
}
