namespace ECGrid.Soap.Runtime;

using System;
using System.Globalization;
using System.Xml;

/// <summary>
/// An <c>xs:dateTime</c> that keeps its lexical form: <c>2026-05-07T10:00:00</c> stays without a zone and
/// is written back exactly as received. <see cref="DateTime"/> gives the clock time as written,
/// <see cref="Offset"/> the zone if there is one, and format strings apply to the date:
/// <c>$"{created:yyyy-MM-dd}"</c>. Equality compares the lexical forms.
/// </summary>
public readonly struct XsdDateTime : IEquatable<XsdDateTime>, IFormattable
{
    private readonly string? _lexical;

    private XsdDateTime(string lexical) => _lexical = lexical;

    internal static XsdDateTime FromValidLexical(string lexical) => new(lexical);

    internal string? LexicalOrNull => _lexical;

    /// <summary>The lexical form, exactly as received or given ('' for <c>default</c>).</summary>
    public string Lexical => _lexical ?? "";

    /// <summary>Reads a lexical form; throws <see cref="FormatException"/> when it is not a valid <c>xs:dateTime</c>.</summary>
    public static XsdDateTime Parse(string lexical) => new(XsdTemporal.Check(lexical, XsdLexical.DateTime, "dateTime", true));

    /// <summary>
    /// The value of a <see cref="System.DateTime"/>: <c>Z</c> for UTC, the local offset for local times, no zone
    /// for unspecified ones; fractional seconds only when there are any.
    /// </summary>
    public static XsdDateTime FromDateTime(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => new(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z"),
        DateTimeKind.Local => FromDateTimeOffset(new DateTimeOffset(value)),
        _ => new(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
    };

    /// <summary>The value of a <see cref="System.DateTimeOffset"/>, with its offset (<c>Z</c> for zero).</summary>
    public static XsdDateTime FromDateTimeOffset(DateTimeOffset value) =>
        new(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + XsdTemporal.ZoneText(value.Offset));

    /// <summary>See <see cref="FromDateTime"/>.</summary>
    public static implicit operator XsdDateTime(DateTime value) => FromDateTime(value);

    /// <summary>The clock time as written (ticks beyond 100 ns dropped); <see cref="DateTimeKind.Utc"/> for <c>Z</c>, unspecified otherwise.</summary>
    public DateTime DateTime => XsdTemporal.ToDateTime(Lexical, true);

    /// <summary>The zone written with the value, or null when it has none.</summary>
    public TimeSpan? Offset => XsdTemporal.OffsetOf(Lexical);

    /// <summary>
    /// The instant when the value has a zone; null for a value without one (<c>2026-05-07T10:00:00</c>), which names no instant:
    /// no offset is invented. Use <see cref="DateTime"/> (<see cref="DateTimeKind.Unspecified"/>) for its clock time, or
    /// <see cref="ToDateTimeOffset"/> to say which zone to assume.
    /// </summary>
    public DateTimeOffset? DateTimeOffset => Offset is { } offset ? new DateTimeOffset(DateTime.Ticks, offset) : null;

    /// <summary>The instant, taking a value without a zone to be at <paramref name="assumedOffset"/> (its own zone wins when it has one).</summary>
    public DateTimeOffset ToDateTimeOffset(TimeSpan assumedOffset) => new(DateTime.Ticks, Offset ?? assumedOffset);

    /// <summary>The lexical form; with a format, the <see cref="DateTime"/> formatted.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? Lexical : DateTime.ToString(format, formatProvider);

    /// <summary>The lexical form.</summary>
    public override string ToString() => Lexical;

    /// <summary>True when the lexical forms are the same.</summary>
    public bool Equals(XsdDateTime other) => Lexical == other.Lexical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdDateTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Lexical.GetHashCode(StringComparison.Ordinal);

    /// <summary>Lexical equality.</summary>
    public static bool operator ==(XsdDateTime left, XsdDateTime right) => left.Equals(right);

    /// <summary>Lexical inequality.</summary>
    public static bool operator !=(XsdDateTime left, XsdDateTime right) => !left.Equals(right);
}

/// <summary>An <c>xs:date</c> that keeps its lexical form (<c>2026-05-07</c>, <c>2026-05-07Z</c>); <see cref="Date"/> gives the date.</summary>
public readonly struct XsdDate : IEquatable<XsdDate>, IFormattable
{
    private readonly string? _lexical;

    private XsdDate(string lexical) => _lexical = lexical;

    internal static XsdDate FromValidLexical(string lexical) => new(lexical);

    internal string? LexicalOrNull => _lexical;

    /// <summary>The lexical form ('' for <c>default</c>).</summary>
    public string Lexical => _lexical ?? "";

    /// <summary>Reads a lexical form; throws <see cref="FormatException"/> when it is not a valid <c>xs:date</c>.</summary>
    public static XsdDate Parse(string lexical) => new(XsdTemporal.Check(lexical, XsdLexical.Date, "date", true));

    /// <summary>The value of a <see cref="DateOnly"/>, without a zone.</summary>
    public static XsdDate FromDateOnly(DateOnly value) => new(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The date as written.</summary>
    public DateOnly Date => DateOnly.FromDateTime(XsdTemporal.ToDateTime(Lexical.Substring(0, XsdTemporal.ZoneStart(Lexical)) + "T00:00:00", false));

    /// <summary>The lexical form; with a format, the <see cref="Date"/> formatted.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => string.IsNullOrEmpty(format) ? Lexical : Date.ToString(format, formatProvider);

    /// <summary>The lexical form.</summary>
    public override string ToString() => Lexical;

    /// <summary>True when the lexical forms are the same.</summary>
    public bool Equals(XsdDate other) => Lexical == other.Lexical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdDate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Lexical.GetHashCode(StringComparison.Ordinal);
}

/// <summary>An <c>xs:time</c> that keeps its lexical form (<c>10:00:00</c>); <see cref="Time"/> gives the time of day.</summary>
public readonly struct XsdTime : IEquatable<XsdTime>, IFormattable
{
    private readonly string? _lexical;

    private XsdTime(string lexical) => _lexical = lexical;

    internal static XsdTime FromValidLexical(string lexical) => new(lexical);

    internal string? LexicalOrNull => _lexical;

    /// <summary>The lexical form ('' for <c>default</c>).</summary>
    public string Lexical => _lexical ?? "";

    /// <summary>Reads a lexical form; throws <see cref="FormatException"/> when it is not a valid <c>xs:time</c>.</summary>
    public static XsdTime Parse(string lexical) => new(XsdTemporal.Check(lexical, XsdLexical.TimeOfDay, "time", false));

    /// <summary>The value of a <see cref="TimeOnly"/>, without a zone.</summary>
    public static XsdTime FromTimeOnly(TimeOnly value) => new(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));

    /// <summary>The time of day as written (<c>24:00:00</c> is midnight).</summary>
    public TimeOnly Time => TimeOnly.FromDateTime(XsdTemporal.ToDateTime("2000-01-01T" + Lexical.Substring(0, XsdTemporal.ZoneStart(Lexical)), false));

    /// <summary>The lexical form; with a format, the <see cref="Time"/> formatted.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => string.IsNullOrEmpty(format) ? Lexical : Time.ToString(format, formatProvider);

    /// <summary>The lexical form.</summary>
    public override string ToString() => Lexical;

    /// <summary>True when the lexical forms are the same.</summary>
    public bool Equals(XsdTime other) => Lexical == other.Lexical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Lexical.GetHashCode(StringComparison.Ordinal);
}

/// <summary>An <c>xs:duration</c> that keeps its lexical form (<c>P1DT2H</c>).</summary>
public readonly struct XsdDuration : IEquatable<XsdDuration>
{
    private readonly string? _lexical;

    private XsdDuration(string lexical) => _lexical = lexical;

    internal static XsdDuration FromValidLexical(string lexical) => new(lexical);

    internal string? LexicalOrNull => _lexical;

    /// <summary>The lexical form ('' for <c>default</c>).</summary>
    public string Lexical => _lexical ?? "";

    /// <summary>Reads a lexical form; throws <see cref="FormatException"/> when it is not a valid <c>xs:duration</c>.</summary>
    public static XsdDuration Parse(string lexical) => new(XsdTemporal.Check(lexical, XsdLexical.Duration, "duration", false));

    /// <summary>The duration of a <see cref="System.TimeSpan"/> (days, hours, minutes, seconds).</summary>
    public static XsdDuration FromTimeSpan(TimeSpan value) => new(XmlConvert.ToString(value));

    /// <summary>The duration as a <see cref="System.TimeSpan"/> (a year counts 365 days, a month 30).</summary>
    public TimeSpan TimeSpan => XmlConvert.ToTimeSpan(Lexical);

    /// <summary>The lexical form.</summary>
    public override string ToString() => Lexical;

    /// <summary>True when the lexical forms are the same.</summary>
    public bool Equals(XsdDuration other) => Lexical == other.Lexical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdDuration other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Lexical.GetHashCode(StringComparison.Ordinal);
}

/// <summary>An <c>xs:decimal</c> with its exact digits: <c>-12.50</c> stays <c>-12.50</c>, whatever its size.</summary>
public readonly struct XsdDecimal : IEquatable<XsdDecimal>, IFormattable
{
    private readonly string? _lexical;

    private XsdDecimal(string lexical) => _lexical = lexical;

    internal static XsdDecimal FromValidLexical(string lexical) => new(lexical);

    internal string? LexicalOrNull => _lexical;

    /// <summary>The lexical form ('' for <c>default</c>).</summary>
    public string Lexical => _lexical ?? "";

    /// <summary>Reads a lexical form; throws <see cref="FormatException"/> when it is not a valid <c>xs:decimal</c>.</summary>
    public static XsdDecimal Parse(string lexical) => new(XsdTemporal.Check(lexical, XsdLexical.Decimal, "decimal", false));

    /// <summary>The digits of a <see cref="decimal"/>, its scale kept (<c>12.50m</c> is <c>12.50</c>).</summary>
    public static XsdDecimal FromDecimal(decimal value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>See <see cref="FromDecimal"/>.</summary>
    public static implicit operator XsdDecimal(decimal value) => FromDecimal(value);

    /// <summary>The value as a <see cref="decimal"/> (throws <see cref="OverflowException"/> beyond its range; rounds beyond 28 digits).</summary>
    public decimal ToDecimal() => decimal.Parse(Lexical, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>See <see cref="ToDecimal"/>.</summary>
    public static explicit operator decimal(XsdDecimal value) => value.ToDecimal();

    /// <summary>The lexical form; with a format, the <see cref="decimal"/> value formatted.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => string.IsNullOrEmpty(format) ? Lexical : ToDecimal().ToString(format, formatProvider);

    /// <summary>The lexical form.</summary>
    public override string ToString() => Lexical;

    /// <summary>True when the lexical forms are the same.</summary>
    public bool Equals(XsdDecimal other) => Lexical == other.Lexical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XsdDecimal other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Lexical.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// An optional element that is also nillable has three states: absent (the property is null),
/// nil (<see cref="Nil"/>: written as <c>xsi:nil="true"</c>) and a value.
/// </summary>
public readonly struct Nillable<T> : IEquatable<Nillable<T>>
    where T : notnull
{
    private readonly T _value;

    /// <summary>A value.</summary>
    public Nillable(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>The nil state.</summary>
    public static Nillable<T> Nil => default;

    /// <summary>True for a value, false for nil.</summary>
    public bool HasValue { get; }

    /// <summary>True for nil.</summary>
    public bool IsNil => !HasValue;

    /// <summary>The value; throws <see cref="InvalidOperationException"/> for nil.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("the element is nil");

    /// <summary>Wraps a value.</summary>
    public static implicit operator Nillable<T>(T value) => new(value);

    /// <inheritdoc/>
    public bool Equals(Nillable<T> other) => HasValue == other.HasValue && (!HasValue || Equals(_value, other._value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Nillable<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HasValue ? _value.GetHashCode() : 0;

    /// <summary>The value's text, or <c>nil</c>.</summary>
    public override string ToString() => HasValue ? _value.ToString() ?? "" : "nil";
}
