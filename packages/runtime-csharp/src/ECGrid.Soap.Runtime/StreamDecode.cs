namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;

/// <summary>
/// The fast path of decoding a response: the Body's first element decoded straight from the document's text with
/// <see cref="XmlScanner"/>, without an <see cref="XmlElementNode"/> tree. It covers what responses hold (plain sequences
/// of elements, simple types, nil items) and gives up (<see cref="StreamBail"/>) on anything else: the caller then
/// decodes the same text through the tree, so every error, and every value the fast path does not cover, is the tree
/// path's. The reader's limits are enforced on the way (a document beyond one gives up, and the tree path refuses it
/// with its own error).
/// </summary>
internal sealed class StreamReading
{
    private char[] _chars = new char[64];

    private StreamReading(XmlScanner reader, bool strict)
    {
        Reader = reader;
        Strict = strict;
    }

    public XmlScanner Reader { get; }

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
            var s = new StreamReading(new XmlScanner(source, limits), strict);
            return s.Decode(expected, root, out value);
        }
        catch (Exception error) when (error is StreamBail or CodecFailure or BuiltinValueException or FormatException or OverflowException or InvalidCastException)
        {
            value = null;
            return false;
        }
    }

    private bool Decode(SoapVersion? expected, IStreamRoot root, out object? value)
    {
        value = null;
        var r = Reader;
        if (!r.Read() || r.NodeType != XmlNodeType.Element || !r.LocalNameIs("Envelope")) return false;
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
            if (type != XmlNodeType.Element) continue;
            if (r.NamespaceURI == envelope)
            {
                // The tree path keeps the Header: the fast path leaves envelopes with one to it.
                if (r.LocalNameIs("Header")) return false;
                if (r.LocalNameIs("Body") && !decoded)
                {
                    if (!DecodeBody(envelope, root, out value)) return false;
                    decoded = true;
                    continue;
                }
            }
            Skip();
        }
        if (!decoded) return false;
        // The rest of the document (comments, processing instructions and whitespace) is checked as the root ends.
        return !r.Read();
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
            if (type != XmlNodeType.Element) continue;
            if (!first)
            {
                Skip();
                continue;
            }
            if (r.LocalNameIs("Fault") && r.NamespaceURI == envelope) return false;
            value = root.Stream(this, r.AttributeCount > 0);
            first = false;
        }
        return false;
    }

    /// <summary>
    /// For an element with attributes (other than namespace declarations): true when they are exactly <c>xsi:nil</c>
    /// saying true, false when exactly <c>xsi:nil</c> saying false; any other attribute gives up.
    /// </summary>
    public bool IsNil()
    {
        var value = Reader.NilValue(out var found);
        if (!found) throw StreamBail.Instance;
        var v = XsdLexical.Collapse(value.ToString());
        return v == "true" || v == "1";
    }

    /// <summary>Reads past the element the reader is on; the reader is left on its end tag.</summary>
    public void Skip()
    {
        var r = Reader;
        if (r.IsEmptyElement) return;
        var depth = r.Depth;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth) return;
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
        if (r.IsEmptyElement || !r.Read()) return "";
        if (r.NodeType == XmlNodeType.EndElement) return "";
        if (r.NodeType != XmlNodeType.Text) throw StreamBail.Instance;
        var first = r.TextValue();
        if (!r.Read()) throw StreamBail.Instance;
        if (r.NodeType == XmlNodeType.EndElement) return first;
        var more = new StringBuilder(first);
        while (true)
        {
            if (r.NodeType != XmlNodeType.Text) throw StreamBail.Instance;
            more.Append(r.TextValue());
            if (!r.Read()) throw StreamBail.Instance;
            if (r.NodeType == XmlNodeType.EndElement) return more.ToString();
        }
    }

    /// <summary>The most characters <see cref="TextChars"/> reads; a longer text gives up (the tree path reads it).</summary>
    internal const int MaxTextChars = 1024;

    /// <summary>
    /// The text <see cref="Text"/> reads, as characters (valid until the next read), without making a string: for values
    /// read from their characters (integers, enumerations). A text of more than <see cref="MaxTextChars"/> characters
    /// in the document gives up. The reader is left on the element's end tag.
    /// </summary>
    public ReadOnlySpan<char> TextChars()
    {
        var r = Reader;
        if (r.IsEmptyElement || !r.Read()) return ReadOnlySpan<char>.Empty;
        if (r.NodeType == XmlNodeType.EndElement) return ReadOnlySpan<char>.Empty;
        if (r.NodeType != XmlNodeType.Text) throw StreamBail.Instance;
        var length = 0;
        if (r.TryTextSpan(out var single) && single.Length <= MaxTextChars)
        {
            // One piece as written: the document's own characters.
            if (!r.Read()) throw StreamBail.Instance;
            if (r.NodeType == XmlNodeType.EndElement) return single;
            if (single.Length > _chars.Length) Array.Resize(ref _chars, MaxTextChars);
            single.CopyTo(_chars);
            length = single.Length;
        }
        while (true)
        {
            if (r.NodeType != XmlNodeType.Text) throw StreamBail.Instance;
            if (length + r.TextLength > MaxTextChars) throw StreamBail.Instance;
            if (length + r.TextLength > _chars.Length) Array.Resize(ref _chars, MaxTextChars);
            length = r.AppendText(_chars, length);
            if (!r.Read()) throw StreamBail.Instance;
            if (r.NodeType == XmlNodeType.EndElement) return _chars.AsSpan(0, length);
        }
    }

    /// <summary>
    /// A node between the child elements of element-only content: whitespace passes, other text gives up (the tree
    /// path refuses it).
    /// </summary>
    public void BetweenElements()
    {
        if (!Reader.IsWhitespaceText()) throw StreamBail.Instance;
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
