namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

/// <summary>One particle or attribute of a complex type, with the accessors of its property.</summary>
internal sealed class Member<T>
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
    /// <summary>The property's value: a list for repeated particles; <see cref="Codec.Absent"/> or null (nil) for three-state ones.</summary>
    public required Func<T, object?> Get;
    public required Action<T, object?> Set;
    public Func<IList>? NewList;
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
public sealed class ComplexCodec<T> : TypeCodec, IComplexCodec
    where T : class
{
    private readonly Func<T> _create;
    private readonly List<Member<T>> _particles = new();
    private readonly List<Member<T>> _attributes = new();

    /// <summary>An empty complex type named <paramref name="name"/> in the schema; <paramref name="create"/> makes the value the decoder fills. The builder methods add its particles and attributes in schema order.</summary>
    public ComplexCodec(string name, Func<T> create) : base(name) => _create = create;

    internal override bool IsComplex => true;

    internal override IList NewList() => new List<T?>();

    // -----------------------------------------------------------------------------------------
    // Building (from the generated XmlCodec.cs)

    /// <summary>A single element; for a nillable one null is nil, otherwise null is absent.</summary>
    public void Element<TValue>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, TValue> get, Action<T, TValue> set) =>
        _particles.Add(new Member<T> { Kind = "element", Name = name, Ns = ns, Type = type, Min = min, Max = max, Nillable = nillable, Get = x => get(x), Set = (x, v) => set(x, (TValue)v!) });

    /// <summary>An optional nillable element: null is absent, <see cref="Nillable{TValue}.Nil"/> is nil.</summary>
    public void NillableElement<TValue>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, Nillable<TValue>?> get, Action<T, Nillable<TValue>?> set)
        where TValue : notnull =>
        _particles.Add(new Member<T>
        {
            Kind = "element", Name = name, Ns = ns, Type = type, Min = min, Max = max, Nillable = nillable,
            Get = x => get(x) is { } n ? (n.HasValue ? n.Value : null) : Codec.Absent,
            Set = (x, v) => set(x, v is null ? Nillable<TValue>.Nil : new Nillable<TValue>((TValue)v)),
        });

    /// <summary>A repeated element: a list, empty when absent; nil items are null.</summary>
    public void Elements<TItem>(string name, string ns, TypeCodec type, int min, int max, bool nillable, Func<T, List<TItem>> get, Action<T, List<TItem>> set) =>
        _particles.Add(new Member<T>
        {
            Kind = "element", Name = name, Ns = ns, Type = type, Min = min, Max = max, Many = true, Nillable = nillable,
            Get = x => get(x), Set = (x, v) => set(x, (List<TItem>)v!), NewList = () => new List<TItem>(),
        });

    /// <summary><c>xs:any</c> taking one element.</summary>
    public void Any(string name, int min, int max, Func<T, XmlElementNode?> get, Action<T, XmlElementNode> set) =>
        _particles.Add(new Member<T> { Kind = "any", Name = name, Min = min, Max = max, Get = x => get(x), Set = (x, v) => set(x, (XmlElementNode)v!) });

    /// <summary><c>xs:any</c> taking several elements.</summary>
    public void AnyList(string name, int min, int max, Func<T, List<XmlElementNode>> get, Action<T, List<XmlElementNode>> set) =>
        _particles.Add(new Member<T>
        {
            Kind = "any", Name = name, Min = min, Max = max, Many = true,
            Get = x => get(x), Set = (x, v) => set(x, (List<XmlElementNode>)v!), NewList = () => new List<XmlElementNode>(),
        });

    /// <summary>An attribute of a simple type; null is absent.</summary>
    public void Attribute<TValue>(string name, string ns, TypeCodec type, bool required, Func<T, TValue> get, Action<T, TValue> set) =>
        _attributes.Add(new Member<T> { Kind = "attribute", Name = name, Ns = ns, Type = type, Required = required, Get = x => get(x), Set = (x, v) => set(x, (TValue)v!) });

    IEnumerable<(string Name, object? Value, TypeCodec? Type)> IComplexCodec.Values(object value)
    {
        if (value is not T typed) yield break;
        foreach (var member in _particles) yield return (member.Name, member.Get(typed), member.Type);
        foreach (var member in _attributes) yield return (member.Name, member.Get(typed), member.Type);
    }

    // -----------------------------------------------------------------------------------------
    // Decoding

    private static bool MatchesElement(Member<T> p, XmlElementNode child, DecodeContext ctx) =>
        child.LocalName == p.Name && (!ctx.Strict || child.NamespaceUri == p.Ns);

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

    internal override object? Decode(XmlElementNode node, DecodeContext ctx)
    {
        var output = _create();
        if (_attributes.Count > 0) DecodeAttributes(node, ctx, output);
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
                    if (child.Attributes.Count != 0 && Codec.IsNil(child))
                    {
                        if (!particle.Nillable) throw new CodecFailure("nil-not-allowed", $"element <{particle.Name}> is not nillable", child);
                        value = null;
                    }
                    else
                    {
                        if (child.Attributes.Count != 0) Codec.CheckXsiType(child, particle.Type!, ctx);
                        value = particle.Type!.Decode(child, ctx);
                    }
                }
                catch (CodecFailure failure)
                {
                    Prefix(failure, particle.Many ? $".{particle.Name}[{count}]" : $".{particle.Name}");
                    throw;
                }
            }
            if (particle.Many)
            {
                if (list is null)
                {
                    list = particle.NewList!();
                    particle.Set(output, list);
                }
                list.Add(value);
            }
            else particle.Set(output, value);
            count++;
        }
        while (pi < n) Leave(node);
        return output;
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
                a.Set(output, ((SimpleCodec)a.Type!).ParseValue(found.Value, node));
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, "." + a.Name);
                throw;
            }
        }
    }

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

    private string EncodeAttributes(T value)
    {
        var sb = new StringBuilder();
        Dictionary<string, string>? prefixes = null;
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
                text = ((SimpleCodec)a.Type!).FormatValue(v);
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
            // Namespace-qualified attributes are rare in document/literal services; they get local prefixes.
            prefixes ??= new Dictionary<string, string>();
            if (!prefixes.TryGetValue(a.Ns, out var prefix))
            {
                prefix = $"a{prefixes.Count}";
                prefixes[a.Ns] = prefix;
                sb.Append(" xmlns:").Append(prefix).Append("=\"").Append(XmlTreeWriter.EscapeAttribute(a.Ns)).Append('"');
            }
            sb.Append(' ').Append(prefix).Append(':').Append(a.Name).Append("=\"").Append(XmlTreeWriter.EscapeAttribute(text)).Append('"');
        }
        return sb.ToString();
    }

    private static string EncodeOccurrence(Member<T> p, object? v, EncodeState st, string def, int depth)
    {
        if (v is null)
        {
            if (!p.Nillable) throw new CodecFailure("nil-not-allowed", $"element <{p.Name}> is not nillable; null is not allowed");
            return Codec.NilElement(p.Name, p.Ns, st, def);
        }
        return p.Type!.Encode(v, p.Name, p.Ns, st, def, depth);
    }

    private static void CheckCount(Member<T> p, int length)
    {
        if (length < p.Min) throw new CodecFailure("missing-element", $"expected at least {p.Min} <{p.Name}> element(s), got {length}");
        if (p.Max != -1 && length > p.Max) throw new CodecFailure("too-many-elements", $"at most {p.Max} <{p.Name}> element(s) allowed, got {length}");
    }

    internal override string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth)
    {
        if (value is not T typed) throw new CodecFailure("invalid-type", $"expected a {typeof(T).Name}");
        var def = Codec.DefaultInside(ns, st, parentDefault);
        var head = Codec.OpenTag(local, ns, st, parentDefault) + (_attributes.Count == 0 ? "" : EncodeAttributes(typed));
        var line = st.Pretty ? st.Line(depth + 1) : "";
        var body = new StringBuilder();
        foreach (var p in _particles)
        {
            var v = p.Get(typed);
            if (p.Many)
            {
                var kept = p.Kind == "any";
                if (v is not IList items || items.Count == 0)
                {
                    if (p.Min > 0) throw new CodecFailure("missing-element", kept ? $"expected at least {p.Min} element(s)" : $"missing required element <{p.Name}>", null, "." + p.Name);
                    continue;
                }
                try
                {
                    CheckCount(p, items.Count);
                }
                catch (CodecFailure failure)
                {
                    Prefix(failure, "." + p.Name);
                    throw;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    try
                    {
                        body.Append(line).Append(kept ? WriteKept(items[i], st, def) : EncodeOccurrence(p, items[i], st, def, depth + 1));
                    }
                    catch (CodecFailure failure)
                    {
                        Prefix(failure, $".{p.Name}[{i}]");
                        throw;
                    }
                }
                continue;
            }
            if (ReferenceEquals(v, Codec.Absent) || (v is null && (p.Kind == "any" || !p.Nillable)))
            {
                if (p.Min > 0) throw new CodecFailure("missing-element", p.Kind == "any" ? $"expected at least {p.Min} element(s)" : $"missing required element <{p.Name}>", null, "." + p.Name);
                continue;
            }
            try
            {
                body.Append(line).Append(p.Kind == "any" ? WriteKept(v, st, def) : EncodeOccurrence(p, v, st, def, depth + 1));
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, "." + p.Name);
                throw;
            }
        }
        if (body.Length == 0) return head + "/>";
        return $"{head}>{body}{(st.Pretty ? st.Line(depth) : "")}</{local}>";
    }

    private static string WriteKept(object? item, EncodeState st, string def) =>
        item is XmlElementNode element ? AnyTypeCodec.WriteKept(element, st, def) : throw new CodecFailure("invalid-type", "expected an XmlElementNode");
}
