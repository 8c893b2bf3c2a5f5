namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

/// <summary><c>xs:list</c>: whitespace-separated items of a simple type; the value is a <c>List&lt;TItem&gt;</c>.</summary>
/// <typeparam name="TItem">The C# type of the items.</typeparam>
public sealed class ListCodec<TItem> : SimpleCodec
{
    private readonly SimpleCodec _item;

    /// <summary>The list type <paramref name="name"/> of <paramref name="item"/> values.</summary>
    public ListCodec(string name, SimpleCodec item) : base(name, item.Builtin) => _item = item;

    internal override SimpleCodec Renamed(string name) => new ListCodec<TItem>(name, _item);

    internal override IList NewList() => new List<List<TItem>?>();

    internal override object ParseValue(string lexical, XmlTreeNode? at)
    {
        var collapsed = XsdLexical.Collapse(lexical);
        var items = new List<TItem>();
        if (collapsed.Length == 0) return items;
        var parts = collapsed.Split(' ');
        for (var i = 0; i < parts.Length; i++)
        {
            try
            {
                items.Add((TItem)_item.ParseValue(parts[i], at));
            }
            catch (CodecFailure failure)
            {
                failure.Segments.Add($"[{i}]");
                throw;
            }
        }
        return items;
    }

    internal override string FormatValue(object value)
    {
        if (value is not IList items) throw new CodecFailure("invalid-type", $"expected a list ({Name} is a list)");
        var sb = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var text = _item.FormatValue(items[i] ?? throw new CodecFailure("invalid-type", "a list item cannot be null"));
                if (text.Length == 0 || HasWhitespace(text)) throw new CodecFailure("invalid-value", "a list item cannot be empty or contain whitespace");
                if (i > 0) sb.Append(' ');
                sb.Append(text);
            }
            catch (CodecFailure failure)
            {
                failure.Segments.Add($"[{i}]");
                throw;
            }
        }
        return sb.ToString();
    }

    internal override string Canonical(object value)
    {
        if (value is not IList items) throw new CodecFailure("invalid-type", $"expected a list ({Name} is a list)");
        var parts = new string[items.Count];
        for (var i = 0; i < items.Count; i++) parts[i] = _item.Canonical(items[i]!);
        return string.Join(" ", parts);
    }

    private static bool HasWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
        }
        return false;
    }
}

/// <summary>
/// <c>xs:union</c>: decoding takes the first member type that parses the text, encoding the first member whose
/// encoder accepts the value. <typeparamref name="TUnion"/> is the C# type of the values (<see cref="XsdUnion{T1, T2}"/>).
/// </summary>
/// <typeparam name="TUnion">The C# type of the values.</typeparam>
public sealed class UnionCodec<TUnion> : SimpleCodec
    where TUnion : notnull
{
    private readonly Func<object, TUnion> _wrap;
    private readonly Func<TUnion, object> _unwrap;
    private readonly SimpleCodec[] _members;
    private readonly string _names;

    /// <summary>The union <paramref name="name"/> of <paramref name="members"/>, in order; <paramref name="wrap"/> makes a value of a member's value and <paramref name="unwrap"/> takes it out.</summary>
    public UnionCodec(string name, Func<object, TUnion> wrap, Func<TUnion, object> unwrap, params SimpleCodec[] members) : base(name, members[0].Builtin)
    {
        _wrap = wrap;
        _unwrap = unwrap;
        _members = members;
        var names = new string[members.Length];
        for (var i = 0; i < members.Length; i++) names[i] = members[i].Name;
        _names = string.Join(", ", names);
    }

    internal override SimpleCodec Renamed(string name) => new UnionCodec<TUnion>(name, _wrap, _unwrap, _members);

    internal override IList NewList() => new List<TUnion?>();

    internal override object ParseValue(string lexical, XmlTreeNode? at)
    {
        foreach (var member in _members)
        {
            try
            {
                return _wrap(member.ParseValue(lexical, at));
            }
            catch (CodecFailure)
            {
                // The next member may accept it.
            }
        }
        throw new CodecFailure("invalid-value", $"invalid {Name} value {Codec.Quote(lexical)} (no member type accepts it: {_names})", at);
    }

    internal override string FormatValue(object value) => Formatting(value).Text;

    internal override string Canonical(object value)
    {
        var (member, _, inner) = Formatting(value);
        return member.Canonical(inner);
    }

    private (SimpleCodec Member, string Text, object Inner) Formatting(object value)
    {
        if (value is not TUnion union) throw new CodecFailure("invalid-type", $"expected a {typeof(TUnion).Name}");
        var inner = _unwrap(union);
        foreach (var member in _members)
        {
            try
            {
                return (member, member.FormatValue(inner), inner);
            }
            catch (CodecFailure)
            {
                // The next member may accept it.
            }
        }
        throw new CodecFailure("invalid-value", $"value is not valid for any member of {Name} ({_names})");
    }
}

/// <summary>A value of an <c>xs:union</c> of two member types: one of <typeparamref name="T1"/> and <typeparamref name="T2"/>.</summary>
/// <typeparam name="T1">The first member type's C# type.</typeparam>
/// <typeparam name="T2">The second member type's C# type.</typeparam>
public sealed class XsdUnion<T1, T2> : IEquatable<XsdUnion<T1, T2>>
    where T1 : notnull
    where T2 : notnull
{
    /// <summary>A union value holding <paramref name="value"/>, which must be a <typeparamref name="T1"/> or a <typeparamref name="T2"/>.</summary>
    public XsdUnion(object value) =>
        Value = value is T1 or T2 ? value : throw new ArgumentException($"expected a {typeof(T1).Name} or a {typeof(T2).Name}", nameof(value));

    /// <summary>The value: a <typeparamref name="T1"/> or a <typeparamref name="T2"/> (switch on it).</summary>
    public object Value { get; }

    /// <summary>A union value holding a <typeparamref name="T1"/>.</summary>
    public static implicit operator XsdUnion<T1, T2>(T1 value) => new(value);

    /// <summary>A union value holding a <typeparamref name="T2"/>.</summary>
    public static implicit operator XsdUnion<T1, T2>(T2 value) => new(value);

    /// <inheritdoc/>
    public bool Equals(XsdUnion<T1, T2>? other) => other is not null && Equals(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdUnion<T1, T2> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Value.ToString() ?? "";
}

/// <summary>A value of an <c>xs:union</c> of three member types.</summary>
/// <typeparam name="T1">The first member type's C# type.</typeparam>
/// <typeparam name="T2">The second member type's C# type.</typeparam>
/// <typeparam name="T3">The third member type's C# type.</typeparam>
public sealed class XsdUnion<T1, T2, T3> : IEquatable<XsdUnion<T1, T2, T3>>
    where T1 : notnull
    where T2 : notnull
    where T3 : notnull
{
    /// <summary>A union value holding <paramref name="value"/>, which must be a <typeparamref name="T1"/>, a <typeparamref name="T2"/> or a <typeparamref name="T3"/>.</summary>
    public XsdUnion(object value) =>
        Value = value is T1 or T2 or T3 ? value : throw new ArgumentException($"expected a {typeof(T1).Name}, a {typeof(T2).Name} or a {typeof(T3).Name}", nameof(value));

    /// <summary>The value: a <typeparamref name="T1"/>, a <typeparamref name="T2"/> or a <typeparamref name="T3"/> (switch on it).</summary>
    public object Value { get; }

    /// <summary>A union value holding a <typeparamref name="T1"/>.</summary>
    public static implicit operator XsdUnion<T1, T2, T3>(T1 value) => new(value);

    /// <summary>A union value holding a <typeparamref name="T2"/>.</summary>
    public static implicit operator XsdUnion<T1, T2, T3>(T2 value) => new(value);

    /// <summary>A union value holding a <typeparamref name="T3"/>.</summary>
    public static implicit operator XsdUnion<T1, T2, T3>(T3 value) => new(value);

    /// <inheritdoc/>
    public bool Equals(XsdUnion<T1, T2, T3>? other) => other is not null && Equals(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdUnion<T1, T2, T3> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Value.ToString() ?? "";
}
