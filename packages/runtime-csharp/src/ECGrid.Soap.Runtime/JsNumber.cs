namespace ECGrid.Soap.Runtime;

using System.Globalization;
using System.Text;

/// <summary>
/// Numbers written the way JavaScript's <c>String(n)</c> writes them (the shortest digits that read back
/// to the same value, plain notation from 1e-7 to 1e21, <c>1e+21</c> style beyond), so every SDK
/// writes <c>xs:double</c> and <c>xs:float</c> values with the same bytes. NaN and infinities are the caller's.
/// </summary>
internal static class JsNumber
{
    public static string Format(double value) => Layout(value.ToString("R", CultureInfo.InvariantCulture));

    public static string Format(float value) => Layout(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Lays out .NET's shortest round-trip text ("1.5E-07") with ECMAScript's Number::toString rules.</summary>
    private static string Layout(string shortest)
    {
        var negative = shortest.StartsWith('-');
        var s = negative ? shortest.Substring(1) : shortest;
        var exponent = 0;
        var e = s.IndexOfAny(new[] { 'E', 'e' });
        if (e >= 0)
        {
            exponent = int.Parse(s.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s.Substring(0, e);
        }
        var dot = s.IndexOf('.');
        var integer = dot < 0 ? s : s.Substring(0, dot);
        var fraction = dot < 0 ? "" : s.Substring(dot + 1);
        var digits = integer + fraction;
        var point = integer.Length + exponent;
        var start = 0;
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
            point--;
        }
        digits = digits.Substring(start).TrimEnd('0');
        if (digits.Length == 0) return "0";
        var k = digits.Length;
        var n = point;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exp = n - 1;
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(System.Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
