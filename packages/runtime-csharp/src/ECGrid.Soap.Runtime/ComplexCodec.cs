namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;

/// <summary>One particle or attribute of a complex type, with the accessors of its property.</summary>
internal sealed class Member
{
    public required string Kind; // "element", "any" or "attribute"
    public required string Name;
    public string Ns = "";
    public int Min;
    public int Max;
    public bool Many;
    public bool Nillable;
    public bool Required;
    public TypeCodec? Type;
    /// <summary>The <c>default</c> and <c>fixed</c> lexical values: an empty element takes them, a fixed one is enforced.</summary>
    public string? Default;
    public string? Fixed;
    /// <summary>The property's value: a list for repeated particles; <see cref="Codec.Absent"/> or null (nil) for three-state ones.</summary>
    public required Func<object, object?> Get;
    public required Action<object, object?> Set;
    public Func<IList>? NewList;
    /// <summary>The members of the element's substitution group that may stand in its place (an element reference).</summary>
    public Substitute[]? Substitutes;
    /// <summary>The element is abstract: only its substitution group's members stand in its place.</summary>
    public bool Abstract;
    /// <summary>The same element declared again in the content model (<c>a, b, a</c>): decoded into the first one's property, written only there.</summary>
    public bool Twin;
    /// <summary>A nested sequence's particles (on the owner when not repeated, on each item when repeated).</summary>
    public List<Member>? Content;
    /// <summary>A repeated sequence's item class.</summary>
    public IGroup? Item;
    /// <summary>A choice's options (filled once every codec is defined).</summary>
    public IChoice? Choice;
    /// <summary>Reads a single simple element's value from the reader and sets it, typed (no boxing), when its type has such a reader.</summary>
    public Action<object, StreamReading>? StreamValue;
    /// <summary>
    /// The string last found equal to <see cref="Ns"/> in a document, compared by reference before by value (the scanner
    /// gives the same string for every element in a declaration's scope); only ever a string equal to it.
    /// </summary>
    public string? NsAtom;

    /// <summary>A choice's options, in try order (options starting with a wildcard last).</summary>
    public IReadOnlyList<IGroup>? Options => Choice?.Options;
    private bool? _innerEmptiable;

    /// <summary>The particle may match nothing.</summary>
    public bool Emptiable => Min == 0 || InnerEmptiable;

    /// <summary>A group whose content may match nothing: a sequence of emptiable particles, a choice with an emptiable option.</summary>
    public bool InnerEmptiable => _innerEmptiable ??= Kind switch
    {
        "sequence" => Content!.TrueForAll(c => c.Emptiable),
        "choice" => Options!.Any(o => o.Content.TrueForAll(c => c.Emptiable)),
        _ => false,
    };
}

/// <summary>
/// A member of a substitution group: a global element that may stand where its head is referenced. A value of
/// <paramref name="Class"/> (the member type's generated class, null for other types) is written as this element.
/// </summary>
/// <param name="Name">The member element's name.</param>
/// <param name="Ns">Its namespace.</param>
/// <param name="Type">Its type's codec.</param>
/// <param name="Nillable">Whether it may be nil.</param>
/// <param name="Class">The C# class its values have, when its type is a generated class.</param>
public sealed record Substitute(string Name, string Ns, TypeCodec Type, bool Nillable, Type? Class);

/// <summary>The options of a choice, in the order decoding tries them.</summary>
internal interface IChoice
{
    IReadOnlyList<IGroup> Options { get; }
}

/// <summary>The class of a repeated sequence's items or of a choice's option: how to make one and its particles.</summary>
internal interface IGroup
{
    string Name { get; }

    Type Class { get; }

    List<Member> Content { get; }

    object Create();
}

/// <summary>A complex type with simple content, for the default and fixed values of the elements of that type.</summary>
internal interface ITextContent
{
    /// <summary>The type of the text (null without simple content).</summary>
    SimpleCodec? TextType { get; }

    /// <summary>The text type of a value's own class (a derived type's), null without simple content.</summary>
    SimpleCodec? TextTypeOf(object value);

    /// <summary>Decodes the element (the type <c>xsi:type</c> named), its text replaced by <paramref name="lexical"/> when given (an empty element's default).</summary>
    object? DecodeText(XmlElementNode node, DecodeContext ctx, string? lexical);

    /// <summary>The text value of a value (null when it has none).</summary>
    object? TextOf(object value);
}

/// <summary>A complex type's encoder called by the type it derives from, for a value of its class.</summary>
internal interface IEncodesDerived
{
    string EncodeAs(object value, string local, string ns, EncodeState st, string parentDefault, int depth, string xsiType);
}

/// <summary>Walks a value of a complex type without knowing its C# type (for secrets).</summary>
internal interface IComplexCodec
{
    IEnumerable<(string Name, object? Value, TypeCodec? Type)> Values(object value);
}

/// <summary>
/// A complex type: decodes child elements matched against the particles in schema order, strictly
/// (unknown, misplaced or surplus elements and stray text fail with the path), and encodes values
/// with default-namespace switching exactly as the TypeScript runtime does.
/// </summary>
/// <typeparam name="T">The generated model class.</typeparam>
public sealed partial class ComplexCodec<T> : TypeCodec, IComplexCodec, IDerivable, IEncodesDerived, ITextContent, IGroup
    where T : class
{
    private readonly string? _id;
    private readonly Func<T>? _create;
    private readonly List<Member> _particles = new();
    private readonly List<Member> _attributes = new();
    private readonly List<Derivation> _derived = new();
    private Member? _text;
    private Func<T, Dictionary<string, string>>? _getKept;
    private Action<T, Dictionary<string, string>>? _setKept;
    private bool? _general;

    /// <summary>A type derived from this one: its schema id, its codec and its C# class.</summary>
    private sealed record Derivation(string Id, TypeCodec Codec, Type Class);

    /// <summary>An empty complex type named <paramref name="name"/> in the schema; <paramref name="create"/> makes the value the decoder fills. The builder methods add its particles and attributes in schema order.</summary>
    public ComplexCodec(string name, Func<T> create) : base(name) => _create = create;

    /// <summary>
    /// A complex type with its schema id (<c>{ns}local</c>), which <c>xsi:type</c> names; <paramref name="create"/> is
    /// null for an abstract type (an element of it must carry an <c>xsi:type</c> naming a concrete derived type).
    /// </summary>
    public ComplexCodec(string id, string name, Func<T>? create) : base(name)
    {
        _id = id;
        _create = create;
    }

    /// <summary>Registers a type derived from this one (directly or not), decoded for an <c>xsi:type</c> naming <paramref name="id"/> and written with one for a value of class <typeparamref name="TDerived"/>.</summary>
    public void Derived<TDerived>(string id, ComplexCodec<TDerived> codec)
        where TDerived : class, T =>
        _derived.Add(new Derivation(id, codec, typeof(TDerived)));

    TypeCodec? IDerivable.XsiTarget(string ns, string local, bool strict)
    {
        if (Names(_id, Name, ns, local, strict)) return this;
        foreach (var d in _derived)
        {
            if (Names(d.Id, null, ns, local, strict)) return d.Codec;
        }
        return null;
    }

    /// <summary>Whether <paramref name="ns"/>:<paramref name="local"/> names the type <paramref name="id"/> (a codec without an id: by its name only).</summary>
    private static bool Names(string? id, string? name, string ns, string local, bool strict)
    {
        if (id is null) return local == name;
        var close = id.StartsWith('{') ? id.IndexOf('}') : -1;
        var idLocal = close < 0 ? id : id.Substring(close + 1);
        if (idLocal != local) return false;
        if (!strict) return true;
        return close < 0 ? ns.Length == 0 : string.CompareOrdinal(id, 1, ns, 0, close - 1) == 0 && ns.Length == close - 1;
    }

    internal override bool IsComplex => true;

    internal override IList NewList() => new List<T?>();

    // -----------------------------------------------------------------------------------------
    // Building (from the generated XmlCodec.cs)

    /// <summary>A single element; for a nillable one null is nil, otherwise null is absent.</summary>
    public void Element<TValue>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, TValue> get, Action<T, TValue> set, string? defaultValue = null, string? fixedValue = null, bool twin = false) =>
        AddElement(name, ns, type, min, max, nillable, defaultValue, fixedValue, twin, x => get((T)x), (x, v) => set((T)x, (TValue)v!), streamValue: (type as SimpleCodec)?.StreamSetter(set));

    /// <summary>An optional nillable element: null is absent, <see cref="Nillable{TValue}.Nil"/> is nil.</summary>
    public void NillableElement<TValue>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, Nillable<TValue>?> get, Action<T, Nillable<TValue>?> set, string? defaultValue = null, string? fixedValue = null, bool twin = false)
        where TValue : notnull =>
        AddElement(
            name,
            ns,
            type,
            min,
            max,
            nillable,
            defaultValue,
            fixedValue,
            twin,
            x => get((T)x) is { } n ? (n.HasValue ? n.Value : null) : Codec.Absent,
            (x, v) => set((T)x, v is null ? Nillable<TValue>.Nil : new Nillable<TValue>((TValue)v)));

    /// <summary>A repeated element: a list, empty when absent; nil items are null.</summary>
    public void Elements<TItem>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, List<TItem>> get, Action<T, List<TItem>> set, string? defaultValue = null, string? fixedValue = null, bool twin = false) =>
        AddElement(name, ns, type, min, max, nillable, defaultValue, fixedValue, twin, x => get((T)x), (x, v) => set((T)x, (List<TItem>)v!), () => new List<TItem>());

    /// <summary>An element particle with its property's accessors; a repeated one has <paramref name="newList"/>.</summary>
    private void AddElement(string name, string ns, TypeCodec type, int min, int max, bool nillable, string? defaultValue, string? fixedValue, bool twin, Func<object, object?> get, Action<object, object?> set, Func<IList>? newList = null, Action<object, StreamReading>? streamValue = null) =>
        _particles.Add(new Member
        {
            Kind = "element",
            Name = name,
            Ns = ns,
            Type = type,
            Min = min,
            Max = max,
            Many = newList is not null,
            Nillable = nillable,
            Default = defaultValue,
            Fixed = fixedValue,
            Twin = twin,
            Get = get,
            Set = set,
            NewList = newList,
            StreamValue = streamValue,
        });

    /// <summary>
    /// The element particle <paramref name="name"/> (added before) refers to the head of a substitution group: its
    /// <paramref name="members"/> may stand in its place, and only they when the head is abstract.
    /// </summary>
    public void SubstitutionGroup(string name, bool isAbstract, params Substitute[] members)
    {
        for (var i = _particles.Count - 1; i >= 0; i--)
        {
            if (_particles[i].Kind != "element" || _particles[i].Name != name) continue;
            _particles[i].Substitutes = members;
            _particles[i].Abstract = isAbstract;
            return;
        }
        throw new ArgumentException($"{Name} has no element particle {name}", nameof(name));
    }

    /// <summary>simpleContent: the element's text is a value of <paramref name="type"/>, kept in one property.</summary>
    public void Text<TValue>(TypeCodec type, Func<T, TValue> get, Action<T, TValue> set) =>
        _text = new Member { Kind = "text", Name = "$value", Type = type, Min = 1, Max = 1, Get = x => get((T)x), Set = (x, v) => set((T)x, (TValue)v!) };

    /// <summary><c>xs:anyAttribute</c>: the attributes the type does not declare (<c>xsi:</c> ones aside), by Clark name, in document order.</summary>
    public void AnyAttributes(Func<T, Dictionary<string, string>> get, Action<T, Dictionary<string, string>> set)
    {
        _getKept = get;
        _setKept = set;
    }

    /// <summary><c>xs:any</c> taking one element.</summary>
    public void Any(string name, int min, int max, Func<T, XmlElementNode?> get, Action<T, XmlElementNode> set) =>
        _particles.Add(new Member { Kind = "any", Name = name, Min = min, Max = max, Get = x => get((T)x), Set = (x, v) => set((T)x, (XmlElementNode)v!) });

    /// <summary><c>xs:any</c> taking several elements.</summary>
    public void AnyList(string name, int min, int max, Func<T, List<XmlElementNode>> get, Action<T, List<XmlElementNode>> set) =>
        _particles.Add(new Member
        {
            Kind = "any",
            Name = name,
            Min = min,
            Max = max,
            Many = true,
            Get = x => get((T)x),
            Set = (x, v) => set((T)x, (List<XmlElementNode>)v!),
            NewList = () => new List<XmlElementNode>(),
        });

    /// <summary>An attribute of a simple type; null is absent.</summary>
    public void Attribute<TValue>(string name, string ns, TypeCodec type, bool required, Func<T, TValue> get, Action<T, TValue> set, string? defaultValue = null, string? fixedValue = null) =>
        _attributes.Add(new Member
        {
            Kind = "attribute",
            Name = name,
            Ns = ns,
            Type = type,
            Required = required,
            Default = defaultValue,
            Fixed = fixedValue,
            Get = x => get((T)x),
            Set = (x, v) => set((T)x, (TValue)v!),
        });

    IEnumerable<(string Name, object? Value, TypeCodec? Type)> IComplexCodec.Values(object value)
    {
        if (value is not T typed) yield break;
        if (value.GetType() != typeof(T))
        {
            foreach (var d in _derived)
            {
                if (d.Class != value.GetType()) continue;
                foreach (var item in ((IComplexCodec)d.Codec).Values(value)) yield return item;
                yield break;
            }
        }
        if (_text is { } text) yield return (text.Name, text.Get(typed), text.Type);
        foreach (var member in _particles)
        {
            foreach (var v in ValuesOf(member, typed)) yield return v;
        }
        foreach (var member in _attributes) yield return (member.Name, member.Get(typed), member.Type);
    }

    // -----------------------------------------------------------------------------------------
    // Decoding

    private static bool MatchesElement(Member p, XmlElementNode child, DecodeContext ctx) =>
        p.Substitutes is null ? child.LocalName == p.Name && (!ctx.Strict || child.NamespaceUri == p.Ns) : MemberOf(p, child, ctx) is not null || (!p.Abstract && child.LocalName == p.Name && (!ctx.Strict || child.NamespaceUri == p.Ns));

    /// <summary>The substitution group member <paramref name="child"/> is, or null (the head itself, or no member).</summary>
    private static Substitute? MemberOf(Member p, XmlElementNode child, DecodeContext ctx)
    {
        if (p.Substitutes is null) return null;
        if (!p.Abstract && child.LocalName == p.Name && (!ctx.Strict || child.NamespaceUri == p.Ns)) return null;
        foreach (var m in p.Substitutes)
        {
            if (child.LocalName == m.Name && (!ctx.Strict || child.NamespaceUri == m.Ns)) return m;
        }
        return null;
    }

    /// <summary>Whether particle <paramref name="i"/> takes <paramref name="child"/>; a wildcard leaves elements that a later particle takes.</summary>
    private bool MatchesAt(int i, XmlElementNode child, DecodeContext ctx)
    {
        var p = _particles[i];
        if (p.Kind == "element") return MatchesElement(p, child, ctx);
        for (var j = i + 1; j < _particles.Count; j++)
        {
            var later = _particles[j];
            if (later.Kind == "element" && MatchesElement(later, child, ctx)) return false;
        }
        return true;
    }

    private static string DescribeCount(int min, string name) =>
        min == 1 ? $"missing required element <{name}>" : $"expected at least {min} <{name}> elements";

    private static void Prefix(CodecFailure failure, string segment) => failure.Segments.Add(segment);

    SimpleCodec? ITextContent.TextType => _text?.Type as SimpleCodec;

    SimpleCodec? ITextContent.TextTypeOf(object value)
    {
        if (value.GetType() == typeof(T)) return _text?.Type as SimpleCodec;
        foreach (var d in _derived)
        {
            if (d.Class == value.GetType()) return ((ITextContent)d.Codec).TextType;
        }
        return null;
    }

    object? ITextContent.DecodeText(XmlElementNode node, DecodeContext ctx, string? lexical) => DecodeWith(node, ctx, lexical);

    object? ITextContent.TextOf(object value) => _text is { } text && value is T typed ? text.Get(typed) : null;

    internal override object? Decode(XmlElementNode node, DecodeContext ctx) => DecodeWith(node, ctx, null);

    private T DecodeWith(XmlElementNode node, DecodeContext ctx, string? lexical)
    {
        if (_create is null) throw new CodecFailure("invalid-type", $"type {Name} is abstract: the element needs an xsi:type naming a concrete derived type", node);
        var output = _create();
        if (_text is { } textMember)
        {
            try
            {
                textMember.Set(output, ((SimpleCodec)textMember.Type!).ParseValue(lexical ?? Codec.TextContent(node), node));
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, ".$value");
                throw;
            }
            if (_attributes.Count > 0) DecodeAttributes(node, ctx, output);
            if (_setKept is not null) KeepAttributes(node, ctx, output);
            return output;
        }
        if (_attributes.Count > 0) DecodeAttributes(node, ctx, output);
        if (_setKept is not null) KeepAttributes(node, ctx, output);
        if (_general ??= General)
        {
            DecodeGeneral(node, ctx, output);
            return output;
        }
        var n = _particles.Count;
        var pi = 0;
        var count = 0;
        IList? list = null;

        void Leave(XmlTreeNode at)
        {
            var p = _particles[pi];
            if (count < p.Min) throw new CodecFailure("missing-element", DescribeCount(p.Min, p.Name), at, "." + p.Name);
            if (count == 0 && p.Many) p.Set(output, p.NewList!());
            pi++;
            count = 0;
            list = null;
        }

        foreach (var childNode in node.Children)
        {
            if (childNode is not XmlElementNode child)
            {
                if (childNode is XmlTextNode text && !XmlTreeWriter.IsWhitespace(text.Text))
                {
                    throw new CodecFailure("unexpected-text", "text is not allowed here (element-only content)", text);
                }
                continue;
            }
            if (pi >= n || (_particles[pi].Max != -1 && count >= _particles[pi].Max) || !MatchesAt(pi, child, ctx))
            {
                var j = pi + 1;
                while (j < n && !MatchesAt(j, child, ctx)) j++;
                if (j >= n) RejectChild(pi, count, child, ctx);
                while (pi < j) Leave(child);
            }
            var particle = _particles[pi];
            object? value;
            if (particle.Kind == "any") value = child;
            else
            {
                try
                {
                    value = DecodeChild(particle, child, ctx);
                }
                catch (CodecFailure failure)
                {
                    Prefix(failure, particle.Many ? $".{particle.Name}[{count}]" : $".{particle.Name}");
                    throw;
                }
            }
            Store(particle, output, ref list, value);
            count++;
        }
        while (pi < n) Leave(node);
        return output;
    }

    private bool? _streams;

    /// <summary>Whether <see cref="Stream"/> covers the type: a concrete plain sequence of elements, no text, no attribute it must find.</summary>
    private bool Streams
    {
        get
        {
            if (_create is null || _text is not null || _setKept is not null || (_general ??= General)) return false;
            foreach (var a in _attributes)
            {
                if (a.Required) return false;
            }
            foreach (var p in _particles)
            {
                if (p.Kind != "element" || p.Substitutes is not null || p.Default is not null || p.Fixed is not null) return false;
            }
            return true;
        }
    }

    /// <summary>The fast path of <see cref="DecodeWith"/> for a plain sequence (see <see cref="StreamReading"/>): the same matching, from the reader.</summary>
    internal override object? Stream(StreamReading s)
    {
        if (!(_streams ??= Streams)) throw StreamBail.Instance;
        var output = _create!();
        var r = s.Reader;
        var particles = _particles;
        var strict = s.Strict;
        var n = particles.Count;
        var pi = 0;
        var count = 0;
        IList? list = null;
        if (!r.IsEmptyElement)
        {
            while (true)
            {
                if (!r.Read()) throw StreamBail.Instance;
                var type = r.NodeType;
                if (type == XmlNodeType.EndElement) break;
                if (type != XmlNodeType.Element)
                {
                    s.BetweenElements();
                    continue;
                }
                var attributes = r.AttributeCount > 0;
                if (pi >= n || (particles[pi].Max != -1 && count >= particles[pi].Max) || !StreamMatches(particles[pi], r, strict))
                {
                    var j = pi + 1;
                    while (j < n && !StreamMatches(particles[j], r, strict)) j++;
                    if (j >= n) throw StreamBail.Instance;
                    while (pi < j)
                    {
                        StreamLeave(particles[pi], count, output);
                        pi++;
                        count = 0;
                        list = null;
                    }
                }
                var particle = particles[pi];
                object? value;
                if (attributes && s.IsNil())
                {
                    if (!particle.Nillable) throw StreamBail.Instance;
                    s.Skip();
                    value = null;
                }
                else if (particle.StreamValue is { } read)
                {
                    read(output, s);
                    count++;
                    continue;
                }
                else value = particle.Type!.Stream(s);
                Store(particle, output, ref list, value);
                count++;
            }
        }
        while (pi < n)
        {
            StreamLeave(particles[pi], count, output);
            pi++;
            count = 0;
        }
        return output;
    }

    private static bool StreamMatches(Member p, XmlScanner r, bool strict)
    {
        if (!r.LocalNameIs(p.Name)) return false;
        if (!strict) return true;
        // A declaration's namespace is one string in its scope: the one last found equal is compared by reference first.
        var ns = r.NamespaceURI;
        if (!ReferenceEquals(ns, p.NsAtom))
        {
            if (ns != p.Ns) return false;
            p.NsAtom = ns;
        }
        return true;
    }

    /// <summary>
    /// Stores a decoded occurrence of <paramref name="particle"/> in <paramref name="output"/>: a repeated particle's into
    /// its <paramref name="list"/> (made and set on its first occurrence), a single one's as the property's value.
    /// </summary>
    private static void Store(Member particle, T output, ref IList? list, object? value)
    {
        if (!particle.Many)
        {
            particle.Set(output, value);
            return;
        }
        if (list is null)
        {
            list = particle.NewList!();
            particle.Set(output, list);
        }
        list.Add(value);
    }

    private static void StreamLeave(Member p, int count, T output)
    {
        if (count < p.Min) throw StreamBail.Instance;
        if (count == 0 && p.Many) p.Set(output, p.NewList!());
    }

    private void KeepAttributes(XmlElementNode node, DecodeContext ctx, T output)
    {
        var kept = new Dictionary<string, string>();
        foreach (var x in node.Attributes)
        {
            if (x.NamespaceUri == Codec.XsiNamespace) continue;
            var declared = false;
            foreach (var a in _attributes)
            {
                if (x.LocalName == a.Name && (!ctx.Strict || x.NamespaceUri == a.Ns))
                {
                    declared = true;
                    break;
                }
            }
            if (!declared) kept[x.NamespaceUri.Length == 0 ? x.LocalName : "{" + x.NamespaceUri + "}" + x.LocalName] = x.Value;
        }
        _setKept!(output, kept);
    }

    private string EncodeKeptAttributes(T value, EncodeState st, Declared declared)
    {
        var kept = _getKept!(value);
        if (kept is null) return "";
        var sb = new StringBuilder();
        foreach (var (key, v) in kept)
        {
            var segment = $".$attributes[{Codec.Quote(key)}]";
            string ns = "", local = key;
            var clark = key.StartsWith('{') ? key.IndexOf('}') : -1;
            if (clark > 0)
            {
                ns = key.Substring(1, clark - 1);
                local = key.Substring(clark + 1);
            }
            if (!XsdLexical.IsNcName(local) || (key.StartsWith('{') && ns.Length == 0))
            {
                throw new CodecFailure("invalid-value", Codec.Quote(key) + " is not an attribute name ({namespace}local or local)", null, segment);
            }
            if (ns == Codec.XsiNamespace || ns == "http://www.w3.org/2000/xmlns/" || (ns.Length == 0 && local == "xmlns"))
            {
                throw new CodecFailure("invalid-value", $"{Codec.Quote(key)} cannot be written as a kept attribute", null, segment);
            }
            foreach (var a in _attributes)
            {
                if (a.Name == local && a.Ns == ns) throw new CodecFailure("invalid-value", $"{Codec.Quote(key)} is a declared attribute: set its property instead", null, segment);
            }
            if (v is null) throw new CodecFailure("invalid-type", "expected a string", null, segment);
            sb.Append(' ').Append(ns.Length == 0 ? local : $"{Codec.PrefixFor(st, ns, declared)}:{local}").Append("=\"").Append(XmlTreeWriter.EscapeAttribute(v)).Append('"');
        }
        return sb.ToString();
    }

    private void DecodeAttributes(XmlElementNode node, DecodeContext ctx, T output)
    {
        foreach (var a in _attributes)
        {
            XmlAttributeNode? found = null;
            foreach (var x in node.Attributes)
            {
                if (x.LocalName == a.Name && (!ctx.Strict || x.NamespaceUri == a.Ns))
                {
                    found = x;
                    break;
                }
            }
            if (found is null)
            {
                if (a.Required) throw new CodecFailure("missing-attribute", $"missing required attribute \"{a.Name}\"", node, "." + a.Name);
                continue;
            }
            try
            {
                var type = (SimpleCodec)a.Type!;
                var value = type.ParseValue(found.Value, node);
                if (a.Fixed is not null && FixedMismatch(a.Fixed, type, value))
                {
                    throw new CodecFailure("invalid-value", $"attribute \"{a.Name}\" must have the fixed value {Codec.Quote(a.Fixed)}", node);
                }
                a.Set(output, value);
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, "." + a.Name);
                throw;
            }
        }
    }

    /// <summary>One occurrence of an element particle (not nil): its type or the one <c>xsi:type</c> names, with its default or fixed value.</summary>
    private static object? DecodeOccurrence(Member p, XmlElementNode child, DecodeContext ctx)
    {
        if (MemberOf(p, child, ctx) is { } member) return Codec.ForElement(child, member.Type, ctx).Decode(child, ctx);
        var type = Codec.ForElement(child, p.Type!, ctx);
        if (p.Default is null && p.Fixed is null) return type.Decode(child, ctx);
        var empty = Codec.IsEmptyElement(child);
        if (type is SimpleCodec simple)
        {
            var value = empty ? simple.ParseValue((p.Default ?? p.Fixed)!, child) : simple.Decode(child, ctx);
            if (p.Fixed is not null && FixedMismatch(p.Fixed, simple, value!)) throw FixedFailure(p, child);
            return value;
        }
        if (type is ITextContent { TextType: { } text } content)
        {
            var value = content.DecodeText(child, ctx, empty ? p.Default ?? p.Fixed : null);
            if (p.Fixed is not null && content.TextOf(value!) is { } v && FixedMismatch(p.Fixed, text, v)) throw FixedFailure(p, child);
            return value;
        }
        return type.Decode(child, ctx);
    }

    private static bool FixedMismatch(string fixedValue, SimpleCodec type, object value) =>
        type.Canonical(value) != type.Canonical(type.ParseValue(fixedValue, null));

    private static CodecFailure FixedFailure(Member p, XmlTreeNode? at) =>
        new("invalid-value", $"element <{p.Name}> must have the fixed value {Codec.Quote(p.Fixed!)}", at);

    /// <summary>Explains why no particle at or after <paramref name="pi"/> takes <paramref name="child"/>.</summary>
    private void RejectChild(int pi, int count, XmlElementNode child, DecodeContext ctx)
    {
        if (pi < _particles.Count && MatchesAt(pi, child, ctx))
        {
            var current = _particles[pi];
            throw new CodecFailure("too-many-elements", $"at most {current.Max} <{Excerpt.Of(child.LocalName)}> element(s) allowed", child, "." + current.Name);
        }
        var segment = "." + Excerpt.Of(child.LocalName);
        if (ctx.Strict)
        {
            foreach (var p in _particles)
            {
                if (p.Kind == "element" && p.Name == child.LocalName && p.Ns != child.NamespaceUri)
                {
                    var found = child.NamespaceUri.Length == 0 ? "no namespace" : $"namespace \"{Excerpt.Of(child.NamespaceUri)}\"";
                    var wanted = p.Ns.Length == 0 ? "no namespace" : $"namespace \"{p.Ns}\"";
                    throw new CodecFailure("wrong-namespace", $"element <{Excerpt.Of(child.LocalName)}> is in {found}, expected {wanted}", child, segment);
                }
            }
        }
        for (var j = 0; j < pi; j++)
        {
            if (MatchesAt(j, child, ctx)) throw new CodecFailure("unexpected-element", $"element <{Excerpt.Of(child.LocalName)}> is out of schema order", child, segment);
        }
        var expected = new List<string>();
        for (var j = pi; j < _particles.Count; j++)
        {
            var p = _particles[j];
            if (j == pi && p.Max != -1 && count >= p.Max) continue;
            expected.Add(p.Kind == "any" ? "any element" : $"<{p.Name}>");
            if (p.Min > (j == pi ? count : 0)) break;
        }
        var hint = expected.Count == 0 ? "no more elements expected" : $"expected {string.Join(" or ", expected)}";
        throw new CodecFailure("unexpected-element", $"unexpected element <{Excerpt.Of(child.LocalName)}> ({hint})", child, segment);
    }

    // -----------------------------------------------------------------------------------------
    // Encoding

    private string EncodeAttributes(T value, EncodeState st, Declared declared)
    {
        var sb = new StringBuilder();
        foreach (var a in _attributes)
        {
            var v = a.Get(value);
            if (v is null)
            {
                if (a.Required) throw new CodecFailure("missing-attribute", $"missing required attribute \"{a.Name}\"", null, "." + a.Name);
                continue;
            }
            string text;
            try
            {
                var type = (SimpleCodec)a.Type!;
                text = type.FormatValue(v);
                if (a.Fixed is not null && FixedMismatch(a.Fixed, type, v))
                {
                    throw new CodecFailure("invalid-value", $"attribute \"{a.Name}\" must have the fixed value {Codec.Quote(a.Fixed)}");
                }
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, "." + a.Name);
                throw;
            }
            if (a.Ns.Length == 0)
            {
                sb.Append(' ').Append(a.Name).Append("=\"").Append(XmlTreeWriter.EscapeAttribute(text)).Append('"');
                continue;
            }
            sb.Append(' ').Append(Codec.PrefixFor(st, a.Ns, declared)).Append(':').Append(a.Name).Append("=\"").Append(XmlTreeWriter.EscapeAttribute(text)).Append('"');
        }
        return sb.ToString();
    }

    private static string EncodeOccurrence(Member p, object? v, EncodeState st, string def, int depth)
    {
        if (p.Substitutes is not null && v is not null)
        {
            // A value of a member's class is written as that member; under an abstract head, as a member its class derives from.
            foreach (var m in p.Substitutes)
            {
                if (m.Class == v.GetType()) return m.Type.Encode(v, m.Name, m.Ns, st, def, depth);
            }
            if (p.Abstract)
            {
                foreach (var m in p.Substitutes)
                {
                    if (m.Class is not null && m.Class.IsInstanceOfType(v)) return m.Type.Encode(v, m.Name, m.Ns, st, def, depth);
                }
                throw new CodecFailure("invalid-type", $"element <{p.Name}> is abstract: the value must be of a member of its substitution group");
            }
        }
        if (v is null)
        {
            if (!p.Nillable) throw new CodecFailure("nil-not-allowed", $"element <{p.Name}> is not nillable; null is not allowed");
            return Codec.NilElement(p.Name, p.Ns, st, def);
        }
        if (p.Fixed is not null)
        {
            if (p.Type is SimpleCodec simple && FixedMismatch(p.Fixed, simple, v)) throw FixedFailure(p, null);
            if (p.Type is ITextContent content && content.TextTypeOf(v) is { } text && content.TextOf(v) is { } t && FixedMismatch(p.Fixed, text, t))
            {
                throw new CodecFailure("invalid-value", $"element <{p.Name}> must have the fixed value {Codec.Quote(p.Fixed)}", null, ".$value");
            }
        }
        return p.Type!.Encode(v, p.Name, p.Ns, st, def, depth);
    }

    private static void CheckCount(Member p, int length)
    {
        if (length < p.Min) throw new CodecFailure("missing-element", $"expected at least {p.Min} <{p.Name}> element(s), got {length}");
        if (p.Max != -1 && length > p.Max) throw new CodecFailure("too-many-elements", $"at most {p.Max} <{p.Name}> element(s) allowed, got {length}");
    }

    internal override string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth)
    {
        if (value is not T typed) throw new CodecFailure("invalid-type", $"expected a {typeof(T).Name}");
        if (value.GetType() != typeof(T))
        {
            // A value of a derived class: written by its type's codec, with xsi:type naming that type.
            foreach (var d in _derived)
            {
                if (d.Class == value.GetType()) return ((IEncodesDerived)d.Codec).EncodeAs(value, local, ns, st, parentDefault, depth, d.Id);
            }
            throw new CodecFailure("invalid-type", $"{value.GetType().Name} is not {Name} or a type derived from it that the schema declares");
        }
        return EncodeAs(typed, local, ns, st, parentDefault, depth, null);
    }

    string IEncodesDerived.EncodeAs(object value, string local, string ns, EncodeState st, string parentDefault, int depth, string xsiType) =>
        EncodeAs((T)value, local, ns, st, parentDefault, depth, xsiType);

    private string EncodeAs(T typed, string local, string ns, EncodeState st, string parentDefault, int depth, string? xsiType)
    {
        var def = Codec.DefaultInside(ns, st, parentDefault);
        Declared? declared = null;
        var attributes = "";
        if (xsiType is not null)
        {
            declared = new Declared();
            st.XsiUsed = true;
            attributes = $" {st.XsiPrefix}:type=\"{Codec.QNameOf(xsiType, st, declared, def)}\"";
        }
        if (_attributes.Count != 0) attributes += EncodeAttributes(typed, st, declared ??= new Declared());
        if (_getKept is not null) attributes += EncodeKeptAttributes(typed, st, declared ??= new Declared());
        var head = Codec.OpenTag(local, ns, st, parentDefault) + declared?.Text + attributes;
        if (_text is { } text)
        {
            var v = text.Get(typed) ?? throw new CodecFailure("missing-element", "missing the text value ($value)", null, ".$value");
            string lexical;
            try
            {
                lexical = ((SimpleCodec)text.Type!).FormatValue(v);
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, ".$value");
                throw;
            }
            return lexical.Length == 0 ? head + "/>" : $"{head}>{XmlTreeWriter.EscapeText(lexical)}</{local}>";
        }
        var saved = st.EnterScope(declared);
        string body;
        if (_mixed)
        {
            var parts = new List<string>();
            var none = new StringBuilder();
            foreach (var p in _particles) EncodeParticle(p, typed, st, def, depth, "", none, parts);
            body = Interleave(typed, parts);
        }
        else body = EncodeContent(typed, st, def, depth).ToString();
        st.Scope = saved;
        if (body.Length == 0) return head + "/>";
        return $"{head}>{body}{(st.Pretty && !_mixed ? st.Line(depth) : "")}</{local}>";
    }

    private StringBuilder EncodeContent(T typed, EncodeState st, string def, int depth)
    {
        var line = st.Pretty ? st.Line(depth + 1) : "";
        var body = new StringBuilder();
        foreach (var p in _particles) EncodeParticle(p, typed, st, def, depth, line, body, null);
        return body;
    }

    private static string WriteKept(object? item, EncodeState st, string def) =>
        item is XmlElementNode element ? AnyTypeCodec.WriteKept(element, st, def) : throw new CodecFailure("invalid-type", "expected an XmlElementNode");
}
