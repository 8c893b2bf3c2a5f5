namespace ECGrid.Soap.Runtime;

using System.Collections.Generic;

/// <summary>How elements are matched while decoding.</summary>
public enum NamespaceMode
{
    /// <summary>By namespace and local name (the default).</summary>
    Strict,

    /// <summary>By local name only, for unqualified documents such as the examples printed in documentation.</summary>
    Ignore,
}

/// <summary>Options of decoding.</summary>
public sealed record DecodeOptions
{
    /// <summary><see cref="NamespaceMode.Strict"/> by default.</summary>
    public NamespaceMode Namespaces { get; init; } = NamespaceMode.Strict;
}

/// <summary>Options of encoding: compact and namespace-qualified by default.</summary>
public sealed record EncodeOptions
{
    /// <summary>False writes no namespace declarations at all (as in the printed documentation).</summary>
    public bool Qualified { get; init; } = true;

    /// <summary>Pretty printing: each element on its own line, children indented by this string.</summary>
    public string? Indent { get; init; }

    /// <summary>Prefixes the enclosing document already declares ('' gives the default namespace in effect).</summary>
    public IReadOnlyDictionary<string, string>? Declarations { get; init; }

    /// <summary>Indentation level of the fragment's root inside an indented document.</summary>
    public int Depth { get; init; }
}

/// <summary>A global element or named type that can be decoded and encoded on its own, without its C# type.</summary>
public interface IXmlRoot
{
    /// <summary><c>element</c> or <c>type</c>.</summary>
    string Kind { get; }

    /// <summary>The schema id, <c>{namespace}local</c>.</summary>
    string Id { get; }

    /// <summary>The namespace of the element it is written as.</summary>
    string Namespace { get; }

    /// <summary>The local name of the element it is written as.</summary>
    string LocalName { get; }

    /// <summary>Decodes an element (for a global element its name is checked first; for a type only its content).</summary>
    object? DecodeObject(XmlElementNode element, DecodeOptions? options = null);

    /// <summary>Encodes a value (null is written as nil where that is allowed).</summary>
    string EncodeObject(object? value, EncodeOptions? options = null);
}

/// <summary>A typed root: <c>XmlRoots.KeyIDInfo.Decode(xml)</c>, <c>XmlRoots.KeyIDInfo.Encode(value)</c>.</summary>
public sealed class XmlRoot<T> : IXmlRoot, IStreamRoot
{
    private readonly TypeCodec _type;
    private readonly bool _nillable;
    private readonly bool _abstract;

    internal XmlRoot(string kind, string id, string ns, string localName, bool nillable, TypeCodec type, bool isAbstract = false)
    {
        _abstract = isAbstract;
        Kind = kind;
        Id = id;
        Namespace = ns;
        LocalName = localName;
        _nillable = nillable;
        _type = type;
    }

    /// <summary>The global element <paramref name="id"/> (<c>{ns}localName</c>) of type <paramref name="type"/>; <paramref name="nillable"/> allows <c>xsi:nil</c> on it.</summary>
    public static XmlRoot<T> Element(string id, string ns, string localName, bool nillable, TypeCodec type) => new("element", id, ns, localName, nillable, type);

    /// <summary>
    /// The global element <paramref name="id"/>, abstract when <paramref name="isAbstract"/>: a member of its substitution
    /// group must stand in its place, so the element itself is neither decoded nor written.
    /// </summary>
    public static XmlRoot<T> Element(string id, string ns, string localName, bool nillable, TypeCodec type, bool isAbstract) =>
        new("element", id, ns, localName, nillable, type, isAbstract);

    /// <summary>The named type <paramref name="id"/>, written as an element named <paramref name="localName"/> in <paramref name="ns"/>.</summary>
    public static XmlRoot<T> Type(string id, string ns, string localName, TypeCodec type) => new("type", id, ns, localName, true, type);

    /// <inheritdoc/>
    public string Kind { get; }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Namespace { get; }

    /// <inheritdoc/>
    public string LocalName { get; }

    /// <summary>The path root of errors: a complex type's schema name, else the element's name.</summary>
    private string RootName => _type.IsComplex || Kind == "type" ? _type.Name : LocalName;

    /// <summary>Parses XML text (DOCTYPE refused) and decodes its root element; strict unless the options say otherwise.</summary>
    public T Decode(string xml, DecodeOptions? options = null) => Decode(XmlElementNode.Parse(xml), options);

    /// <summary>Decodes a parsed element.</summary>
    public T Decode(XmlElementNode element, DecodeOptions? options = null) => (T)DecodeObject(element, options)!;

    /// <summary>Writes a value as XML text (no XML declaration).</summary>
    public string Encode(T value, EncodeOptions? options = null) => EncodeObject(value, options);

    /// <inheritdoc/>
    public object? DecodeObject(XmlElementNode element, DecodeOptions? options = null)
    {
        var ctx = new DecodeContext(options?.Namespaces != NamespaceMode.Ignore);
        try
        {
            if (Kind == "element")
            {
                if (element.LocalName != LocalName)
                {
                    throw new CodecFailure("unexpected-element", $"expected element <{LocalName}>, found <{Excerpt.Of(element.LocalName)}>", element);
                }
                if (ctx.Strict && element.NamespaceUri != Namespace)
                {
                    var found = element.NamespaceUri.Length == 0 ? "no namespace" : $"namespace \"{Excerpt.Of(element.NamespaceUri)}\"";
                    throw new CodecFailure("wrong-namespace", $"element <{Excerpt.Of(element.LocalName)}> is in {found}, expected namespace \"{Namespace}\"", element);
                }
                if (_abstract)
                {
                    throw new CodecFailure("unexpected-element", $"element <{LocalName}> is abstract: a member of its substitution group must stand in its place", element);
                }
                if (element.Attributes.Count != 0 && Codec.IsNil(element))
                {
                    if (!_nillable) throw new CodecFailure("nil-not-allowed", $"element <{LocalName}> is not nillable", element);
                    return null;
                }
            }
            return Codec.ForElement(element, _type, ctx).Decode(element, ctx);
        }
        catch (CodecFailure failure)
        {
            throw failure.ToDecodeException(RootName);
        }
    }

    /// <inheritdoc/>
    public string EncodeObject(object? value, EncodeOptions? options = null)
    {
        var opts = options ?? new EncodeOptions();
        var st = new EncodeState(opts);
        var parentDefault = opts.Declarations is { } d && d.TryGetValue("", out var def) ? def : "";
        try
        {
            string xml;
            if (_abstract) throw new CodecFailure("invalid-type", $"element <{LocalName}> is abstract: a member of its substitution group must stand in its place");
            if (value is null)
            {
                if (!_nillable) throw new CodecFailure("nil-not-allowed", $"element <{LocalName}> is not nillable; null is not allowed");
                xml = Codec.NilElement(LocalName, Namespace, st, parentDefault);
            }
            else xml = _type.Encode(value, LocalName, Namespace, st, parentDefault, opts.Depth);
            return Codec.DeclareXsi(xml, LocalName, st);
        }
        catch (CodecFailure failure)
        {
            throw failure.ToEncodeException(RootName);
        }
    }

    internal TypeCodec ValueCodec => _type;

    /// <summary>The fast path of <see cref="DecodeObject"/>: the same checks, from the reader (see <see cref="StreamReading"/>).</summary>
    object? IStreamRoot.Stream(StreamReading s, bool attributes)
    {
        var r = s.Reader;
        if (Kind == "element")
        {
            if (!r.LocalNameIs(LocalName) || (s.Strict && r.NamespaceURI != Namespace) || _abstract) throw StreamBail.Instance;
            if (attributes && s.IsNil())
            {
                if (!_nillable) throw StreamBail.Instance;
                s.Skip();
                return null;
            }
        }
        else if (attributes) s.IsNil();
        return _type.Stream(s);
    }
}
