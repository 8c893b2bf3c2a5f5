namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

/// <summary>
/// The options of an <c>xs:choice</c>: one class per option, all deriving from <typeparamref name="TChoice"/>, so a
/// value is exactly one option and a <c>switch</c> over it is checked by the compiler.
/// </summary>
/// <typeparam name="TChoice">The generated abstract class of the choice.</typeparam>
public sealed class ChoiceCodec<TChoice> : IChoice
    where TChoice : class
{
    private readonly List<IGroup> _options = new();
    private List<IGroup>? _tryOrder;

    /// <summary>The choice <paramref name="name"/> (for messages).</summary>
    public ChoiceCodec(string name) => Name = name;

    /// <summary>The choice's name in the schema's content model.</summary>
    public string Name { get; }

    /// <summary>Adds an option: its class and the codec of its particles, in schema order.</summary>
    public void Option<TOption>(ComplexCodec<TOption> option)
        where TOption : class, TChoice =>
        _options.Add(option);

    /// <summary>The options in the order decoding tries them: an option that is a wildcard only when no other starts.</summary>
    IReadOnlyList<IGroup> IChoice.Options
    {
        get
        {
            if (_tryOrder is null)
            {
                var order = new List<IGroup>();
                foreach (var o in _options)
                {
                    if (!IsWildcard(o)) order.Add(o);
                }
                foreach (var o in _options)
                {
                    if (IsWildcard(o)) order.Add(o);
                }
                _tryOrder = order;
            }
            return _tryOrder;
        }
    }

    private static bool IsWildcard(IGroup option) => option.Content.Count == 1 && option.Content[0].Kind == "any";
}

/// <summary>The general content path: nested sequences and choices, <c>xs:all</c>, mixed content.</summary>
public sealed partial class ComplexCodec<T>
{
    private bool _all;
    private bool _mixed;
    private Func<T, List<string>>? _getTexts;
    private Action<T, List<string>>? _setTexts;

    /// <summary>The particles of the type (for the group codecs that hold a sequence's items or a choice's options).</summary>
    List<Member> IGroup.Content => _particles;

    Type IGroup.Class => typeof(T);

    string IGroup.Name => Name;

    object IGroup.Create() => (_create ?? throw new InvalidOperationException($"{Name} cannot be created"))();

    /// <summary>Whether decoding takes the general path (groups, xs:all, mixed content).</summary>
    private bool General
    {
        get
        {
            if (_all || _mixed) return true;
            foreach (var p in _particles)
            {
                if (p.Kind != "element" && p.Kind != "any") return true;
            }
            return false;
        }
    }

    // -----------------------------------------------------------------------------------------
    // Building

    /// <summary><c>xs:all</c>: the elements may come in any order, each at most once (they are written in schema order).</summary>
    public void All() => _all = true;

    /// <summary>Mixed content: the text around the child elements, one more string than child elements.</summary>
    public void Mixed(Func<T, List<string>> get, Action<T, List<string>> set)
    {
        _mixed = true;
        _getTexts = get;
        _setTexts = set;
    }

    /// <summary>A nested sequence occurring at most once: its particles are properties of this type, added by <paramref name="content"/>.</summary>
    public void Sequence(string name, int min, int max, Action<ComplexCodec<T>> content)
    {
        var inner = new ComplexCodec<T>(name, name, null);
        content(inner);
        _particles.Add(new Member { Kind = "sequence", Name = name, Min = min, Max = max, Content = inner._particles, Get = x => null, Set = (x, v) => { } });
    }

    /// <summary>A repeated nested sequence: a list with one <typeparamref name="TItem"/> per occurrence.</summary>
    public void Sequences<TItem>(string name, int min, int max, ComplexCodec<TItem> item, Func<T, List<TItem>> get, Action<T, List<TItem>> set)
        where TItem : class =>
        _particles.Add(new Member
        {
            Kind = "sequence",
            Name = name,
            Min = min,
            Max = max,
            Many = true,
            Content = item._particles,
            Item = item,
            Get = x => get((T)x),
            Set = (x, v) => set((T)x, (List<TItem>)v!),
            NewList = () => new List<TItem>(),
        });

    /// <summary>A choice occurring at most once: one option's object, null when none is taken.</summary>
    public void Choice<TChoice>(string name, int min, int max, ChoiceCodec<TChoice> choice, Func<T, TChoice?> get, Action<T, TChoice> set)
        where TChoice : class =>
        _particles.Add(new Member
        {
            Kind = "choice",
            Name = name,
            Min = min,
            Max = max,
            Choice = choice,
            Get = x => get((T)x),
            Set = (x, v) => set((T)x, (TChoice)v!),
        });

    /// <summary>A repeated choice: a list with one option's object per occurrence.</summary>
    public void Choices<TChoice>(string name, int min, int max, ChoiceCodec<TChoice> choice, Func<T, List<TChoice>> get, Action<T, List<TChoice>> set)
        where TChoice : class =>
        _particles.Add(new Member
        {
            Kind = "choice",
            Name = name,
            Min = min,
            Max = max,
            Many = true,
            Choice = choice,
            Get = x => get((T)x),
            Set = (x, v) => set((T)x, (List<TChoice>)v!),
            NewList = () => new List<TChoice>(),
        });

    // -----------------------------------------------------------------------------------------
    // Decoding

    /// <summary>The general path's cursor over the element children.</summary>
    private sealed class Walk
    {
        public required List<XmlElementNode> Elems;
        public int Pos;
        public required DecodeContext Ctx;
        /// <summary>Where failures past the last element point: the parent.</summary>
        public required XmlTreeNode End;
        public required List<Member> Particles;
    }

    private void DecodeGeneral(XmlElementNode node, DecodeContext ctx, T output)
    {
        var elems = new List<XmlElementNode>();
        List<string>? texts = null;
        StringBuilder? text = null;
        if (_mixed)
        {
            texts = new List<string>();
            text = new StringBuilder();
        }
        foreach (var child in node.Children)
        {
            if (child is XmlElementNode element)
            {
                elems.Add(element);
                if (texts is not null)
                {
                    texts.Add(text!.ToString());
                    text.Clear();
                }
            }
            else if (child is XmlTextNode t)
            {
                if (text is not null) text.Append(t.Text);
                else if (!XmlTreeWriter.IsWhitespace(t.Text)) throw new CodecFailure("unexpected-text", "text is not allowed here (element-only content)", t);
            }
        }
        if (texts is not null)
        {
            texts.Add(text!.ToString());
            _setTexts!(output, texts);
        }
        var w = new Walk { Elems = elems, Ctx = ctx, End = node, Particles = _particles };
        if (_all) DecodeAll(w, node, output);
        else DecodeSequence(_particles, w, output);
        if (w.Pos < elems.Count) RejectGeneral(w);
    }

    private static bool Starts(Member p, XmlElementNode child, DecodeContext ctx)
    {
        switch (p.Kind)
        {
            case "element":
                return MatchesElement(p, child, ctx);
            case "any":
                return true;
            case "choice":
                foreach (var o in p.Options!)
                {
                    if (StartsContent(o.Content, child, ctx)) return true;
                }
                return false;
            default:
                return StartsContent(p.Content!, child, ctx);
        }
    }

    private static bool StartsContent(List<Member> content, XmlElementNode child, DecodeContext ctx)
    {
        foreach (var c in content)
        {
            if (Starts(c, child, ctx)) return true;
            if (!c.Emptiable) return false;
        }
        return false;
    }

    /// <summary><c>&lt;A&gt; or &lt;B&gt; or any element</c>, for messages.</summary>
    private static string DescribeFirst(Member p) => p.Kind switch
    {
        "element" => $"<{p.Name}>",
        "any" => "any element",
        "choice" => string.Join(" or ", DescribeOptions(p.Options!)),
        _ => DescribeFirstOf(p.Content!),
    };

    private static string DescribeFirstOf(List<Member> content) => content.Count == 0 ? "nothing" : DescribeFirst(content[0]);

    private static IEnumerable<string> DescribeOptions(IReadOnlyList<IGroup> options)
    {
        foreach (var o in options) yield return DescribeFirstOf(o.Content);
    }

    /// <summary>Whether particle <paramref name="i"/> of <paramref name="list"/> takes <paramref name="child"/>; a wildcard leaves elements a later particle takes.</summary>
    private static bool MatchesIn(List<Member> list, int i, XmlElementNode child, DecodeContext ctx)
    {
        var p = list[i];
        if (p.Kind != "any") return Starts(p, child, ctx);
        for (var j = i + 1; j < list.Count; j++)
        {
            var later = list[j];
            if (later.Kind != "any" && Starts(later, child, ctx)) return false;
        }
        return true;
    }

    private static void WrongNamespace(List<Member> particles, XmlElementNode child, DecodeContext ctx)
    {
        if (!ctx.Strict) return;
        foreach (var p in particles)
        {
            if (p.Kind == "element" && p.Name == child.LocalName && p.Ns != child.NamespaceUri)
            {
                var found = child.NamespaceUri.Length == 0 ? "no namespace" : $"namespace \"{Excerpt.Of(child.NamespaceUri)}\"";
                var wanted = p.Ns.Length == 0 ? "no namespace" : $"namespace \"{p.Ns}\"";
                throw new CodecFailure("wrong-namespace", $"element <{Excerpt.Of(child.LocalName)}> is in {found}, expected {wanted}", child, "." + Excerpt.Of(child.LocalName));
            }
            if (p.Content is { } content) WrongNamespace(content, child, ctx);
            if (p.Options is { } options)
            {
                foreach (var o in options) WrongNamespace(o.Content, child, ctx);
            }
        }
    }

    /// <summary>Something required is missing where the cursor stands (or the element there is in the wrong namespace).</summary>
    private static CodecFailure FailMissing(Walk w, string detail, string segment)
    {
        XmlTreeNode at = w.End;
        if (w.Pos < w.Elems.Count)
        {
            var child = w.Elems[w.Pos];
            WrongNamespace(w.Particles, child, w.Ctx);
            at = child;
        }
        return new CodecFailure("missing-element", detail, at, segment);
    }

    private static void DecodeSequence(List<Member> content, Walk w, object owner)
    {
        for (var i = 0; i < content.Count; i++) DecodeParticle(content, i, w, owner);
    }

    /// <summary>One matched child of an element particle: nil, or its value.</summary>
    private static object? DecodeChild(Member p, XmlElementNode child, DecodeContext ctx)
    {
        if (child.Attributes.Count != 0 && Codec.IsNil(child))
        {
            if (!(MemberOf(p, child, ctx)?.Nillable ?? p.Nillable)) throw new CodecFailure("nil-not-allowed", $"element <{p.Name}> is not nillable", child);
            return null;
        }
        return DecodeOccurrence(p, child, ctx);
    }

    private static void DecodeParticle(List<Member> list, int i, Walk w, object owner)
    {
        var p = list[i];
        var elems = w.Elems;
        var ctx = w.Ctx;
        bool Within(int count) => w.Pos < elems.Count && (p.Max == -1 || count < p.Max);
        switch (p.Kind)
        {
            case "element":
                {
                    var count = 0;
                    IList? items = null;
                    while (Within(count))
                    {
                        var child = elems[w.Pos];
                        if (!MatchesElement(p, child, ctx)) break;
                        object? value;
                        try
                        {
                            value = DecodeChild(p, child, ctx);
                        }
                        catch (CodecFailure failure)
                        {
                            Prefix(failure, p.Many ? $".{p.Name}[{count}]" : $".{p.Name}");
                            throw;
                        }
                        if (!p.Many) p.Set(owner, value);
                        else
                        {
                            if (items is null)
                            {
                                items = p.NewList!();
                                p.Set(owner, items);
                            }
                            items.Add(value);
                        }
                        w.Pos++;
                        count++;
                    }
                    if (count < p.Min) throw FailMissing(w, DescribeCount(p.Min, p.Name), "." + p.Name);
                    if (count == 0 && p.Many) p.Set(owner, p.NewList!());
                    return;
                }
            case "any":
                {
                    var items = p.Many ? p.NewList!() : null;
                    var count = 0;
                    while (Within(count) && MatchesIn(list, i, elems[w.Pos], ctx))
                    {
                        if (items is not null) items.Add(elems[w.Pos]);
                        else p.Set(owner, elems[w.Pos]);
                        w.Pos++;
                        count++;
                    }
                    if (count < p.Min) throw FailMissing(w, $"expected at least {p.Min} element(s)", "." + p.Name);
                    if (items is not null) p.Set(owner, items);
                    return;
                }
            case "choice":
                if (!p.Many)
                {
                    var chosen = DecodeChoiceOnce(p, w);
                    if (chosen is not null) p.Set(owner, chosen);
                    else if (p.Min > 0 && !p.InnerEmptiable) throw FailMissing(w, $"missing choice {p.Name}: expected {DescribeFirst(p)}", "." + p.Name);
                    return;
                }
                DecodeRepeated(p, w, owner, () => DecodeChoiceOnce(p, w));
                return;
            default:
                if (!p.Many)
                {
                    // An optional sequence is there when the next element can start it.
                    if (p.Min == 0 && (w.Pos >= elems.Count || !Starts(p, elems[w.Pos], ctx))) return;
                    DecodeSequence(p.Content!, w, owner);
                    return;
                }
                DecodeRepeated(p, w, owner, () =>
                {
                    if (w.Pos >= elems.Count || !Starts(p, elems[w.Pos], ctx)) return null;
                    var item = p.Item!.Create();
                    DecodeSequence(p.Content!, w, item);
                    return item;
                });
                return;
        }
    }

    /// <summary>A repeated group: a list with one object per occurrence.</summary>
    private static void DecodeRepeated(Member p, Walk w, object owner, Func<object?> once)
    {
        var items = p.NewList!();
        while (w.Pos < w.Elems.Count && (p.Max == -1 || items.Count < p.Max))
        {
            var before = w.Pos;
            object? occurrence;
            try
            {
                occurrence = once();
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, $".{p.Name}[{items.Count}]");
                throw;
            }
            if (occurrence is null) break;
            items.Add(occurrence);
            if (w.Pos == before) break;
        }
        if (items.Count < p.Min && !p.InnerEmptiable)
        {
            var detail = p.Min == 1 ? $"missing {p.Kind} {p.Name}" : $"expected at least {p.Min} occurrences of {p.Kind} {p.Name}";
            throw FailMissing(w, $"{detail}: expected {DescribeFirst(p)}", "." + p.Name);
        }
        p.Set(owner, items);
    }

    /// <summary>The option that starts with the next element, decoded; null when none does.</summary>
    private static object? DecodeChoiceOnce(Member p, Walk w)
    {
        if (w.Pos >= w.Elems.Count) return null;
        var child = w.Elems[w.Pos];
        foreach (var option in p.Options!)
        {
            if (!StartsContent(option.Content, child, w.Ctx)) continue;
            var value = option.Create();
            DecodeSequence(option.Content, w, value);
            return value;
        }
        return null;
    }

    /// <summary>Explains why the element at the cursor is left over.</summary>
    private static void RejectGeneral(Walk w)
    {
        var child = w.Elems[w.Pos];
        var previous = w.Pos > 0 ? w.Elems[w.Pos - 1] : null;
        var ctx = w.Ctx;
        var elements = new List<Member>();
        CollectElements(w.Particles, elements);
        foreach (var p in elements)
        {
            if (previous is not null && MatchesElement(p, child, ctx) && MatchesElement(p, previous, ctx))
            {
                throw new CodecFailure("too-many-elements", $"at most {p.Max} <{Excerpt.Of(child.LocalName)}> element(s) allowed here", child, "." + p.Name);
            }
        }
        WrongNamespace(w.Particles, child, ctx);
        var segment = "." + Excerpt.Of(child.LocalName);
        foreach (var p in elements)
        {
            if (MatchesElement(p, child, ctx)) throw new CodecFailure("unexpected-element", $"element <{Excerpt.Of(child.LocalName)}> is out of schema order", child, segment);
        }
        throw new CodecFailure("unexpected-element", $"unexpected element <{Excerpt.Of(child.LocalName)}>", child, segment);
    }

    private static void CollectElements(List<Member> particles, List<Member> into)
    {
        foreach (var p in particles)
        {
            if (p.Kind == "element") into.Add(p);
            if (p.Content is { } content) CollectElements(content, into);
            if (p.Options is { } options)
            {
                foreach (var o in options) CollectElements(o.Content, into);
            }
        }
    }

    /// <summary><c>xs:all</c>: each element at most once, in any order; decoded in schema order.</summary>
    private void DecodeAll(Walk w, XmlElementNode node, T output)
    {
        var found = new XmlElementNode?[_particles.Count];
        for (; w.Pos < w.Elems.Count; w.Pos++)
        {
            var child = w.Elems[w.Pos];
            var j = 0;
            while (j < _particles.Count && !MatchesElement(_particles[j], child, w.Ctx)) j++;
            if (j == _particles.Count) RejectGeneral(w);
            var p = _particles[j];
            if (found[j] is not null) throw new CodecFailure("too-many-elements", $"element <{p.Name}> may appear only once", child, "." + p.Name);
            found[j] = child;
        }
        for (var j = 0; j < _particles.Count; j++)
        {
            var p = _particles[j];
            if (found[j] is not { } child)
            {
                if (p.Min > 0) throw new CodecFailure("missing-element", DescribeCount(p.Min, p.Name), node, "." + p.Name);
                continue;
            }
            try
            {
                p.Set(output, DecodeChild(p, child, w.Ctx));
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, "." + p.Name);
                throw;
            }
        }
    }

    /// <summary>The values of a particle's properties, through nested groups (for secrets).</summary>
    private static IEnumerable<(string Name, object? Value, TypeCodec? Type)> ValuesOf(Member p, object owner)
    {
        if (p.Kind != "sequence" && p.Kind != "choice")
        {
            yield return (p.Name, p.Get(owner), p.Type);
            yield break;
        }
        if (p.Kind == "sequence" && !p.Many)
        {
            foreach (var c in p.Content!)
            {
                foreach (var v in ValuesOf(c, owner)) yield return v;
            }
            yield break;
        }
        var value = p.Get(owner);
        var items = value is IList list ? list : new[] { value };
        foreach (var item in items)
        {
            if (item is null) continue;
            var content = p.Kind == "sequence" ? p.Content! : OptionOf(p, item);
            foreach (var c in content)
            {
                foreach (var v in ValuesOf(c, item)) yield return v;
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Encoding

    /// <summary>Whether <paramref name="owner"/> gives anything for <paramref name="p"/>: a property that writes at least one element (or a nil).</summary>
    private static bool Given(Member p, object owner)
    {
        switch (p.Kind)
        {
            case "element":
            case "any":
                {
                    var v = p.Get(owner);
                    if (p.Many) return v is IList { Count: > 0 };
                    if (ReferenceEquals(v, Codec.Absent)) return false;
                    return v is not null || (p.Kind == "element" && p.Nillable);
                }
            case "choice":
                return p.Many ? p.Get(owner) is IList { Count: > 0 } : p.Get(owner) is not null;
            default:
                if (p.Many) return p.Get(owner) is IList { Count: > 0 };
                foreach (var c in p.Content!)
                {
                    if (Given(c, owner)) return true;
                }
                return false;
        }
    }

    /// <summary>Appends one particle's elements (to <paramref name="parts"/>, one by one, for mixed content).</summary>
    private static void EncodeParticle(Member p, object owner, EncodeState st, string def, int depth, string line, StringBuilder body, List<string>? parts)
    {
        void Put(string xml)
        {
            if (parts is not null) parts.Add(xml);
            else body.Append(line).Append(xml);
        }

        switch (p.Kind)
        {
            case "element":
            case "any":
                {
                    if (p.Twin) return;
                    var v = p.Get(owner);
                    var kept = p.Kind == "any";
                    if (p.Many)
                    {
                        if (v is not IList items || items.Count == 0)
                        {
                            if (p.Min > 0) throw new CodecFailure("missing-element", kept ? $"expected at least {p.Min} element(s)" : $"missing required element <{p.Name}>", null, "." + p.Name);
                            return;
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
                                Put(kept ? WriteKept(items[i], st, def) : EncodeOccurrence(p, items[i], st, def, depth + 1));
                            }
                            catch (CodecFailure failure)
                            {
                                Prefix(failure, $".{p.Name}[{i}]");
                                throw;
                            }
                        }
                        return;
                    }
                    if (ReferenceEquals(v, Codec.Absent) || (v is null && (kept || !p.Nillable)))
                    {
                        if (p.Min > 0) throw new CodecFailure("missing-element", kept ? $"expected at least {p.Min} element(s)" : $"missing required element <{p.Name}>", null, "." + p.Name);
                        return;
                    }
                    try
                    {
                        // A simple value (the common case) is written straight into the body.
                        if (!kept && parts is null && v is not null && p.Substitutes is null && p.Fixed is null && p.Type is SimpleCodec simple)
                        {
                            body.Append(line);
                            simple.EncodeInto(body, v, p.Name, p.Ns, st, def);
                        }
                        else Put(kept ? WriteKept(v, st, def) : EncodeOccurrence(p, v, st, def, depth + 1));
                    }
                    catch (CodecFailure failure)
                    {
                        Prefix(failure, "." + p.Name);
                        throw;
                    }
                    return;
                }
            case "choice":
                if (!p.Many)
                {
                    var chosen = p.Get(owner);
                    if (chosen is null)
                    {
                        if (p.Min > 0 && !p.InnerEmptiable) throw new CodecFailure("missing-element", $"missing choice {p.Name}: expected {DescribeFirst(p)}", null, "." + p.Name);
                        return;
                    }
                    EncodeContentOf(OptionOf(p, chosen), chosen, st, def, depth, line, body, parts);
                    return;
                }
                EncodeRepeated(p, owner, (item, b) => EncodeContentOf(OptionOf(p, item), item, st, def, depth, line, b, parts), body);
                return;
            default:
                if (!p.Many)
                {
                    if (p.Min == 0 && !Given(p, owner)) return;
                    foreach (var c in p.Content!) EncodeParticle(c, owner, st, def, depth, line, body, parts);
                    return;
                }
                EncodeRepeated(p, owner, (item, b) =>
                {
                    foreach (var c in p.Content!) EncodeParticle(c, item, st, def, depth, line, b, parts);
                }, body);
                return;
        }
    }

    private static void EncodeContentOf(List<Member> content, object owner, EncodeState st, string def, int depth, string line, StringBuilder body, List<string>? parts)
    {
        foreach (var c in content) EncodeParticle(c, owner, st, def, depth, line, body, parts);
    }

    /// <summary>The particles of the option a choice's value is.</summary>
    private static List<Member> OptionOf(Member p, object value)
    {
        foreach (var o in p.Options!)
        {
            if (o.Class == value.GetType()) return o.Content;
        }
        throw new CodecFailure("invalid-type", $"{value.GetType().Name} is not an option of choice {p.Name}", null, "." + p.Name);
    }

    /// <summary>A repeated group: a list with one object per occurrence, counted.</summary>
    private static void EncodeRepeated(Member p, object owner, Action<object, StringBuilder> one, StringBuilder body)
    {
        var segment = "." + p.Name;
        if (p.Get(owner) is not IList items)
        {
            if (p.Min > 0 && !p.InnerEmptiable) throw new CodecFailure("missing-element", $"missing required {p.Kind} {p.Name}", null, segment);
            return;
        }
        if (items.Count < p.Min && !p.InnerEmptiable)
        {
            throw new CodecFailure("missing-element", $"expected at least {p.Min} occurrence(s) of {p.Kind} {p.Name}, got {items.Count}", null, segment);
        }
        if (p.Max != -1 && items.Count > p.Max)
        {
            throw new CodecFailure("too-many-elements", $"at most {p.Max} occurrence(s) of {p.Kind} {p.Name} allowed, got {items.Count}", null, segment);
        }
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var item = items[i] ?? throw new CodecFailure("invalid-type", "expected an object");
                one(item, body);
            }
            catch (CodecFailure failure)
            {
                Prefix(failure, $"{segment}[{i}]");
                throw;
            }
        }
    }

    /// <summary>Mixed content: the text segments around the child elements.</summary>
    private string Interleave(T typed, List<string> parts)
    {
        var texts = _getTexts!(typed);
        if (texts is null || texts.Count == 0) return string.Concat(parts);
        if (texts.Count != parts.Count + 1)
        {
            throw new CodecFailure("invalid-value", $"the text must be {parts.Count + 1} strings (the text around {parts.Count} child element(s))", null, ".$text");
        }
        var sb = new StringBuilder(XmlTreeWriter.EscapeText(texts[0]));
        for (var i = 0; i < parts.Count; i++) sb.Append(parts[i]).Append(XmlTreeWriter.EscapeText(texts[i + 1]));
        return sb.ToString();
    }
}
