namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Globalization;
using ECGrid.Soap.Runtime;
using Xunit;

public class LexicalTests
{
    [Fact]
    public void DateTime_keeps_its_lexical_form_and_exposes_date_zone_and_formatting()
    {
        var local = XsdDateTime.Parse("2026-05-07T10:00:00");
        Assert.Equal("2026-05-07T10:00:00", local.ToString());
        Assert.Null(local.Offset);
        Assert.Equal(DateTimeKind.Unspecified, local.DateTime.Kind);
        var zoned = XsdDateTime.Parse("2026-05-07T10:00:00.5+02:00");
        Assert.Equal(TimeSpan.FromHours(2), zoned.Offset);
        Assert.Equal("2026-05-07 10:00", string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm}", zoned));
        Assert.Equal(DateTimeKind.Utc, XsdDateTime.Parse("2026-05-07T10:00:00Z").DateTime.Kind);
        Assert.Equal("2026-05-07T10:00:00Z", XsdDateTime.FromDateTime(new DateTime(2026, 5, 7, 10, 0, 0, DateTimeKind.Utc)).Lexical);
        Assert.Throws<FormatException>(() => XsdDateTime.Parse("2026-02-30T10:00:00"));
        Assert.Throws<FormatException>(() => XsdDateTime.Parse("yesterday"));
    }

    [Fact]
    public void Date_time_duration_and_decimal_keep_their_lexical_forms()
    {
        Assert.Equal(new DateOnly(2026, 5, 7), XsdDate.Parse("2026-05-07Z").Date);
        Assert.Equal(new TimeOnly(10, 30), XsdTime.Parse("10:30:00").Time);
        Assert.Equal(TimeSpan.FromHours(26), XsdDuration.Parse("P1DT2H").TimeSpan);
        Assert.Equal("-12.50", XsdDecimal.Parse("-12.50").Lexical);
        Assert.Equal(-12.5m, XsdDecimal.Parse("-12.50").ToDecimal());
        Assert.Equal("12.50", ((XsdDecimal)12.50m).Lexical);
        Assert.Throws<FormatException>(() => XsdDecimal.Parse("1e5"));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456789.125, "123456789.125")]
    public void Doubles_are_written_like_javascript_String(double value, string expected)
    {
        Assert.Equal(expected, JsNumber.Format(value));
    }

    [Fact]
    public void Builtins_check_lexical_forms_and_ranges()
    {
        Assert.Equal(2147483647, Xsd.Int.Builtin.Parse(" 2147483647 "));
        Assert.Equal("out-of-range", Assert.Throws<BuiltinValueException>(() => Xsd.Int.Builtin.Parse("2147483648")).Code);
        Assert.Equal("invalid-value", Assert.Throws<BuiltinValueException>(() => Xsd.Int.Builtin.Parse("12a")).Code);
        Assert.Equal(9007199254740993L, Xsd.Long.Builtin.Parse("9007199254740993"));
        Assert.Equal(true, Xsd.Boolean.Builtin.Parse("1"));
        Assert.Equal("INF", Xsd.Double.Builtin.Format(double.PositiveInfinity));
        Assert.Equal("NaN", Xsd.Double.Builtin.Format(double.NaN));
        Assert.Equal("-0", Xsd.Double.Builtin.Format(-0.0));
        Assert.Equal("AQID", Xsd.Base64Binary.Builtin.Format(new byte[] { 1, 2, 3 }));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, (byte[])Xsd.Base64Binary.Builtin.Parse("AQID\nBA=="));
        Assert.Equal("0A0B", Xsd.HexBinary.Builtin.Format(new byte[] { 10, 11 }));
        Assert.Equal("a b", Xsd.Token.Builtin.Parse("  a \n b "));
        Assert.Equal("invalid-type", Assert.Throws<BuiltinValueException>(() => Xsd.Int.Builtin.Format("1")).Code);
    }
}
