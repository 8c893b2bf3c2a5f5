namespace ECGrid.Soap.Runtime;

using System;
using System.Buffers;
using System.Xml;

/// <summary>
/// The reader of the fast decoding path (<see cref="StreamReading"/>): a pull scanner over the document's text that
/// checks what <see cref="XmlReader"/> checks (well-formedness, namespaces, characters) for the XML that responses are
/// made of, and gives up (<see cref="StreamBail"/>) on everything else, so that the tree path, on the
/// <see cref="XmlReader"/>, decides. It never accepts a document the reader refuses: anything it does not check
/// itself gives up. Covered: the XML declaration (version 1.0, UTF-8 or UTF-16), elements and end tags with names of
/// ASCII and of the reader's name characters, namespace declarations, attributes (values without references or
/// layout characters), text with the predefined entities and character references, CDATA sections, comments,
/// processing instructions and line ends. Given up: DOCTYPE, other declarations, names with characters beyond the
/// Basic Multilingual Plane, more than <see cref="MaxAttributesScanned"/> attributes on one element.
/// <para>
/// Comments and processing instructions are checked and skipped (no node). Texts and CDATA sections are
/// <see cref="XmlNodeType.Text"/> nodes, read with <see cref="TextValue"/>, <see cref="TryTextSpan"/> or <see cref="AppendText"/>. Nothing outside
/// the root element is a node: the prolog is read before it, the rest of the document when it ends. The limits of
/// <see cref="XmlLimits"/> are checked on every node as <see cref="XmlTreeReader"/> checks them, or before it would
/// (a text's length is its length in the document, which its value never exceeds).
/// </para>
/// </summary>
internal sealed class XmlScanner
{
    /// <summary>Attributes (namespace declarations included) one element may have here; more give up (duplicates are checked pairwise).</summary>
    internal const int MaxAttributesScanned = 16;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The ASCII characters of names after the first (the colon included; it is checked apart).</summary>
    private static readonly SearchValues<char> AsciiNameChars = SearchValues.Create("-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    private readonly string _s;
    private readonly XmlLimits _limits;
    private readonly bool _checkText;
    private int _pos;

    // The open elements: where each one's qualified name is, and how many namespace declarations it made.
    private int[] _openName = new int[16];
    private int[] _openNameLength = new int[16];
    private int[] _openDeclarations = new int[16];
    private int _open;

    // The namespace declarations in scope: the prefix (its place in the document; length 0 for the default) and the URI.
    private int[] _nsPrefix = new int[8];
    private int[] _nsPrefixLength = new int[8];
    private string[] _nsUri = new string[8];
    private int _ns;
    private string _defaultNs = "";

    // The attributes of the current start tag.
    private readonly int[] _attrName = new int[MaxAttributesScanned];
    private readonly int[] _attrNameLength = new int[MaxAttributesScanned];
    private readonly int[] _attrColon = new int[MaxAttributesScanned];
    private readonly int[] _attrValue = new int[MaxAttributesScanned];
    private readonly int[] _attrValueLength = new int[MaxAttributesScanned];
    private readonly string?[] _attrNs = new string?[MaxAttributesScanned];
    private int _attrCount;

    private int _nameStart;
    private int _nameLength;
    private int _colon;
    private int _textStart;
    private int _textLength;
    private bool _textCData;
    private bool _textPlain;
    private bool _popOnRead;
    private bool _started;
    private bool _rootEnded;

    public XmlScanner(string text, XmlLimits limits)
    {
        _s = text;
        _limits = limits;
        // A text, comment or attribute value can only pass the limit in a document longer than it.
        _checkText = text.Length > limits.MaxTextLength;
    }

    /// <summary>The current node: <see cref="XmlNodeType.Element"/>, <see cref="XmlNodeType.EndElement"/> or <see cref="XmlNodeType.Text"/>.</summary>
    public XmlNodeType NodeType { get; private set; }

    /// <summary>The current element is written <c>&lt;a/&gt;</c> (no end tag follows).</summary>
    public bool IsEmptyElement { get; private set; }

    /// <summary>The depth of the current node, as <see cref="XmlReader.Depth"/> counts it (the root element is at 0).</summary>
    public int Depth { get; private set; }

    /// <summary>The current element's namespace (the declaration's own string, so the same for every element in its scope).</summary>
    public string NamespaceURI { get; private set; } = "";

    /// <summary>The current element's attributes other than namespace declarations.</summary>
    public int AttributeCount { get; private set; }

    /// <summary>The current element's local name, in the document.</summary>
    public ReadOnlySpan<char> LocalName => _s.AsSpan(_colon < 0 ? _nameStart : _colon + 1, _colon < 0 ? _nameLength : _nameStart + _nameLength - _colon - 1);

    /// <summary>The current element's local name is <paramref name="name"/>.</summary>
    public bool LocalNameIs(string name) => LocalName.SequenceEqual(name);

    /// <summary>
    /// The value of the current element's attribute <c>xsi:nil</c> (as written: no references, no layout characters) when
    /// it is the element's only attribute besides namespace declarations; <paramref name="found"/> is false otherwise.
    /// </summary>
    public ReadOnlySpan<char> NilValue(out bool found)
    {
        found = false;
        if (AttributeCount != 1) return default;
        for (var i = 0; i < _attrCount; i++)
        {
            if (_attrNs[i] is not { } ns) continue;
            if (!ReferenceEquals(ns, XsiNamespace) || !AttributeLocalName(i).SequenceEqual("nil")) return default;
            found = true;
            return _s.AsSpan(_attrValue[i], _attrValueLength[i]);
        }
        return default;
    }

    private ReadOnlySpan<char> AttributeLocalName(int i) =>
        _attrColon[i] < 0 ? _s.AsSpan(_attrName[i], _attrNameLength[i]) : _s.AsSpan(_attrColon[i] + 1, _attrName[i] + _attrNameLength[i] - _attrColon[i] - 1);

    /// <summary>Moves to the next node; false at the end of the document (everything after the root element checked).</summary>
    public bool Read()
    {
        if (_popOnRead)
        {
            _popOnRead = false;
            PopDeclarations(_openDeclarations[_open]);
        }
        if (_rootEnded) return false;
        if (!_started)
        {
            _started = true;
            Prolog();
        }
        var s = _s;
        while (true)
        {
            // Within the root element: the document cannot end here.
            if (_pos + 1 >= s.Length) throw StreamBail.Instance;
            if (s[_pos] != '<')
            {
                ScanText();
                return true;
            }
            switch (s[_pos + 1])
            {
                case '/':
                    ScanEndTag();
                    if (_open == 0) Epilog();
                    return true;
                case '!':
                    if (string.CompareOrdinal(s, _pos, "<!--", 0, 4) == 0)
                    {
                        ScanComment();
                        continue;
                    }
                    if (_open > 0 && string.CompareOrdinal(s, _pos, "<![CDATA[", 0, 9) == 0)
                    {
                        ScanCData();
                        return true;
                    }
                    // DOCTYPE, or a declaration out of place: the tree path refuses or reads it.
                    throw StreamBail.Instance;
                case '?':
                    ScanProcessingInstruction();
                    continue;
                default:
                    ScanStartTag();
                    return true;
            }
        }
    }

    /// <summary>Before the root element: the XML declaration (only at the very start), whitespace, comments and processing instructions.</summary>
    private void Prolog()
    {
        var s = _s;
        if (string.CompareOrdinal(s, 0, "<?xml", 0, 5) == 0 && s.Length > 5 && IsSpace(s[5])) ScanDeclaration();
        while (true)
        {
            while (_pos < s.Length && IsSpace(s[_pos])) _pos++;
            if (string.CompareOrdinal(s, _pos, "<!--", 0, 4) == 0) ScanComment();
            else if (string.CompareOrdinal(s, _pos, "<?", 0, 2) == 0) ScanProcessingInstruction();
            else break;
        }
        // The root element's start tag (a DOCTYPE or text gives up there).
        if (_pos + 1 >= s.Length || s[_pos] != '<' || s[_pos + 1] == '/' || s[_pos + 1] == '!' || s[_pos + 1] == '?') throw StreamBail.Instance;
    }

    /// <summary>After the root element: whitespace, comments and processing instructions to the end.</summary>
    private void Epilog()
    {
        _rootEnded = true;
        var s = _s;
        while (true)
        {
            while (_pos < s.Length && IsSpace(s[_pos])) _pos++;
            if (_pos >= s.Length) return;
            if (string.CompareOrdinal(s, _pos, "<!--", 0, 4) == 0) ScanComment();
            else if (string.CompareOrdinal(s, _pos, "<?", 0, 2) == 0) ScanProcessingInstruction();
            else throw StreamBail.Instance;
        }
    }

    // -----------------------------------------------------------------------------------------
    // Tags

    private void ScanStartTag()
    {
        var s = _s;
        var start = _pos + 1;
        var p = ScanQName(start, out var colon);
        var nameLength = p - start;
        if (nameLength > _limits.MaxNameLength) throw StreamBail.Instance;
        if (_open >= _limits.MaxDepth) throw StreamBail.Instance;
        var count = 0;
        var declarations = 0;
        var attributes = 0;
        var empty = false;
        while (true)
        {
            if (p >= s.Length) throw StreamBail.Instance;
            var c = s[p];
            var spaced = false;
            while (IsSpace(c))
            {
                spaced = true;
                if (++p >= s.Length) throw StreamBail.Instance;
                c = s[p];
            }
            if (c == '>')
            {
                p++;
                break;
            }
            if (c == '/')
            {
                if (p + 1 >= s.Length || s[p + 1] != '>') throw StreamBail.Instance;
                empty = true;
                p += 2;
                break;
            }
            // An attribute: after whitespace, name = "value".
            if (!spaced || count >= MaxAttributesScanned) throw StreamBail.Instance;
            var aStart = p;
            p = ScanQName(aStart, out var aColon);
            var aLength = p - aStart;
            if (aLength > _limits.MaxNameLength) throw StreamBail.Instance;
            while (p < s.Length && IsSpace(s[p])) p++;
            if (p >= s.Length || s[p] != '=') throw StreamBail.Instance;
            p++;
            while (p < s.Length && IsSpace(s[p])) p++;
            if (p >= s.Length || (s[p] != '"' && s[p] != '\'')) throw StreamBail.Instance;
            var quote = s[p];
            var vStart = p + 1;
            var vEnd = s.IndexOf(quote, vStart);
            if (vEnd < 0) throw StreamBail.Instance;
            var value = s.AsSpan(vStart, vEnd - vStart);
            // References and layout characters are normalized by the reader: those values are the tree path's.
            if (value.IndexOfAny('<', '&') >= 0) throw StreamBail.Instance;
            CheckChars(value, false);
            if (value.IndexOfAny('\t', '\n', '\r') >= 0) throw StreamBail.Instance;
            if (_checkText && value.Length > _limits.MaxTextLength) throw StreamBail.Instance;
            p = vEnd + 1;
            // Duplicates, by the qualified name.
            for (var i = 0; i < count; i++)
            {
                if (_attrNameLength[i] == aLength && string.CompareOrdinal(s, _attrName[i], s, aStart, aLength) == 0) throw StreamBail.Instance;
            }
            _attrName[count] = aStart;
            _attrNameLength[count] = aLength;
            _attrColon[count] = aColon;
            _attrValue[count] = vStart;
            _attrValueLength[count] = vEnd - vStart;
            var declaration = IsXmlns(aStart, aColon, aLength);
            _attrNs[count] = declaration ? null : "";
            if (declaration)
            {
                if (++declarations > _limits.MaxNamespaceDeclarations || _ns + declarations > _limits.MaxNamespacesInScope) throw StreamBail.Instance;
            }
            else if (++attributes > _limits.MaxAttributes) throw StreamBail.Instance;
            count++;
        }
        _attrCount = count;
        // The declarations first, then the names they bind.
        for (var i = 0; i < count; i++)
        {
            if (_attrNs[i] is null) Declare(i);
        }
        for (var i = 0; i < count; i++)
        {
            if (_attrNs[i] is null) continue;
            if (_attrColon[i] < 0) continue;
            // xml:space and xml:lang have values the reader checks: the tree path's.
            if (IsReservedPrefix(_attrName[i], _attrColon[i] - _attrName[i])) throw StreamBail.Instance;
            var ns = Resolve(_attrName[i], _attrColon[i] - _attrName[i]);
            _attrNs[i] = ns;
            // Two attributes with one expanded name (two prefixes of one namespace).
            var local = AttributeLocalName(i);
            for (var j = 0; j < i; j++)
            {
                if (_attrNs[j] is { } other && other == ns && AttributeLocalName(j).SequenceEqual(local)) throw StreamBail.Instance;
            }
        }
        if (colon >= 0 && IsReservedPrefix(start, colon - start)) throw StreamBail.Instance;
        NamespaceURI = colon < 0 ? _defaultNs : Resolve(start, colon - start);
        _nameStart = start;
        _nameLength = nameLength;
        _colon = colon;
        AttributeCount = attributes;
        Depth = _open;
        IsEmptyElement = empty;
        NodeType = XmlNodeType.Element;
        if (_open == _openName.Length)
        {
            Array.Resize(ref _openName, _open * 2);
            Array.Resize(ref _openNameLength, _open * 2);
            Array.Resize(ref _openDeclarations, _open * 2);
        }
        _openName[_open] = start;
        _openNameLength[_open] = nameLength;
        _openDeclarations[_open] = declarations;
        _pos = p;
        if (empty)
        {
            // Its declarations leave scope at the next read; it never counts as open.
            _popOnRead = declarations > 0;
            if (_open == 0) Epilog();
        }
        else _open++;
    }

    private void ScanEndTag()
    {
        var s = _s;
        var index = _open - 1;
        var start = _openName[index];
        var length = _openNameLength[index];
        var p = _pos + 2;
        if (p + length > s.Length || string.CompareOrdinal(s, p, s, start, length) != 0) throw StreamBail.Instance;
        p += length;
        while (p < s.Length && IsSpace(s[p])) p++;
        if (p >= s.Length || s[p] != '>') throw StreamBail.Instance;
        _pos = p + 1;
        _open = index;
        PopDeclarations(_openDeclarations[index]);
        Depth = index;
        IsEmptyElement = false;
        NodeType = XmlNodeType.EndElement;
    }

    /// <summary>A qualified name from <paramref name="start"/>: its end; <paramref name="colon"/> is where its colon is (-1 for none).</summary>
    private int ScanQName(int start, out int colon)
    {
        var s = _s;
        colon = -1;
        var end = start;
        while (true)
        {
            var k = s.AsSpan(end).IndexOfAnyExcept(AsciiNameChars);
            end = k < 0 ? s.Length : end + k;
            if (end >= s.Length || s[end] < 0x80) break;
            // A name character beyond ASCII, by the reader's own tables (surrogate pairs are the tree path's).
            if (char.IsSurrogate(s[end]) || !XmlConvert.IsNCNameChar(s[end])) throw StreamBail.Instance;
            end++;
        }
        if (end == start || !IsNameStart(s[start])) throw StreamBail.Instance;
        // One colon at most, between two names.
        var at = s.AsSpan(start, end - start).IndexOf(':');
        if (at >= 0)
        {
            colon = start + at;
            if (colon == end - 1 || !IsNameStart(s[colon + 1]) || s.AsSpan(colon + 1, end - colon - 1).IndexOf(':') >= 0) throw StreamBail.Instance;
        }
        return end;
    }

    private static bool IsNameStartAscii(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    private static bool IsNameStart(char c) => c < 0x80 ? IsNameStartAscii(c) : XmlConvert.IsStartNCNameChar(c);

    private static bool IsSpace(char c) => c == ' ' || c == '\n' || c == '\t' || c == '\r';

    // -----------------------------------------------------------------------------------------
    // Namespaces

    private bool IsXmlns(int start, int colon, int length) =>
        colon < 0 ? length == 5 && string.CompareOrdinal(_s, start, "xmlns", 0, 5) == 0 : colon - start == 5 && string.CompareOrdinal(_s, start, "xmlns", 0, 5) == 0;

    private bool IsReservedPrefix(int start, int length) =>
        (length == 3 && string.CompareOrdinal(_s, start, "xml", 0, 3) == 0) || (length == 5 && string.CompareOrdinal(_s, start, "xmlns", 0, 5) == 0);

    private void Declare(int i)
    {
        var colon = _attrColon[i];
        var prefix = colon < 0 ? 0 : colon + 1;
        var prefixLength = colon < 0 ? 0 : _attrName[i] + _attrNameLength[i] - colon - 1;
        var value = _s.AsSpan(_attrValue[i], _attrValueLength[i]);
        // Reserved prefixes and namespaces, and undeclaring a prefix (not XML 1.0): the reader's rules are the tree path's.
        if (prefixLength > 0 && (IsReservedPrefix(prefix, prefixLength) || value.Length == 0)) throw StreamBail.Instance;
        if (value.SequenceEqual(XmlNamespace) || value.SequenceEqual(XmlnsNamespace)) throw StreamBail.Instance;
        if (_ns == _nsUri.Length)
        {
            Array.Resize(ref _nsPrefix, _ns * 2);
            Array.Resize(ref _nsPrefixLength, _ns * 2);
            Array.Resize(ref _nsUri, _ns * 2);
        }
        // The same URI as the one in scope keeps its string (names are compared by reference first).
        var uri = Intern(value);
        _nsPrefix[_ns] = prefix;
        _nsPrefixLength[_ns] = prefixLength;
        _nsUri[_ns] = uri;
        _ns++;
        if (prefixLength == 0) _defaultNs = uri;
    }

    private string Intern(ReadOnlySpan<char> value)
    {
        if (value.Length == 0) return "";
        if (value.SequenceEqual(XsiNamespace)) return XsiNamespace;
        // The nearest declarations only: sharing the string is a shortcut for comparing names, not a rule.
        for (var j = _ns - 1; j >= 0 && j >= _ns - 8; j--)
        {
            if (value.SequenceEqual(_nsUri[j])) return _nsUri[j];
        }
        return value.ToString();
    }

    private void PopDeclarations(int count)
    {
        if (count == 0) return;
        var wasDefault = false;
        for (var k = 0; k < count; k++)
        {
            _ns--;
            wasDefault |= _nsPrefixLength[_ns] == 0;
            _nsUri[_ns] = null!;
        }
        if (!wasDefault) return;
        _defaultNs = "";
        for (var j = _ns - 1; j >= 0; j--)
        {
            if (_nsPrefixLength[j] == 0)
            {
                _defaultNs = _nsUri[j];
                return;
            }
        }
    }

    /// <summary>The namespace of a prefix in scope (<c>xml</c> is always bound); an unbound prefix gives up.</summary>
    private string Resolve(int start, int length)
    {
        var prefix = _s.AsSpan(start, length);
        for (var j = _ns - 1; j >= 0; j--)
        {
            if (_nsPrefixLength[j] == length && prefix.SequenceEqual(_s.AsSpan(_nsPrefix[j], length))) return _nsUri[j];
        }
        if (prefix.SequenceEqual("xml")) return XmlNamespace;
        throw StreamBail.Instance;
    }

    // -----------------------------------------------------------------------------------------
    // Character data

    private void ScanText()
    {
        var s = _s;
        var start = _pos;
        var lt = s.IndexOf('<', start);
        if (lt < 0) throw StreamBail.Instance;
        var text = s.AsSpan(start, lt - start);
        var plain = CheckChars(text, true);
        var special = text.IndexOfAny('&', ']');
        if (special >= 0)
        {
            for (var i = special; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '&')
                {
                    i = Reference(text, i, out _) - 1;
                    plain = false;
                }
                else if (c == ']' && i + 2 < text.Length && text[i + 1] == ']' && text[i + 2] == '>') throw StreamBail.Instance;
            }
        }
        if (_checkText && text.Length > _limits.MaxTextLength) throw StreamBail.Instance;
        _textStart = start;
        _textLength = text.Length;
        _textCData = false;
        _textPlain = plain;
        _pos = lt;
        Depth = _open;
        NodeType = XmlNodeType.Text;
    }

    private void ScanCData()
    {
        var start = _pos + 9;
        var end = _s.IndexOf("]]>", start, StringComparison.Ordinal);
        if (end < 0) throw StreamBail.Instance;
        var text = _s.AsSpan(start, end - start);
        var plain = CheckChars(text, true);
        if (_checkText && text.Length > _limits.MaxTextLength) throw StreamBail.Instance;
        _textStart = start;
        _textLength = text.Length;
        _textCData = true;
        _textPlain = plain;
        _pos = end + 3;
        Depth = _open;
        NodeType = XmlNodeType.Text;
    }

    private void ScanComment()
    {
        var start = _pos + 4;
        var end = _s.IndexOf("--", start, StringComparison.Ordinal);
        if (end < 0 || end + 2 >= _s.Length || _s[end + 2] != '>') throw StreamBail.Instance;
        var text = _s.AsSpan(start, end - start);
        CheckChars(text, true);
        if (_checkText && text.Length > _limits.MaxTextLength) throw StreamBail.Instance;
        _pos = end + 3;
    }

    private void ScanProcessingInstruction()
    {
        var s = _s;
        var start = _pos + 2;
        var p = ScanQName(start, out var colon);
        // A target with a colon, or any spelling of "xml", is the reader's to judge.
        if (colon >= 0 || (p - start == 3 && string.Compare(s, start, "xml", 0, 3, StringComparison.OrdinalIgnoreCase) == 0)) throw StreamBail.Instance;
        if (p - start > _limits.MaxNameLength) throw StreamBail.Instance;
        var end = s.IndexOf("?>", p, StringComparison.Ordinal);
        if (end < 0) throw StreamBail.Instance;
        if (end > p && !IsSpace(s[p])) throw StreamBail.Instance;
        var data = s.AsSpan(p, end - p);
        CheckChars(data, true);
        if (_checkText && data.Length > _limits.MaxTextLength) throw StreamBail.Instance;
        _pos = end + 2;
    }

    /// <summary>The XML declaration at the start: version 1.0, an encoding of UTF-8 or UTF-16, standalone; anything else gives up.</summary>
    private void ScanDeclaration()
    {
        var s = _s;
        var end = s.IndexOf("?>", 5, StringComparison.Ordinal);
        if (end < 0) throw StreamBail.Instance;
        var p = 5;
        var version = Pseudo(ref p, end, "version");
        if (version is not "1.0") throw StreamBail.Instance;
        var mark = p;
        var encoding = Pseudo(ref p, end, "encoding");
        if (encoding is null) p = mark;
        else if (!encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("utf-16", StringComparison.OrdinalIgnoreCase)) throw StreamBail.Instance;
        mark = p;
        var standalone = Pseudo(ref p, end, "standalone");
        if (standalone is null) p = mark;
        else if (standalone is not ("yes" or "no")) throw StreamBail.Instance;
        while (p < end && IsSpace(s[p])) p++;
        if (p != end) throw StreamBail.Instance;
        _pos = end + 2;
    }

    /// <summary>One pseudo-attribute of the declaration (after whitespace): its value, or null when the next one is not <paramref name="name"/>.</summary>
    private string? Pseudo(ref int p, int end, string name)
    {
        var s = _s;
        var q = p;
        if (q >= end || !IsSpace(s[q])) return null;
        while (q < end && IsSpace(s[q])) q++;
        if (string.CompareOrdinal(s, q, name, 0, name.Length) != 0) return null;
        q += name.Length;
        while (q < end && IsSpace(s[q])) q++;
        if (q >= end || s[q] != '=') throw StreamBail.Instance;
        q++;
        while (q < end && IsSpace(s[q])) q++;
        if (q >= end || (s[q] != '"' && s[q] != '\'')) throw StreamBail.Instance;
        var close = s.IndexOf(s[q], q + 1, end - q - 1);
        if (close < 0) throw StreamBail.Instance;
        p = close + 1;
        return s.Substring(q + 1, close - q - 1);
    }

    /// <summary>
    /// Checks that <paramref name="text"/> holds only XML characters (surrogates in pairs); a carriage return gives up
    /// unless <paramref name="lineEnds"/> (then the text is not plain: its line ends are normalized). True when plain.
    /// </summary>
    private static bool CheckChars(ReadOnlySpan<char> text, bool lineEnds)
    {
        var plain = true;
        var i = text.IndexOfAnyExceptInRange(' ', '\uD7FF');
        if (i < 0) return true;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c < '\uD800') continue;
            if (c == '\n' || c == '\t') continue;
            if (c == '\r')
            {
                if (!lineEnds) throw StreamBail.Instance;
                plain = false;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c >= '\uE000' && c <= '\uFFFD') continue;
            throw StreamBail.Instance;
        }
        return plain;
    }

    /// <summary>
    /// The reference at <paramref name="at"/> (an <c>&amp;</c>) in <paramref name="text"/>: where it ends; its character(s) in
    /// <paramref name="value"/> (a surrogate pair packed high, low). Anything but a predefined entity or a character reference to
    /// an XML character gives up.
    /// </summary>
    private static int Reference(ReadOnlySpan<char> text, int at, out int value)
    {
        var semi = text.Slice(at + 1).IndexOf(';');
        if (semi < 1 || semi > 10) throw StreamBail.Instance;
        var name = text.Slice(at + 1, semi);
        var end = at + 2 + semi;
        if (name[0] != '#')
        {
            value = name switch
            {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                "quot" => '"',
                _ => throw StreamBail.Instance,
            };
            return end;
        }
        var code = 0;
        if (name.Length > 1 && name[1] == 'x')
        {
            if (name.Length == 2) throw StreamBail.Instance;
            foreach (var c in name.Slice(2))
            {
                var d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
                if (d < 0 || code > 0x10FFFF) throw StreamBail.Instance;
                code = code * 16 + d;
            }
        }
        else
        {
            if (name.Length == 1) throw StreamBail.Instance;
            foreach (var c in name.Slice(1))
            {
                if (c < '0' || c > '9' || code > 0x10FFFF) throw StreamBail.Instance;
                code = code * 10 + (c - '0');
            }
        }
        var valid = code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
        if (!valid) throw StreamBail.Instance;
        value = code;
        return end;
    }

    /// <summary>The current text node's value as it is in the document, when it needs no decoding (no reference, no carriage return).</summary>
    public bool TryTextSpan(out ReadOnlySpan<char> text)
    {
        text = _s.AsSpan(_textStart, _textLength);
        return _textPlain;
    }

    /// <summary>The current text node's value.</summary>
    public string TextValue() => _textPlain ? _s.Substring(_textStart, _textLength) : Decoded();

    private char[] _decoded = new char[128];

    private string Decoded()
    {
        if (_decoded.Length < _textLength) _decoded = new char[Math.Max(_textLength, _decoded.Length * 2)];
        var length = AppendText(_decoded, 0);
        return new string(_decoded, 0, length);
    }

    /// <summary>Writes the current text node's value into <paramref name="buffer"/> at <paramref name="at"/> (room for its length in the document): where it ends.</summary>
    public int AppendText(char[] buffer, int at)
    {
        var text = _s.AsSpan(_textStart, _textLength);
        if (_textPlain)
        {
            text.CopyTo(buffer.AsSpan(at));
            return at + text.Length;
        }
        var o = at;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // A line end: CR LF and a lone CR are one LF.
                buffer[o++] = '\n';
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (c == '&' && !_textCData)
            {
                i = Reference(text, i, out var code) - 1;
                if (code >= 0x10000)
                {
                    code -= 0x10000;
                    buffer[o++] = (char)(0xD800 + (code >> 10));
                    buffer[o++] = (char)(0xDC00 + (code & 0x3FF));
                }
                else buffer[o++] = (char)code;
            }
            else buffer[o++] = c;
        }
        return o;
    }

    /// <summary>The length of the current text node in the document (its value is no longer).</summary>
    public int TextLength => _textLength;

    /// <summary>The current text node is whitespace only.</summary>
    public bool IsWhitespaceText() => _s.AsSpan(_textStart, _textLength).IndexOfAnyExcept(" \t\r\n") < 0;
}
