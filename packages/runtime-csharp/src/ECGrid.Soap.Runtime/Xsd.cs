namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

/// <summary>
/// The codec of every XSD builtin, by its name in PascalCase (<c>Xsd.Int</c>, <c>Xsd.DateTime</c>). Values
/// are the C# types of the generator's builtin map: <c>int</c> range-checked, <c>long</c> and
/// <see cref="BigInteger"/> exact, dates, times and decimals as lexical-keeping structs, <c>byte[]</c> for binaries.
/// </summary>
public static class Xsd
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static SimpleCodec Strings(string name, Func<string, string> facet, Func<string, bool>? valid = null, string? what = null)
    {
        string Check(string s) => valid is null || valid(s) ? s : throw BuiltinValueException.Invalid($"not a valid {what}");
        return new SimpleCodec(name, new Builtin(
            name,
            true,
            // xs:string and xs:anySimpleType take the lexical form as it is.
            facet == Preserve && valid is null ? lexical => lexical : lexical => Check(facet(lexical)),
            value => value is string s ? Check(facet(XsdLexical.RequireXmlChars(s))) : throw BuiltinValueException.WrongType("a string"))
        {
            NewList = () => new List<string?>(),
        });
    }

    private static string Preserve(string s) => s;

    /// <summary>The value <c>Int.ParseValue</c> gives, unboxed (a quick integer read directly).</summary>
    internal static int ReadInt(string text) =>
        XsdLexical.QuickInteger(text, out var v) && v >= int.MinValue && v <= int.MaxValue ? (int)v : (int)Int.ParseValue(text, null);

    /// <summary>The value <c>Long.ParseValue</c> gives, unboxed.</summary>
    internal static long ReadLong(string text) => XsdLexical.QuickInteger(text, out var v) ? v : (long)Long.ParseValue(text, null);

    /// <summary><see cref="ReadInt(string)"/> of the characters <paramref name="text"/> (a string made only when they are not a quick integer).</summary>
    internal static int ReadInt(ReadOnlySpan<char> text) =>
        XsdLexical.QuickInteger(text, out var v) && v >= int.MinValue && v <= int.MaxValue ? (int)v : (int)Int.ParseValue(new string(text), null);

    /// <summary><see cref="ReadLong(string)"/> of the characters <paramref name="text"/> (a string made only when they are not a quick integer).</summary>
    internal static long ReadLong(ReadOnlySpan<char> text) => XsdLexical.QuickInteger(text, out var v) ? v : (long)Long.ParseValue(new string(text), null);

    /// <summary>The value <c>DateTime.ParseValue</c> gives, unboxed (a quick form, which has no whitespace to collapse, taken as it is).</summary>
    internal static XsdDateTime ReadDateTime(string text) =>
        XsdLexical.QuickDateTime(text) ? XsdDateTime.FromValidLexical(text) : (XsdDateTime)DateTime.ParseValue(text, null);

    /// <summary>Integers: the lexical form checked, then the range, then the C# type.</summary>
    private static SimpleCodec Integers<T>(string name, BigInteger? min, BigInteger? max, Func<BigInteger, T> convert, string expected)
        where T : struct
    {
        var range = $"{(min is null ? "-\u221E" : min.Value.ToString(Invariant))}..{(max is null ? "\u221E" : max.Value.ToString(Invariant))}";
        // The range within long (a quick integer has at most 18 digits, so it is a long).
        var low = min is { } a && a > long.MinValue ? (long)a : long.MinValue;
        var high = max is { } b && b < long.MaxValue ? (long)b : long.MaxValue;
        return new SimpleCodec(name, new Builtin(
            name,
            false,
            lexical =>
            {
                BigInteger n;
                // Up to 18 digits without whitespace (what the regex and BigInteger.Parse would read to the same number).
                if (XsdLexical.QuickInteger(lexical, out var quick))
                {
                    if (quick < low || quick > high) throw BuiltinValueException.OutOfRange($"outside the range {range}");
                    if (typeof(T) == typeof(int)) return (int)quick;
                    if (typeof(T) == typeof(long)) return quick;
                    n = quick;
                }
                else
                {
                    var s = XsdLexical.Collapse(lexical);
                    if (!XsdLexical.Integer.IsMatch(s)) throw BuiltinValueException.Invalid("not an integer");
                    n = BigInteger.Parse(s, NumberStyles.AllowLeadingSign, Invariant);
                }
                if ((min is not null && n < min.Value) || (max is not null && n > max.Value)) throw BuiltinValueException.OutOfRange($"outside the range {range}");
                return convert(n);
            },
            value =>
            {
                if (value is not T typed) throw BuiltinValueException.WrongType(expected);
                // The C# integer types take exactly their XSD type's range: every value is in range, written as is.
                if (typeof(T) != typeof(BigInteger)) return Convert.ToString(typed, Invariant) ?? "";
                var n = BigInteger.Parse(Convert.ToString(typed, Invariant) ?? "", NumberStyles.AllowLeadingSign, Invariant);
                if ((min is not null && n < min.Value) || (max is not null && n > max.Value)) throw BuiltinValueException.OutOfRange($"outside the range {range}");
                return n.ToString(Invariant);
            })
        {
            NewList = () => new List<T?>(),
        });
    }

    /// <summary>Lexical-keeping types: the collapsed text checked against its pattern, wrapped by <paramref name="wrap"/>.</summary>
    private static SimpleCodec Lexical<T>(string name, Regex pattern, string what, Func<string, T> wrap, Func<T, string?> lexicalOf, Func<IList> newList, Func<string, bool>? extra = null, Func<string, bool>? quick = null)
        where T : notnull
    {
        // quick: a check that accepts only forms the pattern and extra accept, without whitespace to collapse.
        string Check(string s) => (quick is not null && quick(s)) || (pattern.IsMatch(s) && (extra is null || extra(s))) ? s : throw BuiltinValueException.Invalid($"not a valid {what}");
        return new SimpleCodec(name, new Builtin(
            name,
            typeof(T) == typeof(string),
            lexical => wrap(Check(XsdLexical.Collapse(lexical))),
            value => value is T typed && lexicalOf(typed) is { } s ? Check(XsdLexical.Collapse(s)) : throw BuiltinValueException.WrongType($"a {what} value"))
        {
            NewList = newList,
        });
    }

    private static SimpleCodec Floating(string name, bool single)
    {
        return new SimpleCodec(name, new Builtin(
            name,
            false,
            lexical =>
            {
                var s = XsdLexical.Collapse(lexical);
                if (!XsdLexical.Float.IsMatch(s)) throw BuiltinValueException.Invalid($"not a {name}");
                double d = s == "NaN" ? double.NaN : s.EndsWith("INF", StringComparison.Ordinal) ? (s.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity) : double.Parse(s, NumberStyles.Float, Invariant);
                return single ? (object)(s.Contains("INF", StringComparison.Ordinal) || s == "NaN" ? (float)d : float.Parse(s, NumberStyles.Float, Invariant)) : d;
            },
            value =>
            {
                if (single && value is float f) return FormatFloating(f, f == 0 && float.IsNegative(f), () => JsNumber.Format(f));
                if (!single && value is double d) return FormatFloating(d, d == 0 && double.IsNegative(d), () => JsNumber.Format(d));
                throw BuiltinValueException.WrongType(single ? "a float" : "a double");
            })
        {
            NewList = single ? () => new List<float?>() : () => new List<double?>(),
        });
    }

    private static string FormatFloating(double d, bool negativeZero, Func<string> format)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "INF" : "-INF";
        return negativeZero ? "-0" : format();
    }

    private static SimpleCodec Binary(string name, Func<string, byte[]> decode, Func<byte[], string> encode) =>
        new(name, new Builtin(name, false, lexical => decode(lexical), value => value is byte[] b ? encode(b) : throw BuiltinValueException.WrongType("a byte[]"))
        {
            NewList = () => new List<byte[]?>(),
        });

    private static readonly BigInteger Zero = BigInteger.Zero;

    /// <summary>The codec of <c>xs:anyType</c>.</summary>
    public static readonly TypeCodec AnyType = new AnyTypeCodec();
    /// <summary>The codec of <c>xs:anySimpleType</c>.</summary>
    public static readonly SimpleCodec AnySimpleType = Strings("anySimpleType", Preserve);
    /// <summary>The codec of <c>xs:string</c>.</summary>
    public static readonly SimpleCodec String = Strings("string", Preserve);
    /// <summary>The codec of <c>xs:normalizedString</c>.</summary>
    public static readonly SimpleCodec NormalizedString = Strings("normalizedString", XsdLexical.Replace);
    /// <summary>The codec of <c>xs:token</c>.</summary>
    public static readonly SimpleCodec Token = Strings("token", XsdLexical.Collapse);
    /// <summary>The codec of <c>xs:language</c>.</summary>
    public static readonly SimpleCodec Language = Strings("language", XsdLexical.Collapse, s => XsdLexical.Language.IsMatch(s), "language tag");
    /// <summary>The codec of <c>xs:Name</c>.</summary>
    public static readonly SimpleCodec Name = Strings("Name", XsdLexical.Collapse, XsdLexical.IsName, "Name");
    /// <summary>The codec of <c>xs:NCName</c>.</summary>
    public static readonly SimpleCodec NCName = Strings("NCName", XsdLexical.Collapse, XsdLexical.IsNcName, "NCName");
    /// <summary>The codec of <c>xs:NMTOKEN</c>.</summary>
    public static readonly SimpleCodec NMTOKEN = Strings("NMTOKEN", XsdLexical.Collapse, XsdLexical.IsNmToken, "NMTOKEN");
    /// <summary>The codec of <c>xs:NMTOKENS</c>.</summary>
    public static readonly SimpleCodec NMTOKENS = Strings("NMTOKENS", XsdLexical.Collapse, s => XsdLexical.IsList(s, XsdLexical.IsNmToken), "NMTOKENS list");
    /// <summary>The codec of <c>xs:ID</c>.</summary>
    public static readonly SimpleCodec ID = Strings("ID", XsdLexical.Collapse, XsdLexical.IsNcName, "ID");
    /// <summary>The codec of <c>xs:IDREF</c>.</summary>
    public static readonly SimpleCodec IDREF = Strings("IDREF", XsdLexical.Collapse, XsdLexical.IsNcName, "IDREF");
    /// <summary>The codec of <c>xs:IDREFS</c>.</summary>
    public static readonly SimpleCodec IDREFS = Strings("IDREFS", XsdLexical.Collapse, s => XsdLexical.IsList(s, XsdLexical.IsNcName), "IDREFS list");
    /// <summary>The codec of <c>xs:ENTITY</c>.</summary>
    public static readonly SimpleCodec ENTITY = Strings("ENTITY", XsdLexical.Collapse, XsdLexical.IsNcName, "ENTITY");
    /// <summary>The codec of <c>xs:ENTITIES</c>.</summary>
    public static readonly SimpleCodec ENTITIES = Strings("ENTITIES", XsdLexical.Collapse, s => XsdLexical.IsList(s, XsdLexical.IsNcName), "ENTITIES list");
    /// <summary>The codec of <c>xs:QName</c>.</summary>
    public static readonly SimpleCodec QName = Strings("QName", XsdLexical.Collapse, XsdLexical.IsQName, "QName");
    /// <summary>The codec of <c>xs:NOTATION</c>.</summary>
    public static readonly SimpleCodec NOTATION = Strings("NOTATION", XsdLexical.Collapse, XsdLexical.IsQName, "NOTATION");
    /// <summary>The codec of <c>xs:anyURI</c>.</summary>
    public static readonly SimpleCodec AnyURI = Strings("anyURI", XsdLexical.Collapse);

    /// <summary>The codec of <c>xs:boolean</c>.</summary>
    public static readonly SimpleCodec Boolean = new("boolean", new Builtin(
        "boolean",
        false,
        lexical => XsdLexical.Collapse(lexical) switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw BuiltinValueException.Invalid("expected true, false, 1 or 0"),
        },
        value => value is bool b ? (b ? "true" : "false") : throw BuiltinValueException.WrongType("a bool"))
    {
        NewList = () => new List<bool?>(),
    });

    /// <summary>The codec of <c>xs:decimal</c>.</summary>
    public static readonly SimpleCodec Decimal = Lexical("decimal", XsdLexical.Decimal, "decimal", XsdDecimal.FromValidLexical, d => d.LexicalOrNull, () => new List<XsdDecimal?>());
    /// <summary>The codec of <c>xs:integer</c>.</summary>
    public static readonly SimpleCodec Integer = Integers("integer", null, null, n => n, "a BigInteger");
    /// <summary>The codec of <c>xs:nonPositiveInteger</c>.</summary>
    public static readonly SimpleCodec NonPositiveInteger = Integers("nonPositiveInteger", null, Zero, n => n, "a BigInteger");
    /// <summary>The codec of <c>xs:negativeInteger</c>.</summary>
    public static readonly SimpleCodec NegativeInteger = Integers("negativeInteger", null, BigInteger.MinusOne, n => n, "a BigInteger");
    /// <summary>The codec of <c>xs:long</c>.</summary>
    public static readonly SimpleCodec Long = Integers("long", long.MinValue, long.MaxValue, n => (long)n, "a long");
    /// <summary>The codec of <c>xs:int</c>.</summary>
    public static readonly SimpleCodec Int = Integers("int", int.MinValue, int.MaxValue, n => (int)n, "an int");
    /// <summary>The codec of <c>xs:short</c>.</summary>
    public static readonly SimpleCodec Short = Integers("short", short.MinValue, short.MaxValue, n => (short)n, "a short");
    /// <summary>The codec of <c>xs:byte</c>.</summary>
    public static readonly SimpleCodec Byte = Integers("byte", sbyte.MinValue, sbyte.MaxValue, n => (sbyte)n, "an sbyte");
    /// <summary>The codec of <c>xs:nonNegativeInteger</c>.</summary>
    public static readonly SimpleCodec NonNegativeInteger = Integers("nonNegativeInteger", Zero, null, n => n, "a BigInteger");
    /// <summary>The codec of <c>xs:unsignedLong</c>.</summary>
    public static readonly SimpleCodec UnsignedLong = Integers("unsignedLong", Zero, ulong.MaxValue, n => (ulong)n, "a ulong");
    /// <summary>The codec of <c>xs:unsignedInt</c>.</summary>
    public static readonly SimpleCodec UnsignedInt = Integers("unsignedInt", Zero, uint.MaxValue, n => (uint)n, "a uint");
    /// <summary>The codec of <c>xs:unsignedShort</c>.</summary>
    public static readonly SimpleCodec UnsignedShort = Integers("unsignedShort", Zero, ushort.MaxValue, n => (ushort)n, "a ushort");
    /// <summary>The codec of <c>xs:unsignedByte</c>.</summary>
    public static readonly SimpleCodec UnsignedByte = Integers("unsignedByte", Zero, byte.MaxValue, n => (byte)n, "a byte");
    /// <summary>The codec of <c>xs:positiveInteger</c>.</summary>
    public static readonly SimpleCodec PositiveInteger = Integers("positiveInteger", BigInteger.One, null, n => n, "a BigInteger");
    /// <summary>The codec of <c>xs:float</c>.</summary>
    public static readonly SimpleCodec Float = Floating("float", true);
    /// <summary>The codec of <c>xs:double</c>.</summary>
    public static readonly SimpleCodec Double = Floating("double", false);
    /// <summary>The codec of <c>xs:duration</c>.</summary>
    public static readonly SimpleCodec Duration = Lexical("duration", XsdLexical.Duration, "duration", XsdDuration.FromValidLexical, d => d.LexicalOrNull, () => new List<XsdDuration?>());
    /// <summary>The codec of <c>xs:dateTime</c>.</summary>
    public static readonly SimpleCodec DateTime = Lexical("dateTime", XsdLexical.DateTime, "dateTime", XsdDateTime.FromValidLexical, d => d.LexicalOrNull, () => new List<XsdDateTime?>(), s => XsdLexical.ValidDay(s, true), XsdLexical.QuickDateTime);
    /// <summary>The codec of <c>xs:time</c>.</summary>
    public static readonly SimpleCodec Time = Lexical("time", XsdLexical.TimeOfDay, "time", XsdTime.FromValidLexical, t => t.LexicalOrNull, () => new List<XsdTime?>());
    /// <summary>The codec of <c>xs:date</c>.</summary>
    public static readonly SimpleCodec Date = Lexical("date", XsdLexical.Date, "date", XsdDate.FromValidLexical, d => d.LexicalOrNull, () => new List<XsdDate?>(), s => XsdLexical.ValidDay(s, true));
    /// <summary>The codec of <c>xs:gYearMonth</c>.</summary>
    public static readonly SimpleCodec GYearMonth = Lexical("gYearMonth", XsdLexical.GYearMonth, "gYearMonth", s => s, s => s, () => new List<string?>());
    /// <summary>The codec of <c>xs:gYear</c>.</summary>
    public static readonly SimpleCodec GYear = Lexical("gYear", XsdLexical.GYear, "gYear", s => s, s => s, () => new List<string?>());
    /// <summary>The codec of <c>xs:gMonthDay</c>.</summary>
    public static readonly SimpleCodec GMonthDay = Lexical("gMonthDay", XsdLexical.GMonthDay, "gMonthDay", s => s, s => s, () => new List<string?>(), s => XsdLexical.ValidDay(s, false));
    /// <summary>The codec of <c>xs:gDay</c>.</summary>
    public static readonly SimpleCodec GDay = Lexical("gDay", XsdLexical.GDay, "gDay", s => s, s => s, () => new List<string?>());
    /// <summary>The codec of <c>xs:gMonth</c>.</summary>
    public static readonly SimpleCodec GMonth = Lexical("gMonth", XsdLexical.GMonth, "gMonth", s => s, s => s, () => new List<string?>());
    /// <summary>The codec of <c>xs:base64Binary</c>.</summary>
    public static readonly SimpleCodec Base64Binary = Binary("base64Binary", XsdLexical.DecodeBase64, XsdLexical.EncodeBase64);
    /// <summary>The codec of <c>xs:hexBinary</c>.</summary>
    public static readonly SimpleCodec HexBinary = Binary("hexBinary", XsdLexical.DecodeHex, XsdLexical.EncodeHex);

    /// <summary>A restriction without enumeration facets: the base's values under the restriction's name.</summary>
    public static SimpleCodec Restrict(string name, SimpleCodec baseCodec) => baseCodec.Renamed(name);
}
