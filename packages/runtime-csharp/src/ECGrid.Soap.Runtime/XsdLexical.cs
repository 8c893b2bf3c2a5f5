namespace ECGrid.Soap.Runtime;

using System;
using System.Text;
using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>A builtin rejected a lexical form or a value; carries only the reason (never the value).</summary>
internal sealed class BuiltinValueException : Exception
{
    public BuiltinValueException(string code, string reason) : base(reason)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary><c>invalid-value</c>, <c>invalid-type</c> or <c>out-of-range</c>.</summary>
    public string Code { get; }

    public string Reason { get; }

    public static BuiltinValueException Invalid(string reason) => new("invalid-value", reason);

    public static BuiltinValueException WrongType(string expected) => new("invalid-type", $"expected {expected}");

    public static BuiltinValueException OutOfRange(string reason) => new("out-of-range", reason);
}

/// <summary>Whitespace facets, name and date patterns, base64 and hex: the lexical rules of the XSD builtins.</summary>
internal static class XsdLexical
{
    private static bool IsXmlSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    /// <summary>whiteSpace="collapse": trim, and fold runs of XML whitespace into one space.</summary>
    public static string Collapse(string s)
    {
        var needs = false;
        for (var i = 0; i < s.Length && !needs; i++)
        {
            var c = s[i];
            if (c == '\t' || c == '\n' || c == '\r') needs = true;
            else if (c == ' ' && (i == 0 || i == s.Length - 1 || s[i + 1] == ' ')) needs = true;
        }
        if (!needs) return s;
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (IsXmlSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>whiteSpace="replace": every TAB, LF and CR becomes a space.</summary>
    public static string Replace(string s) =>
        s.IndexOfAny(new[] { '\t', '\n', '\r' }) < 0 ? s : s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Rejects strings holding characters XML cannot carry at all, not even escaped.</summary>
    public static string RequireXmlChars(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                throw BuiltinValueException.Invalid("contains a character that XML cannot represent");
            }
            if (char.IsLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            {
                throw BuiltinValueException.Invalid("contains a character that XML cannot represent");
            }
        }
        return s;
    }

    // -----------------------------------------------------------------------------------------
    // Names (XML 1.0 fifth edition)

    private static bool IsNameStart(int c) =>
        (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') ||
        (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
        (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
        (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
        (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);

    private static bool IsNameChar(int c) =>
        IsNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
        (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);

    private static int[] CodePoints(string s)
    {
        var list = new System.Collections.Generic.List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else list.Add(s[i]);
        }
        return list.ToArray();
    }

    private static bool IsNcName(int[] cps, int from, int to)
    {
        if (from >= to || !IsNameStart(cps[from])) return false;
        for (var i = from + 1; i < to; i++) if (!IsNameChar(cps[i])) return false;
        return true;
    }

    public static bool IsNcName(string s)
    {
        var cps = CodePoints(s);
        return IsNcName(cps, 0, cps.Length);
    }

    public static bool IsName(string s)
    {
        var cps = CodePoints(s);
        if (cps.Length == 0 || !(IsNameStart(cps[0]) || cps[0] == ':')) return false;
        for (var i = 1; i < cps.Length; i++) if (!(IsNameChar(cps[i]) || cps[i] == ':')) return false;
        return true;
    }

    public static bool IsNmToken(string s)
    {
        var cps = CodePoints(s);
        if (cps.Length == 0) return false;
        foreach (var c in cps) if (!(IsNameChar(c) || c == ':')) return false;
        return true;
    }

    public static bool IsQName(string s)
    {
        var cps = CodePoints(s);
        var colon = Array.IndexOf(cps, ':');
        return colon < 0 ? IsNcName(cps, 0, cps.Length) : IsNcName(cps, 0, colon) && IsNcName(cps, colon + 1, cps.Length);
    }

    /// <summary>Tokens separated by single spaces (the text is already collapsed), each passing <paramref name="token"/>.</summary>
    public static bool IsList(string s, Func<string, bool> token)
    {
        if (s.Length == 0) return false;
        foreach (var part in s.Split(' ')) if (!token(part)) return false;
        return true;
    }

    public static readonly Regex Language = new(@"\A[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*\z", RegexOptions.CultureInvariant);

    // -----------------------------------------------------------------------------------------
    // Numbers, dates and durations

    public static readonly Regex Integer = new(@"\A[+-]?[0-9]+\z", RegexOptions.CultureInvariant);
    public static readonly Regex Decimal = new(@"\A[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\z", RegexOptions.CultureInvariant);
    public static readonly Regex Float = new(@"\A(?:[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF)|NaN)\z", RegexOptions.CultureInvariant);

    private const string Year = "-?(?:[1-9][0-9]{3,}|0[0-9]{3})";
    private const string Month = "(?:0[1-9]|1[0-2])";
    private const string Day = "(?:0[1-9]|[12][0-9]|3[01])";
    private const string Time = @"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)";
    private const string Zone = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";

    private static Regex Dated(string body) => new(@"\A" + body + Zone + @"\z", RegexOptions.CultureInvariant);

    public static readonly Regex DateTime = Dated($"{Year}-{Month}-{Day}T{Time}");
    public static readonly Regex TimeOfDay = Dated(Time);
    public static readonly Regex Date = Dated($"{Year}-{Month}-{Day}");
    public static readonly Regex GYearMonth = Dated($"{Year}-{Month}");
    public static readonly Regex GYear = Dated(Year);
    public static readonly Regex GMonthDay = Dated($"--{Month}-{Day}");
    public static readonly Regex GDay = Dated($"---{Day}");
    public static readonly Regex GMonth = Dated($"--{Month}");
    public static readonly Regex Duration = new(
        @"\A-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?\z",
        RegexOptions.CultureInvariant);

    private static readonly Regex YearMonthDay = new(@"\A(-?[0-9]+)-([0-9]{2})-([0-9]{2})", RegexOptions.CultureInvariant);
    private static readonly Regex MonthDay = new(@"\A--([0-9]{2})-([0-9]{2})", RegexOptions.CultureInvariant);

    /// <summary>
    /// An integer of at most 18 digits with an optional sign and no whitespace, read directly; false for any other
    /// form (which the regex and <see cref="System.Numerics.BigInteger"/> then read).
    /// </summary>
    public static bool QuickInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (s.Length - i is < 1 or > 18) return false;
        long n = 0;
        for (; i < s.Length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            n = n * 10 + d;
        }
        value = negative ? -n : n;
        return true;
    }

    private static int Two(string s, int at)
    {
        var a = s[at] - '0';
        var b = s[at + 1] - '0';
        return (uint)a > 9 || (uint)b > 9 ? -1 : a * 10 + b;
    }

    /// <summary>
    /// True for an <c>xs:dateTime</c> of the common form <c>YYYY-MM-DDThh:mm:ss(.s+)?</c> with an optional zone, a four-digit
    /// year, hours below 24 and a day its month has: forms that <see cref="DateTime"/> and <see cref="ValidDay"/> accept.
    /// False for anything else, valid or not (the regex decides those).
    /// </summary>
    public static bool QuickDateTime(string s)
    {
        var n = s.Length;
        if (n < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        var century = Two(s, 0);
        var yy = Two(s, 2);
        var month = Two(s, 5);
        var day = Two(s, 8);
        var hour = Two(s, 11);
        var minute = Two(s, 14);
        var second = Two(s, 17);
        if (century < 0 || yy < 0 || month is < 1 or > 12 || day < 1 || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59) return false;
        if (day > DaysInMonth(month, century * 100 + yy)) return false;
        var i = 19;
        if (i < n && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < n && (uint)(s[i] - '0') <= 9) i++;
            if (i == start) return false;
        }
        if (i == n) return true;
        if (s[i] == 'Z') return i + 1 == n;
        if ((s[i] != '+' && s[i] != '-') || n - i != 6 || s[i + 3] != ':') return false;
        var zh = Two(s, i + 1);
        var zm = Two(s, i + 4);
        return zh >= 0 && zm is >= 0 and <= 59 && (zh <= 13 || (zh == 14 && zm == 0));
    }

    private static bool IsLeapYear(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    private static int DaysInMonth(int month, long? year)
    {
        if (month == 2) return year is null || IsLeapYear(year.Value) ? 29 : 28;
        return month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    /// <summary>Checks the day against its month (and year, when there is one).</summary>
    public static bool ValidDay(string s, bool hasYear)
    {
        var m = hasYear ? YearMonthDay.Match(s) : MonthDay.Match(s);
        if (!m.Success) return false;
        long? year = hasYear ? (long.TryParse(m.Groups[1].Value, out var y) ? y : 0) : null;
        var month = int.Parse(m.Groups[hasYear ? 2 : 1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[hasYear ? 3 : 2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return day <= DaysInMonth(month, year);
    }

    // -----------------------------------------------------------------------------------------
    // Binaries

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Decodes base64, ignoring XML whitespace; padding is required as XSD specifies.</summary>
    public static byte[] DecodeBase64(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) if (!IsXmlSpace(c)) sb.Append(c);
        var s = sb.ToString();
        if (s.Length % 4 != 0) throw BuiltinValueException.Invalid("base64 length is not a multiple of 4");
        var pad = s.EndsWith("==", StringComparison.Ordinal) ? 2 : s.EndsWith('=') ? 1 : 0;
        var output = new byte[s.Length / 4 * 3 - pad];
        var o = 0;
        for (var i = 0; i < s.Length; i += 4)
        {
            var last = i + 4 == s.Length;
            var bits = 0;
            for (var j = 0; j < 4; j++)
            {
                var c = s[i + j];
                var v = c < 128 ? Base64Alphabet.IndexOf(c) : -1;
                if (v == -1)
                {
                    if (!(c == '=' && last && j >= 4 - pad)) throw BuiltinValueException.Invalid("invalid base64 character");
                    v = 0;
                }
                bits = (bits << 6) | v;
            }
            output[o++] = (byte)(bits >> 16);
            if (o < output.Length) output[o++] = (byte)((bits >> 8) & 0xFF);
            if (o < output.Length) output[o++] = (byte)(bits & 0xFF);
        }
        return output;
    }

    public static string EncodeBase64(byte[] bytes) => Convert.ToBase64String(bytes);

    public static byte[] DecodeHex(string text)
    {
        var s = Collapse(text);
        if (s.Length % 2 != 0) throw BuiltinValueException.Invalid("not a valid hexBinary");
        foreach (var c in s)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) throw BuiltinValueException.Invalid("not a valid hexBinary");
        }
        return Convert.FromHexString(s);
    }

    public static string EncodeHex(byte[] bytes) => Convert.ToHexString(bytes);
}

/// <summary>Checking lexical forms for the public value types, and reading dates and zones out of them.</summary>
internal static class XsdTemporal
{
    public static string Check(string lexical, Regex pattern, string what, bool dayOfYear)
    {
        var s = XsdLexical.Collapse(lexical);
        if (!pattern.IsMatch(s) || (dayOfYear && !XsdLexical.ValidDay(s, true))) throw new FormatException($"not a valid xs:{what}");
        return s;
    }

    public static string ZoneText(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero) return "Z";
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return $"{sign}{abs.Hours:00}:{abs.Minutes:00}";
    }

    /// <summary>Where the zone (<c>Z</c> or <c>+hh:mm</c>) starts, or the length when there is none.</summary>
    public static int ZoneStart(string s)
    {
        if (s.EndsWith('Z')) return s.Length - 1;
        var n = s.Length;
        return n >= 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':' ? n - 6 : n;
    }

    public static TimeSpan? OffsetOf(string s)
    {
        var at = ZoneStart(s);
        if (at == s.Length) return null;
        if (s[at] == 'Z') return TimeSpan.Zero;
        var hours = int.Parse(s.Substring(at + 1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(s.Substring(at + 4, 2), CultureInfo.InvariantCulture);
        var offset = new TimeSpan(hours, minutes, 0);
        return s[at] == '-' ? -offset : offset;
    }

    /// <summary>The clock time of a dateTime lexical form; throws <see cref="OverflowException"/> when DateTime cannot hold it.</summary>
    public static DateTime ToDateTime(string s, bool kindFromZone)
    {
        if (s.Length == 0) return default;
        var zone = ZoneStart(s);
        var body = s.Substring(0, zone);
        var t = body.IndexOf('T');
        var date = body.Substring(0, t);
        var time = body.Substring(t + 1);
        var parts = date.Split('-');
        if (date.StartsWith('-') || parts.Length != 3 || parts[0].Length > 4) throw new OverflowException("the year is outside the range of System.DateTime");
        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var month = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var day = int.Parse(parts[2], CultureInfo.InvariantCulture);
        var hour = int.Parse(time.Substring(0, 2), CultureInfo.InvariantCulture);
        var minute = int.Parse(time.Substring(3, 2), CultureInfo.InvariantCulture);
        var second = int.Parse(time.Substring(6, 2), CultureInfo.InvariantCulture);
        long fractionTicks = 0;
        if (time.Length > 9)
        {
            var digits = (time.Substring(9) + "0000000").Substring(0, 7);
            fractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
        }
        var kind = kindFromZone && zone < s.Length && s[zone] == 'Z' ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        if (year < 1) throw new OverflowException("the year is outside the range of System.DateTime");
        var value = new DateTime(year, month, day, 0, 0, 0, kind);
        return hour == 24 ? value.AddDays(1) : value.AddTicks(new TimeSpan(hour, minute, second).Ticks + fractionTicks);
    }
}
