namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

/// <summary>
/// The fast path of decoding a response: the Body's first element decoded straight from the
/// <see cref="XmlReader"/>, without an <see cref="XmlElementNode"/> tree of the document. It covers what
/// responses hold (plain sequences of elements, simple types, nil items) and gives up (<see cref="StreamBail"/>)
/// on anything else: the caller then decodes the same text through the tree, so every error, and every
/// value the fast path does not cover, is the tree path's. The reader's limits are enforced on the way
/// (a document beyond one gives up, and the tree path refuses it with its own error).
/// </summary>
internal sealed class StreamReading
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = false,
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = false,
        CheckCharacters = true,
    };

    private readonly XmlLimits _limits;
    private readonly bool _checkText;
    private List<int>? _declarationDepths;
    private List<int>? _declarationCounts;
    private int _inScope;
    private StringBuilder? _text;

    private StreamReading(XmlReader reader, XmlLimits limits, bool checkText, bool strict)
    {
        Reader = reader;
        _limits = limits;
        _checkText = checkText;
        Strict = strict;
    }

    public XmlReader Reader { get; }

    /// <summary>False when elements are matched by local name only.</summary>
    public bool Strict { get; }

    /// <summary>
    /// Decodes the first element of the Body of the envelope <paramref name="text"/> with <paramref name="root"/>; false
    /// when the fast path does not cover the document (then nothing is known about it: decode it through the tree).
    /// </summary>
    public static bool TryDecodeBody(string text, XmlLimits limits, SoapVersion? expected, IStreamRoot root, bool strict, out object? value)
    {
        value = null;
        if (text.Length > limits.MaxDocumentLength) return false;
        var source = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        try
        {
            using var reader = XmlReader.Create(new StringReader(source), Settings);
            // A text, comment or attribute value can only pass the limit in a document longer than it.
            var s = new StreamReading(reader, limits, source.Length > limits.MaxTextLength, strict);
            if (!s.Decode(expected, root, out value)) return false;
            return true;
        }
        catch (Exception error) when (error is StreamBail or XmlException or CodecFailure or BuiltinValueException or FormatException or OverflowException or InvalidCastException)
        {
            value = null;
            return false;
        }
    }

    private bool Decode(SoapVersion? expected, IStreamRoot root, out object? value)
    {
        value = null;
        var r = Reader;
        // The prolog, up to the root element.
        while (true)
        {
            if (!r.Read()) return false;
            if (r.NodeType == XmlNodeType.Element) break;
            CheckOther();
        }
        Enter();
        if (r.LocalName != "Envelope") return false;
        var envelope = r.NamespaceURI;
        SoapVersion version;
        if (envelope == SoapEnvelope.Soap11Namespace) version = SoapVersion.Soap11;
        else if (envelope == SoapEnvelope.Soap12Namespace) version = SoapVersion.Soap12;
        else return false;
        if (expected is not null && expected != version) return false;
        if (r.IsEmptyElement) return false;
        var decoded = false;
        while (r.Read())
        {
            var type = r.NodeType;
            if (type == XmlNodeType.EndElement) break;
            if (type != XmlNodeType.Element)
            {
                CheckOther();
                continue;
            }
            Enter();
            if ((object)r.NamespaceURI == envelope || r.NamespaceURI == envelope)
            {
                // The tree path keeps the Header: the fast path leaves envelopes with one to it.
                if (r.LocalName == "Header") return false;
                if (r.LocalName == "Body" && !decoded)
                {
                    if (!DecodeBody(envelope, root, out value)) return false;
                    decoded = true;
                    continue;
                }
            }
            Skip();
        }
        if (!decoded) return false;
        // The rest of the document: comments, processing instructions and whitespace, within the limits.
        while (r.Read()) CheckOther();
        return true;
    }

    private bool DecodeBody(string envelope, IStreamRoot root, out object? value)
    {
        value = null;
        var r = Reader;
        if (r.IsEmptyElement) return false;
        var depth = r.Depth;
        var first = true;
        while (r.Read())
        {
            var type = r.NodeType;
            if (type == XmlNodeType.EndElement && r.Depth == depth) return !first;
            if (type != XmlNodeType.Element)
            {
                CheckOther();
                continue;
            }
            var attributes = Enter();
            if (!first)
            {
                Skip();
                continue;
            }
            if (r.LocalName == "Fault" && r.NamespaceURI == envelope) return false;
            value = root.Stream(this, attributes);
            first = false;
        }
        return false;
    }

    /// <summary>
    /// Checks the limits at the element the reader is on (depth, name, attributes, namespace declarations) and
    /// tracks its declarations; true when it carries attributes other than namespace declarations.
    /// </summary>
    public bool Enter()
    {
        var r = Reader;
        var depth = r.Depth;
        if (depth >= _limits.MaxDepth) throw StreamBail.Instance;
        var prefix = r.Prefix;
        if (r.LocalName.Length + (prefix.Length == 0 ? 0 : prefix.Length + 1) > _limits.MaxNameLength) throw StreamBail.Instance;
        if (_declarationDepths is { Count: > 0 } depths)
        {
            // Declarations of elements at this depth or deeper belong to elements that have ended.
            while (depths.Count > 0 && depths[^1] >= depth)
            {
                _inScope -= _declarationCounts![^1];
                depths.RemoveAt(depths.Count - 1);
                _declarationCounts.RemoveAt(_declarationCounts.Count - 1);
            }
        }
        if (!r.HasAttributes) return false;
        var declarations = 0;
        var attributes = 0;
        r.MoveToFirstAttribute();
        do
        {
            var p = r.Prefix;
            if (r.LocalName.Length + (p.Length == 0 ? 0 : p.Length + 1) > _limits.MaxNameLength) throw StreamBail.Instance;
            if (_checkText && r.Value.Length > _limits.MaxTextLength) throw StreamBail.Instance;
            if (r.NamespaceURI == "http://www.w3.org/2000/xmlns/")
            {
                if (declarations >= _limits.MaxNamespaceDeclarations || _inScope + declarations >= _limits.MaxNamespacesInScope) throw StreamBail.Instance;
                declarations++;
            }
            else
            {
                if (attributes >= _limits.MaxAttributes) throw StreamBail.Instance;
                attributes++;
            }
        }
        while (r.MoveToNextAttribute());
        r.MoveToElement();
        if (declarations > 0 && !r.IsEmptyElement)
        {
            (_declarationDepths ??= new List<int>()).Add(depth);
            (_declarationCounts ??= new List<int>()).Add(declarations);
            _inScope += declarations;
        }
        return attributes > 0;
    }

    /// <summary>
    /// For an element with attributes (other than namespace declarations): true when they are exactly <c>xsi:nil</c>
    /// saying true, false when exactly <c>xsi:nil</c> saying false; any other attribute gives up.
    /// </summary>
    public bool IsNil()
    {
        var r = Reader;
        var nil = false;
        var seen = false;
        r.MoveToFirstAttribute();
        do
        {
            if (r.NamespaceURI == "http://www.w3.org/2000/xmlns/") continue;
            if (seen || r.LocalName != "nil" || r.NamespaceURI != Codec.XsiNamespace) throw StreamBail.Instance;
            seen = true;
            var v = XsdLexical.Collapse(r.Value);
            nil = v == "true" || v == "1";
        }
        while (r.MoveToNextAttribute());
        r.MoveToElement();
        return nil;
    }

    /// <summary>Checks a node other than an element or an end tag against the text limit.</summary>
    public void CheckOther()
    {
        if (_checkText && Reader.Value.Length > _limits.MaxTextLength) throw StreamBail.Instance;
    }

    /// <summary>Reads past the element the reader is on (within the limits); the reader is left on its end tag.</summary>
    public void Skip()
    {
        var r = Reader;
        if (r.IsEmptyElement) return;
        var depth = r.Depth;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                    Enter();
                    break;
                case XmlNodeType.EndElement:
                    if (r.Depth == depth) return;
                    break;
                default:
                    CheckOther();
                    break;
            }
        }
        throw StreamBail.Instance;
    }

    /// <summary>
    /// The text of a text-only element the reader is on (its text and CDATA pieces joined; comments and processing
    /// instructions skipped); a child element gives up. The reader is left on its end tag.
    /// </summary>
    public string Text()
    {
        var r = Reader;
        if (r.IsEmptyElement) return "";
        string? first = null;
        StringBuilder? more = null;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    {
                        var value = r.Value;
                        if (_checkText && value.Length > _limits.MaxTextLength) throw StreamBail.Instance;
                        if (first is null) first = value;
                        else
                        {
                            more ??= (_text ??= new StringBuilder()).Clear().Append(first);
                            more.Append(value);
                        }
                        break;
                    }
                case XmlNodeType.EndElement:
                    return more is not null ? more.ToString() : first ?? "";
                case XmlNodeType.Element:
                    throw StreamBail.Instance;
                default:
                    CheckOther();
                    break;
            }
        }
        throw StreamBail.Instance;
    }

    /// <summary>The most characters <see cref="TextChars"/> reads; a longer text gives up (the tree path reads it).</summary>
    internal const int MaxTextChars = 1024;

    private char[] _chars = new char[64];

    /// <summary>
    /// The text <see cref="Text"/> reads, as characters in a buffer of the reader's (valid until its next call), without
    /// making a string: for values read from their characters (integers, enumerations). A text of more than
    /// <see cref="MaxTextChars"/> characters gives up. The reader is left on the element's end tag.
    /// </summary>
    public ReadOnlySpan<char> TextChars()
    {
        var r = Reader;
        if (r.IsEmptyElement) return ReadOnlySpan<char>.Empty;
        var length = 0;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    {
                        var start = length;
                        while (true)
                        {
                            // Room for a surrogate pair, which the reader does not split.
                            if (_chars.Length - length < 2)
                            {
                                if (length > MaxTextChars) throw StreamBail.Instance;
                                Array.Resize(ref _chars, Math.Min(_chars.Length * 2, MaxTextChars + 2));
                            }
                            var read = r.ReadValueChunk(_chars, length, _chars.Length - length);
                            if (read == 0) break;
                            length += read;
                        }
                        if (length > MaxTextChars) throw StreamBail.Instance;
                        if (_checkText && length - start > _limits.MaxTextLength) throw StreamBail.Instance;
                        break;
                    }
                case XmlNodeType.EndElement:
                    return _chars.AsSpan(0, length);
                case XmlNodeType.Element:
                    throw StreamBail.Instance;
                default:
                    CheckOther();
                    break;
            }
        }
        throw StreamBail.Instance;
    }

    /// <summary>
    /// A node between the child elements of element-only content: whitespace passes, other text gives up (the tree
    /// path refuses it), comments and processing instructions are checked against the limit.
    /// </summary>
    public void BetweenElements()
    {
        var r = Reader;
        switch (r.NodeType)
        {
            case XmlNodeType.Whitespace:
            case XmlNodeType.SignificantWhitespace:
                CheckOther();
                return;
            case XmlNodeType.Text:
            case XmlNodeType.CDATA:
                if (!XmlTreeWriter.IsWhitespace(r.Value)) throw StreamBail.Instance;
                CheckOther();
                return;
            default:
                CheckOther();
                return;
        }
    }
}

/// <summary>The fast path gives up: the document is decoded through the tree instead.</summary>
internal sealed class StreamBail : Exception
{
    public static readonly StreamBail Instance = new();

    private StreamBail() : base("the streaming decoder does not cover this document")
    {
    }
}

/// <summary>A root that decodes its element from the reader (the reader on its start tag, its limits checked).</summary>
internal interface IStreamRoot
{
    object? Stream(StreamReading s, bool attributes);
}
