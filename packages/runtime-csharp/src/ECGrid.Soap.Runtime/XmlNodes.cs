namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;

/// <summary>
/// A node of the small XML tree that keeps <c>xs:any</c> and <c>xs:anyType</c> content, fault details
/// and envelopes exactly as received: names with their prefixes, namespace declarations in order,
/// CDATA sections, comments and whether an element was written as <c>&lt;a/&gt;</c>.
/// </summary>
public abstract class XmlTreeNode
{
    private protected XmlTreeNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line where the node starts in the parsed text (0 for built nodes).</summary>
    public int Line { get; }

    /// <summary>The 1-based column where the node starts in the parsed text (0 for built nodes).</summary>
    public int Column { get; }
}

/// <summary>An attribute other than a namespace declaration.</summary>
/// <param name="Name">The name as written, with its prefix.</param>
/// <param name="Prefix">The prefix ('' for none).</param>
/// <param name="LocalName">The local name.</param>
/// <param name="NamespaceUri">The resolved namespace ('' for none).</param>
/// <param name="Value">The normalized value.</param>
public sealed record XmlAttributeNode(string Name, string Prefix, string LocalName, string NamespaceUri, string Value);

/// <summary>Character data, or a CDATA section when <see cref="IsCData"/> is set.</summary>
public sealed class XmlTextNode : XmlTreeNode
{
    /// <summary>Creates a text node.</summary>
    public XmlTextNode(string text, bool isCData = false, int line = 0, int column = 0) : base(line, column)
    {
        Text = text;
        IsCData = isCData;
    }

    /// <summary>The text with references expanded.</summary>
    public string Text { get; }

    /// <summary>True for a CDATA section.</summary>
    public bool IsCData { get; }
}

/// <summary>A comment.</summary>
public sealed class XmlCommentNode : XmlTreeNode
{
    /// <summary>Creates a comment.</summary>
    public XmlCommentNode(string text, int line = 0, int column = 0) : base(line, column)
    {
        Text = text;
    }

    /// <summary>The comment's text.</summary>
    public string Text { get; }
}

/// <summary>A processing instruction.</summary>
public sealed class XmlProcessingInstructionNode : XmlTreeNode
{
    /// <summary>Creates a processing instruction.</summary>
    public XmlProcessingInstructionNode(string target, string data, int line = 0, int column = 0) : base(line, column)
    {
        Target = target;
        Data = data;
    }

    /// <summary>The target.</summary>
    public string Target { get; }

    /// <summary>The data ('' for none).</summary>
    public string Data { get; }
}

/// <summary>An element with its attributes, namespace declarations and children.</summary>
public sealed class XmlElementNode : XmlTreeNode
{
    private static readonly IReadOnlyDictionary<string, string> NoScope = new Dictionary<string, string>();

    /// <summary>
    /// Creates an element. <paramref name="declarations"/> are the namespace declarations written on it
    /// (prefix '' is the default namespace), <paramref name="scope"/> every prefix in scope (its own declarations included).
    /// </summary>
    public XmlElementNode(
        string name,
        string prefix,
        string localName,
        string namespaceUri,
        IReadOnlyList<XmlAttributeNode>? attributes = null,
        IReadOnlyList<KeyValuePair<string, string>>? declarations = null,
        IReadOnlyDictionary<string, string>? scope = null,
        IReadOnlyList<XmlTreeNode>? children = null,
        bool selfClosing = false,
        int line = 0,
        int column = 0)
        : base(line, column)
    {
        Name = name;
        Prefix = prefix;
        LocalName = localName;
        NamespaceUri = namespaceUri;
        Attributes = attributes ?? Array.Empty<XmlAttributeNode>();
        Declarations = declarations ?? Array.Empty<KeyValuePair<string, string>>();
        Scope = scope ?? NoScope;
        Children = children ?? Array.Empty<XmlTreeNode>();
        SelfClosing = selfClosing;
    }

    /// <summary>An element in the default namespace <paramref name="namespaceUri"/> (declared on it), holding <paramref name="text"/> if given.</summary>
    public static XmlElementNode Create(string namespaceUri, string localName, string? text = null)
    {
        var declarations = new[] { new KeyValuePair<string, string>("", namespaceUri) };
        var scope = new Dictionary<string, string> { [""] = namespaceUri };
        var children = text is null ? Array.Empty<XmlTreeNode>() : new XmlTreeNode[] { new XmlTextNode(text) };
        return new XmlElementNode(localName, "", localName, namespaceUri, null, declarations, scope, children, text is null);
    }

    /// <summary>
    /// Parses a complete XML document and returns its root element, within the default <see cref="XmlLimits"/>: a DOCTYPE is
    /// refused (<c>doctype-refused</c>), and so are elements nested deeper than 1,024 (<c>depth-limit</c>), documents longer
    /// than 256 Mi characters and text or attribute values longer than 64 Mi characters (<c>size-limit</c>), more than 256
    /// attributes on an element (<c>attribute-limit</c>), names longer than 1,024 characters (<c>name-limit</c>), more than
    /// 128 namespace declarations on an element or 1,024 in scope (<c>namespace-limit</c>).
    /// </summary>
    /// <exception cref="XmlParseException">The text is not acceptable XML.</exception>
    public static XmlElementNode Parse(string xml) => XmlTreeReader.Parse(xml);

    /// <summary>Parses a complete XML document within <paramref name="limits"/> (see <see cref="Parse(string)"/>).</summary>
    /// <exception cref="XmlParseException">The text is not acceptable XML.</exception>
    public static XmlElementNode Parse(string xml, XmlLimits limits) => XmlTreeReader.Parse(xml, limits);

    /// <summary>The name as written, with its prefix (<c>soap:Body</c>).</summary>
    public string Name { get; }

    /// <summary>The prefix ('' for none).</summary>
    public string Prefix { get; }

    /// <summary>The local name.</summary>
    public string LocalName { get; }

    /// <summary>The resolved namespace ('' for none).</summary>
    public string NamespaceUri { get; }

    /// <summary>Attributes other than namespace declarations, in document order.</summary>
    public IReadOnlyList<XmlAttributeNode> Attributes { get; }

    /// <summary>The namespace declarations written on this element, in order ('' is the default namespace).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Declarations { get; }

    /// <summary>Every prefix in scope at this element.</summary>
    public IReadOnlyDictionary<string, string> Scope { get; }

    /// <summary>Child nodes in document order (whitespace text included).</summary>
    public IReadOnlyList<XmlTreeNode> Children { get; }

    /// <summary>True when the element was written as <c>&lt;a/&gt;</c>.</summary>
    public bool SelfClosing { get; }

    /// <summary>The same element under another name (content, attributes and declarations kept).</summary>
    public XmlElementNode Renamed(string localName, string namespaceUri) =>
        new(localName, "", localName, namespaceUri, Attributes, Declarations, Scope, Children, SelfClosing, Line, Column);

    /// <summary>The element as XML text; namespaces it uses are declared on it.</summary>
    public override string ToString() => XmlTreeWriter.Serialize(this, null, null);
}
