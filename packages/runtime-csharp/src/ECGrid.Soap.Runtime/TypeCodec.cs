namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

/// <summary>Options that change how documents are matched while decoding.</summary>
internal sealed class DecodeContext
{
    public DecodeContext(bool strict) => Strict = strict;

    /// <summary>False when elements are matched by local name only.</summary>
    public bool Strict { get; }
}

/// <summary>Per-call encoder state: qualification, indentation, the <c>xsi</c> prefix and whether a nil used it.</summary>
internal sealed class EncodeState
{
    private readonly string? _indent;
    private List<string>? _lines;

    public EncodeState(EncodeOptions options)
    {
        Qualified = options.Qualified;
        _indent = options.Indent;
        Declarations = options.Declarations ?? new Dictionary<string, string>();
        Scope = Declarations;
        (XsiPrefix, XsiDeclared) = DeclaredPrefix(Declarations, Codec.XsiNamespace, "xsi");
        (XsdPrefix, XsdDeclared) = DeclaredPrefix(Declarations, Codec.XsdNamespace, "xsd");
    }

    /// <summary>The prefix the context binds to <paramref name="ns"/>, or the usual one (not declared yet).</summary>
    private static (string Prefix, bool Declared) DeclaredPrefix(IReadOnlyDictionary<string, string> declarations, string ns, string usual)
    {
        foreach (var pair in declarations)
        {
            if (pair.Key.Length != 0 && pair.Value == ns) return (pair.Key, true);
        }
        return (usual, false);
    }

    public bool Qualified { get; }

    public bool Pretty => _indent is not null;

    public string XsiPrefix { get; }

    public bool XsiDeclared { get; }

    public bool XsiUsed { get; set; }

    /// <summary>The prefix of the XML Schema namespace (type names in <c>arrayType</c>), declared on the fragment root when used.</summary>
    public string XsdPrefix { get; }

    public bool XsdDeclared { get; }

    public bool XsdUsed { get; set; }

    public IReadOnlyDictionary<string, string> Declarations { get; }

    /// <summary>The prefixes in scope where the encoder writes: the context's and those its ancestors declared.</summary>
    public IReadOnlyDictionary<string, string> Scope { get; set; }

    /// <summary>Makes the prefixes declared on an element visible to its content; returns the scope to restore.</summary>
    public IReadOnlyDictionary<string, string> EnterScope(Declared? declared)
    {
        var saved = Scope;
        if (declared?.Added is { } added)
        {
            var scope = new Dictionary<string, string>();
            foreach (var pair in saved) scope[pair.Key] = pair.Value;
            foreach (var pair in added) scope[pair.Key] = pair.Value;
            Scope = scope;
        }
        return saved;
    }

    /// <summary>A newline and the indentation of <paramref name="depth"/>, or '' for compact output.</summary>
    public string Line(int depth)
    {
        if (_indent is null) return "";
        _lines ??= new List<string>();
        while (_lines.Count <= depth)
        {
            var sb = new StringBuilder("\n");
            for (var i = 0; i < _lines.Count; i++) sb.Append(_indent);
            _lines.Add(sb.ToString());
        }
        return _lines[depth];
    }
}

/// <summary>
/// The codec's internal failure: each level of nesting adds its path segment as it passes, and the
/// entry points turn it into a <see cref="DecodeException"/> or <see cref="EncodeException"/> with the full path.
/// </summary>
internal sealed class CodecFailure : Exception
{
    public CodecFailure(string code, string detail, XmlTreeNode? at = null, string? segment = null) : base(detail)
    {
        Code = code;
        Detail = detail;
        At = at;
        if (segment is not null) Segments.Add(segment);
    }

    public string Code { get; }

    public string Detail { get; }

    public XmlTreeNode? At { get; }

    /// <summary>Path segments, innermost first (<c>.Key</c>, <c>[3]</c>, ...).</summary>
    public List<string> Segments { get; } = new();

    public string PathFrom(string root)
    {
        var sb = new StringBuilder(root);
        for (var i = Segments.Count - 1; i >= 0; i--) sb.Append(Segments[i]);
        return sb.ToString();
    }

    public DecodeException ToDecodeException(string root) =>
        At is { Line: > 0 } node ? new DecodeException(Code, PathFrom(root), Detail, node.Line, node.Column) : new DecodeException(Code, PathFrom(root), Detail);

    public EncodeException ToEncodeException(string root) => new(Code, PathFrom(root), Detail);
}

/// <summary>
/// The codec of one schema type: decodes an element's content and encodes a value as a whole element.
/// Generated SDKs build their schema from the runtime's codecs (<see cref="Xsd"/>, <see cref="EnumCodec{TEnum}"/>,
/// <see cref="ComplexCodec{T}"/>, <see cref="SoapArrayCodec"/>) and use them through <see cref="XmlRoot{T}"/>.
/// </summary>
public abstract class TypeCodec
{
    private protected TypeCodec(string name) => Name = name;

    /// <summary>The schema name, which starts error paths (<c>KeyIDInfo</c>) and names simple types in messages.</summary>
    public string Name { get; }

    internal abstract bool IsComplex { get; }

    /// <summary>An empty <c>List&lt;T?&gt;</c> of this type's C# values (the items of a SOAP-encoded array).</summary>
    internal virtual IList NewList() => new List<object?>();

    internal abstract object? Decode(XmlElementNode node, DecodeContext ctx);

    /// <summary>
    /// Decodes the element the reader of <paramref name="s"/> is on (its limits checked, no attributes but namespace
    /// declarations and <c>xsi:nil="false"</c>), leaving the reader on its end tag, to the value <see cref="Decode"/> gives
    /// for it; throws <see cref="StreamBail"/> where the fast path does not cover the element or the tree path would fail.
    /// </summary>
    internal virtual object? Stream(StreamReading s) => throw StreamBail.Instance;

    /// <summary>Writes a whole element named <paramref name="local"/> in <paramref name="ns"/>; <paramref name="parentDefault"/> is the default namespace where it is written.</summary>
    internal abstract string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth);
}

/// <summary>Prefixes declared on one element being written: <see cref="Text"/> goes into its start tag.</summary>
internal sealed class Declared
{
    public StringBuilder Text { get; } = new();

    public Dictionary<string, string>? Added { get; set; }
}

/// <summary>A type other types derive from: it knows them by id, for <c>xsi:type</c>.</summary>
internal interface IDerivable
{
    /// <summary>This type or a type derived from it named <paramref name="ns"/>:<paramref name="local"/> (by local name only when not <paramref name="strict"/>); null when none.</summary>
    TypeCodec? XsiTarget(string ns, string local, bool strict);
}

/// <summary>Helpers shared by the codecs: start tags with default-namespace switching, nil, text content, quoting.</summary>
internal static class Codec
{
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Marks an absent optional value where null means nil.</summary>
    public static readonly object Absent = new();

    /// <summary><c>&lt;local</c> plus <c>xmlns="ns"</c> when the namespace differs from the default in effect.</summary>
    public static string OpenTag(string local, string ns, EncodeState st, string parentDefault) =>
        st.Qualified && ns != parentDefault ? $"<{local} xmlns=\"{XmlTreeWriter.EscapeAttribute(ns)}\"" : $"<{local}";

    /// <summary>The default namespace inside an element written by <see cref="OpenTag"/>.</summary>
    public static string DefaultInside(string ns, EncodeState st, string parentDefault) => st.Qualified ? ns : parentDefault;

    public static string NilElement(string local, string ns, EncodeState st, string parentDefault)
    {
        st.XsiUsed = true;
        return $"{OpenTag(local, ns, st, parentDefault)} {st.XsiPrefix}:nil=\"true\"/>";
    }

    /// <summary>Adds <c>xmlns:xsi</c> and <c>xmlns:xsd</c> to the fragment root's start tag when they were used and the context does not declare them.</summary>
    public static string DeclareXsi(string xml, string local, EncodeState st)
    {
        var declarations = "";
        if (st.XsiUsed && !st.XsiDeclared) declarations += $" xmlns:{st.XsiPrefix}=\"{XsiNamespace}\"";
        if (st.XsdUsed && !st.XsdDeclared) declarations += $" xmlns:{st.XsdPrefix}=\"{XsdNamespace}\"";
        if (declarations.Length == 0) return xml;
        var at = local.Length + 1;
        return xml.Substring(0, at) + declarations + xml.Substring(at);
    }

    /// <summary>
    /// The prefix of <paramref name="ns"/> on the element being written: xsi and xsd (declared on the fragment
    /// root), one in scope (the context's, an ancestor's), or a new one (<c>soapenc</c>, else <c>t</c>, <c>t2</c>, ...)
    /// declared in <paramref name="declared"/>.
    /// </summary>
    public static string PrefixFor(EncodeState st, string ns, Declared declared)
    {
        if (ns == XsiNamespace)
        {
            st.XsiUsed = true;
            return st.XsiPrefix;
        }
        if (ns == XsdNamespace)
        {
            st.XsdUsed = true;
            return st.XsdPrefix;
        }
        if (ns == XmlNamespace) return "xml";
        if (declared.Added is { } added)
        {
            foreach (var pair in added)
            {
                if (pair.Value == ns) return pair.Key;
            }
        }
        foreach (var pair in st.Scope)
        {
            if (pair.Key.Length != 0 && pair.Value == ns) return pair.Key;
        }
        var stem = ns == SoapArrayCodec.SoapEncodingNamespace ? "soapenc" : "t";
        var prefix = stem;
        for (var n = 2; Bound(st, declared, prefix); n++) prefix = stem + n;
        (declared.Added ??= new Dictionary<string, string>())[prefix] = ns;
        declared.Text.Append(" xmlns:").Append(prefix).Append("=\"").Append(XmlTreeWriter.EscapeAttribute(ns)).Append('"');
        return prefix;
    }

    private static bool Bound(EncodeState st, Declared declared, string prefix) =>
        prefix == st.XsiPrefix || prefix == st.XsdPrefix || prefix == "xml" || prefix == "xmlns" || st.Scope.ContainsKey(prefix) || (declared.Added?.ContainsKey(prefix) ?? false);

    /// <summary>
    /// A type id (<c>{ns}local</c>) as a QName value written on the element being written; a name in no namespace
    /// can only be written unprefixed where no default namespace is in effect (<paramref name="elementDefault"/>).
    /// </summary>
    public static string QNameOf(string id, EncodeState st, Declared declared, string elementDefault)
    {
        var close = id.StartsWith('{') ? id.IndexOf('}') : -1;
        if (close < 0)
        {
            if (elementDefault.Length != 0) throw new CodecFailure("invalid-type", "a type in no namespace cannot be named under a default namespace");
            return id;
        }
        return $"{PrefixFor(st, id.Substring(1, close - 1), declared)}:{id.Substring(close + 1)}";
    }

    /// <summary>
    /// The type to decode <paramref name="node"/> with: <paramref name="type"/>, or for a complex type the derived type
    /// its <c>xsi:type</c> names (an <c>invalid-type</c> failure when it names neither). Simple types go through
    /// <see cref="CheckXsiType"/>.
    /// </summary>
    public static TypeCodec ForElement(XmlElementNode node, TypeCodec type, DecodeContext ctx)
    {
        if (node.Attributes.Count == 0) return type;
        if (type is not IDerivable derivable)
        {
            CheckXsiType(node, type, ctx);
            return type;
        }
        foreach (var a in node.Attributes)
        {
            if (a.LocalName != "type" || a.NamespaceUri != XsiNamespace) continue;
            var (text, ns, local) = XsiTypeName(node, a.Value, ctx);
            return derivable.XsiTarget(ns, local, ctx.Strict)
                ?? throw new CodecFailure("invalid-type", $"xsi:type {Quote(text)} does not name {type.Name} or a type derived from it", node);
        }
        return type;
    }

    /// <summary>
    /// Refuses an <c>xsi:type</c> that does not name the element's declared type <paramref name="type"/> (or, for a simple
    /// type, its XSD built-in): this runtime decodes no derived types, so any other type, known or not, is an
    /// <c>invalid-type</c> error rather than a value decoded as something it is not. <c>xs:anyType</c> keeps any <c>xsi:type</c>.
    /// </summary>
    public static void CheckXsiType(XmlElementNode node, TypeCodec type, DecodeContext ctx)
    {
        if (type is AnyTypeCodec) return;
        foreach (var a in node.Attributes)
        {
            if (a.LocalName != "type" || a.NamespaceUri != XsiNamespace) continue;
            var (text, ns, local) = XsiTypeName(node, a.Value, ctx);
            var builtin = type is SimpleCodec simple ? simple.Builtin.Name : null;
            var named = !ctx.Strict
                ? local == type.Name || local == builtin
                : ns == XsdNamespace ? local == builtin : local == type.Name && type.Name != builtin;
            if (!named) throw new CodecFailure("invalid-type", $"xsi:type {Quote(text)} does not name {type.Name}, the type of <{Excerpt.Of(node.LocalName)}>", node);
        }
    }

    /// <summary>
    /// An <c>xsi:type</c> value as written (collapsed), and the namespace and local name it names through the prefixes in
    /// scope at <paramref name="node"/>; an undeclared prefix is an <c>invalid-value</c> failure in strict mode and no namespace otherwise.
    /// </summary>
    private static (string Text, string Ns, string Local) XsiTypeName(XmlElementNode node, string value, DecodeContext ctx)
    {
        var text = XsdLexical.Collapse(value);
        var colon = text.IndexOf(':');
        var prefix = colon < 0 ? "" : text.Substring(0, colon);
        var local = colon < 0 ? text : text.Substring(colon + 1);
        if (!node.Scope.TryGetValue(prefix, out var ns))
        {
            if (prefix.Length != 0 && ctx.Strict) throw new CodecFailure("invalid-value", $"xsi:type {Quote(text)} uses an undeclared prefix", node);
            ns = "";
        }
        return (text, ns, local);
    }

    /// <summary>No text and no child elements (comments and processing instructions do not count): an element a default or fixed value fills.</summary>
    public static bool IsEmptyElement(XmlElementNode node)
    {
        foreach (var child in node.Children)
        {
            if (child is XmlElementNode || child is XmlTextNode) return false;
        }
        return true;
    }

    /// <summary>True when the element carries <c>xsi:nil="true"</c> (or <c>"1"</c>).</summary>
    public static bool IsNil(XmlElementNode node)
    {
        foreach (var a in node.Attributes)
        {
            if (a.LocalName == "nil" && a.NamespaceUri == XsiNamespace)
            {
                var v = XsdLexical.Collapse(a.Value);
                return v == "true" || v == "1";
            }
        }
        return false;
    }

    /// <summary>The concatenated text of an element that may only hold text.</summary>
    public static string TextContent(XmlElementNode node)
    {
        var children = node.Children;
        if (children.Count == 0) return "";
        if (children.Count == 1 && children[0] is XmlTextNode only) return only.Text;
        var sb = new StringBuilder();
        foreach (var child in children)
        {
            if (child is XmlTextNode text) sb.Append(text.Text);
            else if (child is XmlElementNode element)
            {
                throw new CodecFailure("unexpected-element", $"element <{element.LocalName}> is not allowed in text-only content", element);
            }
        }
        return sb.ToString();
    }

    /// <summary>A received lexical form quoted like JSON for a message, cut to a readable length.</summary>
    public static string Quote(string text)
    {
        var s = text.Length > 64 ? text.Substring(0, 64) + "\u2026" : text;
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}

/// <summary>A builtin datatype: lexical form to value and back, both validating.</summary>
internal sealed class Builtin
{
    public Builtin(string name, bool isString, Func<string, object> parse, Func<object, string> format)
    {
        Name = name;
        IsString = isString;
        Parse = parse;
        Format = format;
    }

    public string Name { get; }

    /// <summary>True when values are the (whitespace-processed) lexical strings themselves.</summary>
    public bool IsString { get; }

    public Func<string, object> Parse { get; }

    public Func<object, string> Format { get; }

    /// <summary>Makes an empty <c>List&lt;T?&gt;</c> of the builtin's C# type.</summary>
    public Func<IList> NewList { get; init; } = () => new List<object?>();
}

/// <summary>Simple types: builtins (<see cref="Xsd"/>) and restrictions of them; values are the builtin's C# values.</summary>
public class SimpleCodec : TypeCodec
{
    internal SimpleCodec(string name, Builtin builtin) : base(name) => Builtin = builtin;

    internal Builtin Builtin { get; }

    internal override bool IsComplex => false;

    internal override IList NewList() => Builtin.NewList();

    /// <summary>The same codec under the name of a restriction (for messages).</summary>
    internal virtual SimpleCodec Renamed(string name) => new(name, Builtin);

    internal virtual object ParseValue(string lexical, XmlTreeNode? at)
    {
        try
        {
            return Builtin.Parse(lexical);
        }
        catch (BuiltinValueException error)
        {
            throw new CodecFailure(error.Code, $"invalid {Name} value {Codec.Quote(lexical)} ({error.Reason})", at);
        }
    }

    internal virtual string FormatValue(object value)
    {
        try
        {
            return Builtin.Format(value);
        }
        catch (BuiltinValueException error)
        {
            throw new CodecFailure(error.Code, $"invalid {Name}: {error.Reason}");
        }
    }

    internal override object? Decode(XmlElementNode node, DecodeContext ctx) => ParseValue(Codec.TextContent(node), node);

    internal override object? Stream(StreamReading s) => ParseValue(s.Text(), null);

    /// <summary>
    /// For a single element of this type whose property <paramref name="set"/> sets: reads the value from the reader and
    /// sets it without boxing (the value <see cref="ParseValue"/> gives), or null when the type has no typed reader.
    /// </summary>
    internal virtual Action<object, StreamReading>? StreamSetter<TOwner, TValue>(Action<TOwner, TValue> set)
        where TOwner : class
    {
        if (ReferenceEquals(this, Xsd.String))
        {
            if (set is Action<TOwner, string?> text) return (o, s) => text((TOwner)o, s.Text());
        }
        else if (ReferenceEquals(this, Xsd.Int))
        {
            if (set is Action<TOwner, int> plain) return (o, s) => plain((TOwner)o, Xsd.ReadInt(s.TextChars()));
            if (set is Action<TOwner, int?> optional) return (o, s) => optional((TOwner)o, Xsd.ReadInt(s.TextChars()));
        }
        else if (ReferenceEquals(this, Xsd.Long))
        {
            if (set is Action<TOwner, long> plain) return (o, s) => plain((TOwner)o, Xsd.ReadLong(s.TextChars()));
            if (set is Action<TOwner, long?> optional) return (o, s) => optional((TOwner)o, Xsd.ReadLong(s.TextChars()));
        }
        else if (ReferenceEquals(this, Xsd.DateTime))
        {
            if (set is Action<TOwner, XsdDateTime> plain) return (o, s) => plain((TOwner)o, Xsd.ReadDateTime(s.Text()));
            if (set is Action<TOwner, XsdDateTime?> optional) return (o, s) => optional((TOwner)o, Xsd.ReadDateTime(s.Text()));
        }
        return null;
    }

    /// <summary>The canonical lexical form of a value, to compare values (fixed values): <c>1.0</c> and <c>1.00</c> are one decimal.</summary>
    internal virtual string Canonical(object value)
    {
        var text = FormatValue(value);
        return Builtin.Name == "decimal" ? CanonicalDecimal(text) : text;
    }

    /// <summary>The canonical form of a valid decimal lexical form: no <c>+</c>, no leading or trailing zeros, <c>0</c> unsigned.</summary>
    private static string CanonicalDecimal(string text)
    {
        var negative = text.StartsWith('-');
        var unsigned = negative || text.StartsWith('+') ? text.Substring(1) : text;
        var dot = unsigned.IndexOf('.');
        var integer = (dot < 0 ? unsigned : unsigned.Substring(0, dot)).TrimStart('0');
        if (integer.Length == 0) integer = "0";
        var fraction = dot < 0 ? "" : unsigned.Substring(dot + 1).TrimEnd('0');
        var magnitude = fraction.Length == 0 ? integer : $"{integer}.{fraction}";
        return negative && magnitude != "0" ? "-" + magnitude : magnitude;
    }

    internal override string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth)
    {
        var text = FormatValue(value);
        var head = Codec.OpenTag(local, ns, st, parentDefault);
        return text.Length == 0 ? head + "/>" : $"{head}>{XmlTreeWriter.EscapeText(text)}</{local}>";
    }

    /// <summary><see cref="Encode"/> appended to <paramref name="sb"/> (the same text, without the intermediate strings).</summary>
    internal void EncodeInto(StringBuilder sb, object value, string local, string ns, EncodeState st, string parentDefault)
    {
        var text = FormatValue(value);
        sb.Append('<').Append(local);
        if (st.Qualified && ns != parentDefault) sb.Append(" xmlns=\"").Append(XmlTreeWriter.EscapeAttribute(ns)).Append('"');
        if (text.Length == 0)
        {
            sb.Append("/>");
            return;
        }
        sb.Append('>');
        XmlTreeWriter.AppendEscapedText(sb, text);
        sb.Append("</").Append(local).Append('>');
    }
}

/// <summary>An enumeration: the schema values mapped explicitly onto the members of a C# enum.</summary>
/// <typeparam name="TEnum">The generated C# enum.</typeparam>
public sealed class EnumCodec<TEnum> : SimpleCodec where TEnum : struct, Enum
{
    private readonly Dictionary<string, TEnum> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<TEnum, string> _byMember = new();
    private readonly string _expected;

    /// <summary>The enumeration <paramref name="name"/> restricting <paramref name="baseCodec"/>, each schema value with its member.</summary>
    public EnumCodec(string name, SimpleCodec baseCodec, (string Value, TEnum Member)[] values) : this(name, baseCodec.Builtin, values)
    {
    }

    private EnumCodec(string name, Builtin builtin, (string Value, TEnum Member)[] values) : base(name, builtin)
    {
        Values = values;
        foreach (var (value, member) in values)
        {
            _byValue[value] = member;
            _byMember[member] = value;
        }
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++) names[i] = values[i].Value;
        _expected = string.Join(", ", names);
    }

    internal (string Value, TEnum Member)[] Values { get; }

    internal override SimpleCodec Renamed(string name) => new EnumCodec<TEnum>(name, Builtin, Values);

    internal override IList NewList() => new List<TEnum?>();

    internal override Action<object, StreamReading>? StreamSetter<TOwner, TValue>(Action<TOwner, TValue> set)
    {
        if (set is Action<TOwner, TEnum> plain) return (o, s) => plain((TOwner)o, Member(s.TextChars()));
        if (set is Action<TOwner, TEnum?> optional) return (o, s) => optional((TOwner)o, Member(s.TextChars()));
        return null;
    }

    /// <summary>The member <see cref="ParseValue"/> gives, unboxed.</summary>
    private TEnum Member(string lexical)
    {
        if (Builtin.IsString && _byValue.TryGetValue((string)Builtin.Parse(lexical), out var member)) return member;
        return (TEnum)ParseValue(lexical, null);
    }

    /// <summary>
    /// <see cref="Member(string)"/> of the characters <paramref name="lexical"/>: characters equal to a schema value that
    /// its builtin reads as itself give its member without a string (the string would give it too: the same text reads
    /// to the same value); anything else goes through the string.
    /// </summary>
    private TEnum Member(ReadOnlySpan<char> lexical)
    {
        var itself = _readsAsItself ??= ReadsAsItself();
        for (var i = 0; i < itself.Length; i++)
        {
            if (itself[i] && lexical.SequenceEqual(Values[i].Value)) return Values[i].Member;
        }
        return Member(new string(lexical));
    }

    private bool[]? _readsAsItself;

    /// <summary>For each schema value, whether the builtin (a string one) reads it as itself, so that it is its own key.</summary>
    private bool[] ReadsAsItself()
    {
        var itself = new bool[Values.Length];
        if (!Builtin.IsString) return itself;
        for (var i = 0; i < Values.Length; i++)
        {
            try
            {
                itself[i] = (string)Builtin.Parse(Values[i].Value) == Values[i].Value && _byValue.TryGetValue(Values[i].Value, out var member) && EqualityComparer<TEnum>.Default.Equals(member, Values[i].Member);
            }
            catch (BuiltinValueException)
            {
                itself[i] = false;
            }
        }
        return itself;
    }

    internal override object ParseValue(string lexical, XmlTreeNode? at)
    {
        var value = base.ParseValue(lexical, at);
        // The enumeration compares the canonical lexical form (the string itself for strings).
        var canonical = Builtin.IsString ? (string)value : Builtin.Format(value);
        if (_byValue.TryGetValue(canonical, out var member)) return member;
        throw new CodecFailure("unknown-enum-value", $"unknown enumeration value {Codec.Quote(lexical)} (expected one of {_expected})", at);
    }

    internal override string FormatValue(object value)
    {
        if (value is not TEnum member) throw new CodecFailure("invalid-type", $"invalid {Name}: expected a {typeof(TEnum).Name}");
        if (_byMember.TryGetValue(member, out var text)) return text;
        throw new CodecFailure("unknown-enum-value", $"value is not one of {_expected}");
    }
}

/// <summary><c>xs:anyType</c>: the element kept as a tree on decode, written back under the particle's name on encode.</summary>
internal sealed class AnyTypeCodec : TypeCodec
{
    public AnyTypeCodec() : base("anyType")
    {
    }

    internal override IList NewList() => new List<XmlElementNode?>();

    internal override bool IsComplex => false;

    internal override object? Decode(XmlElementNode node, DecodeContext ctx) => node;

    internal override string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth)
    {
        if (value is not XmlElementNode element) throw new CodecFailure("invalid-type", "expected an XmlElementNode");
        return WriteKept(element.Renamed(local, st.Qualified ? ns : parentDefault), st, parentDefault);
    }

    /// <summary>Writes a kept element where the output has default namespace <paramref name="parentDefault"/>.</summary>
    public static string WriteKept(XmlElementNode element, EncodeState st, string parentDefault)
    {
        var context = new Dictionary<string, string>();
        foreach (var pair in st.Scope) context[pair.Key] = pair.Value;
        context[""] = parentDefault;
        return XmlTreeWriter.Serialize(element, context, null);
    }
}

/// <summary>
/// Marks the constructor of a generated model that the decoder uses (it sets the required members
/// itself): <c>new KeyIDInfo(Decoding.Instance)</c>.
/// </summary>
public sealed class Decoding
{
    private Decoding()
    {
    }

    /// <summary>The only instance.</summary>
    public static readonly Decoding Instance = new();
}
