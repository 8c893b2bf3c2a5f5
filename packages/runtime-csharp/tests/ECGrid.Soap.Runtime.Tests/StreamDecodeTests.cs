// The fast path of decoding a response (StreamDecode.cs): the Body's first element read straight from the
// XmlReader. Where it covers a document its value is the tree path's; where it does not (or the document is
// refused), it gives up and SoapEnvelope.DecodeBody decodes through the tree, so the errors are the tree path's.
namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using ECGrid.Soap.Runtime;
using Xunit;

public enum Level
{
    Low,
    High,
}

public sealed class Entry
{
    public Entry()
    {
    }

#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal Entry(Decoding decoding)
    {
    }
#pragma warning restore CS8618

    public string? Key { get; set; }

    public required int Size { get; set; }

    public long? Big { get; set; }

    public System.Numerics.BigInteger? Huge { get; set; }

    public XsdDateTime? When { get; set; }

    public required Level Level { get; set; }

    public Level? Grade { get; set; }

    public Nillable<string>? Note { get; set; }

    public List<string?> Tags { get; set; } = [];
}

public sealed class Listing
{
    public Listing()
    {
    }

#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal Listing(Decoding decoding)
    {
    }
#pragma warning restore CS8618

    public List<Entry?> Entry { get; set; } = [];

    public string? Title { get; set; }
}

public sealed class ListingResponse
{
    public ListingResponse()
    {
    }

#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal ListingResponse(Decoding decoding)
    {
    }
#pragma warning restore CS8618

    public Listing? Result { get; set; }
}

public class StreamDecodeTests
{
    private const string Ns = "urn:stream";
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private static readonly EnumCodec<Level> LevelCodec = new("Level", Xsd.String, new[] { ("Low", Level.Low), ("High", Level.High) });
    // An enumeration on a collapsing builtin: its values are read from the collapsed text.
    private static readonly EnumCodec<Level> GradeCodec = new("Grade", Xsd.Token, new[] { ("Low", Level.Low), ("High", Level.High) });
    private static readonly ComplexCodec<Entry> EntryCodec = new("Entry", () => new Entry(Decoding.Instance));
    private static readonly ComplexCodec<Listing> ListingCodec = new("Listing", () => new Listing(Decoding.Instance));
    private static readonly ComplexCodec<ListingResponse> ResponseCodec = new("ListingResponse", () => new ListingResponse(Decoding.Instance));
    private static readonly XmlRoot<ListingResponse> Response;

    static StreamDecodeTests()
    {
        EntryCodec.Element("Key", Ns, Xsd.String, 0, 1, false, x => x.Key, (x, v) => x.Key = v);
        EntryCodec.Element("Size", Ns, Xsd.Int, 1, 1, false, x => x.Size, (x, v) => x.Size = v);
        EntryCodec.Element("Big", Ns, Xsd.Long, 0, 1, false, x => x.Big, (x, v) => x.Big = v);
        EntryCodec.Element("Huge", Ns, Xsd.Integer, 0, 1, false, x => x.Huge, (x, v) => x.Huge = v);
        EntryCodec.Element("When", Ns, Xsd.DateTime, 0, 1, false, x => x.When, (x, v) => x.When = v);
        EntryCodec.Element("Level", Ns, LevelCodec, 1, 1, false, x => x.Level, (x, v) => x.Level = v);
        EntryCodec.Element("Grade", Ns, GradeCodec, 0, 1, false, x => x.Grade, (x, v) => x.Grade = v);
        EntryCodec.NillableElement("Note", Ns, Xsd.String, 0, 1, true, x => x.Note, (x, v) => x.Note = v);
        EntryCodec.Elements("Tag", Ns, Xsd.String, 0, 3, true, x => x.Tags, (x, v) => x.Tags = v);
        ListingCodec.Elements("Entry", Ns, EntryCodec, 0, -1, true, x => x.Entry, (x, v) => x.Entry = v);
        ListingCodec.Element("Title", Ns, Xsd.String, 0, 1, false, x => x.Title, (x, v) => x.Title = v);
        ResponseCodec.Element("Result", Ns, ListingCodec, 0, 1, false, x => x.Result, (x, v) => x.Result = v);
        Response = XmlRoot<ListingResponse>.Element("{urn:stream}ListingResponse", Ns, "ListingResponse", false, ResponseCodec);
    }

    private static string Envelope(string body, string version = Soap11) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"{version}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soap:Body>{body}</soap:Body></soap:Envelope>";

    private static string Listing(string entries) => $"<ListingResponse xmlns=\"{Ns}\"><Result>{entries}</Result></ListingResponse>";

    private const string Full =
        "<Entry><Key>a &amp; b</Key><Size>12</Size><Big>-9007199254740993</Big><Huge>123456789012345678901234567890</Huge>"
        + "<When>2026-02-28T23:59:59.125+05:30</When><Level>High</Level><Note>n</Note><Tag>x</Tag><Tag xsi:nil=\"true\"/></Entry>";

    /// <summary>The tree path's value, written back as XML, to compare whole values.</summary>
    private static string TreeValue(string text, XmlLimits? limits = null) =>
        Response.Encode(Response.Decode(SoapEnvelope.Decode(text, limits ?? XmlLimits.Default).Body));

    public static TheoryData<string> Covered() => new()
    {
        Envelope(Listing(Full + "<Entry xsi:nil=\"true\"/>" + "<Entry><Size>+007</Size><Level>Low</Level><Note xsi:nil=\"true\"/></Entry>") ),
        Envelope(Listing("")),
        // Integers and enumerations are read from the text's characters: pieces joined, layout to collapse, a long text.
        Envelope(Listing("<Entry><Size>1<!-- c -->2<?pi x?><![CDATA[3]]></Size><Big> \r\n 42 </Big><Level>Hi<![CDATA[gh]]></Level><Grade> High </Grade></Entry>")),
        Envelope(Listing("<Entry><Size>-0</Size><Big>" + new string('0', StreamReading.MaxTextChars - 2) + "7</Big><Level>Low</Level><Grade>Low</Grade></Entry>")),
        Envelope("<ListingResponse xmlns=\"urn:stream\"><Result/></ListingResponse>"),
        Envelope("<ListingResponse xmlns=\"urn:stream\"/>"),
        // Layout, comments, CDATA, references, CRLF, empty elements, prefixes, nil="false", the BOM, SOAP 1.2, more Body children.
        "\uFEFF<?xml version=\"1.0\"?>\r\n<!-- before -->\r\n<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">\r\n  <env:Body>\r\n"
        + "    <r:ListingResponse xmlns:r=\"urn:stream\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\r\n      <r:Result>\r\n        <!-- entries -->\r\n"
        + "        <r:Entry i:nil=\"false\">\r\n          <r:Key>  spaced\r\n text <!-- c --><![CDATA[<cdata>]]>&#x41;</r:Key>\r\n          <r:Size>0</r:Size>\r\n"
        + "          <r:When>2024-02-29T24:00:00Z</r:When><r:Level>High</r:Level><r:Note/><r:Tag></r:Tag><r:Tag>   </r:Tag>\r\n        </r:Entry>\r\n"
        + "        <r:Entry><r:Key/><r:Size>-2147483648</r:Size><r:When>0001-01-01T00:00:00</r:When><r:Level>Low</r:Level></r:Entry>\r\n"
        + "      </r:Result>\r\n    </r:ListingResponse>\r\n    <ignored><deep/></ignored>\r\n  </env:Body>\r\n</env:Envelope>\r\n<!-- after -->\r\n",
    };

    [Theory]
    [MemberData(nameof(Covered))]
    public void Where_the_fast_path_covers_a_response_its_value_is_the_tree_paths(string text)
    {
        Assert.True(SoapEnvelope.TryDecodeBody(text, Response, XmlLimits.Default, null, null, out var fast));
        Assert.Equal(TreeValue(text), Response.Encode(fast));
        Assert.Equal(TreeValue(text), Response.Encode(SoapEnvelope.DecodeBody(text, Response)));
    }

    [Fact]
    public void On_mutants_of_covered_responses_the_fast_path_gives_the_tree_paths_value_or_gives_up()
    {
        var random = new Random(42);
        var fast = 0;
        var tried = 0;
        foreach (var row in Covered())
        {
            var text = row.Data;
            for (var i = 0; i < 600; i++)
            {
                var mutant = XmlScannerTests.Mutate(text, random);
                tried++;
                if (!SoapEnvelope.TryDecodeBody(mutant, Response, XmlLimits.Default, null, null, out var value)) continue;
                fast++;
                string tree;
                try
                {
                    tree = TreeValue(mutant);
                }
                catch (Exception error)
                {
                    throw new InvalidOperationException($"the fast path decoded a response the tree path refuses ({error.Message}): {mutant}");
                }
                Assert.Equal(tree, Response.Encode(value));
            }
        }
        // Most mutants break the XML or the schema; a share still decodes on the fast path (the test checks something).
        Assert.InRange(fast, tried / 40, tried);
    }

    [Fact]
    public void The_fast_path_reads_nil_items_empty_lists_and_each_builtin()
    {
        Assert.True(SoapEnvelope.TryDecodeBody(Envelope(Listing(Full + "<Entry xsi:nil=\"true\"/>")), Response, XmlLimits.Default, null, null, out var value));
        var entries = value.Result!.Entry;
        Assert.Equal(2, entries.Count);
        Assert.Null(entries[1]);
        var e = entries[0]!;
        Assert.Equal(("a & b", 12, -9007199254740993L, "2026-02-28T23:59:59.125+05:30", Level.High), (e.Key, e.Size, e.Big!.Value, e.When!.Value.Lexical, e.Level));
        Assert.Equal(System.Numerics.BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), e.Huge);
        Assert.Equal(new Nillable<string>("n"), e.Note);
        Assert.Equal(new List<string?> { "x", null }, e.Tags);
        Assert.True(SoapEnvelope.TryDecodeBody(Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level></Entry>")), Response, XmlLimits.Default, null, null, out value));
        Assert.Empty(value.Result!.Entry[0]!.Tags);
        Assert.Null(value.Result!.Entry[0]!.Note);
    }

    private static readonly XmlLimits Tight = XmlLimits.Default with { MaxDepth = 6, MaxNameLength = 16, MaxAttributes = 2, MaxNamespaceDeclarations = 3, MaxNamespacesInScope = 5, MaxTextLength = 40 };

    public static TheoryData<string, XmlLimits?> Refused() => new()
    {
        // Values the schema refuses.
        { Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level><Extra/></Entry>")), null },
        { Envelope(Listing("<Entry><Level>Low</Level><Size>1</Size></Entry>")), null },
        { Envelope(Listing("<Entry><Key>k</Key><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size xmlns=\"urn:other\">1</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1.5</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>2147483648</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><Level>Middle</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><Level> High</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level><Grade>Hig h</Grade></Entry>")), null },
        { Envelope(Listing("<Entry><Size>\U0001F600</Size><Level>Low</Level></Entry>")), null },
        // Past the characters the fast path reads for a value: the tree path reads it (to the same value).
        { Envelope(Listing("<Entry><Size>1</Size><Big>" + new string('0', StreamReading.MaxTextChars) + "7</Big><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>" + new string(' ', StreamReading.MaxTextChars) + "7</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><When>2026-02-29T00:00:00</When><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><When>2026-01-01T00:00:00+14:30</When><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level><Tag/><Tag/><Tag/><Tag/></Entry>")), null },
        { Envelope(Listing("<Entry>text<Size>1</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size><b>1</b></Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry><Size xsi:nil=\"true\"/><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry xsi:type=\"Entry\"><Size>1</Size><Level>Low</Level></Entry>")), null },
        { Envelope(Listing("<Entry a=\"1\"><Size>1</Size><Level>Low</Level></Entry>")), null },
        { Envelope("<Other xmlns=\"urn:stream\"/>"), null },
        { Envelope("<ListingResponse/>"), null },
        { Envelope("<ListingResponse xmlns=\"urn:stream\" xsi:nil=\"true\"/>"), null },
        // Envelopes the tree path refuses or keeps more of.
        { Envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring></soap:Fault>"), null },
        { Envelope(""), null },
        { "<soap:Envelope xmlns:soap=\"urn:not-soap\"><soap:Body><ListingResponse xmlns=\"urn:stream\"/></soap:Body></soap:Envelope>", null },
        { "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"/>", null },
        { "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/><soap:Body><ListingResponse xmlns=\"urn:stream\"/></soap:Body></soap:Envelope>", null },
        { "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><ListingResponse xmlns=\"urn:stream\"/></soap:Body><soap:Header/></soap:Envelope>", null },
        { Envelope(Listing("")) + "<trailing/>", null },
        { Envelope(Listing("")).Replace("?>", "?><!DOCTYPE soap:Envelope [<!ENTITY x \"y\">]>", StringComparison.Ordinal), null },
        { Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level></Entry>")).Replace("</soap:Body>", "", StringComparison.Ordinal), null },
        // The reader's limits, on every part of the document.
        { Envelope("<ListingResponse xmlns=\"urn:stream\"><Result><Entry><Key>k</Key><Size>1</Size><Level>Low</Level></Entry></Result></ListingResponse>"), XmlLimits.Default with { MaxDepth = 4 } },
        { Envelope("<ListingResponse xmlns=\"urn:stream\"/><x><y><z><w><v><u/></v></w></z></y></x>"), Tight },
        { Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level><Averyveryverylongname/></Entry>")), Tight },
        { Envelope("<ListingResponse xmlns=\"urn:stream\"/>").Replace("<soap:Body>", "<soap:Body a=\"1\" b=\"2\" c=\"3\">", StringComparison.Ordinal), Tight },
        { Envelope("<ListingResponse xmlns=\"urn:stream\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:c=\"urn:c\"/>"), Tight },
        { Envelope("<ListingResponse xmlns=\"urn:stream\" xmlns:a=\"urn:a\"><Result xmlns:b=\"urn:b\" xmlns:c=\"urn:c\"/></ListingResponse>"), Tight },
        { Envelope(Listing("<Entry><Key>" + new string('k', 41) + "</Key><Size>1</Size><Level>Low</Level></Entry>")), Tight },
        { Envelope(Listing("<Entry><!--" + new string('c', 41) + "--><Size>1</Size><Level>Low</Level></Entry>")), Tight },
        { Envelope(Listing("")) + "<?pi " + new string('p', 41) + "?>", Tight },
        { Envelope(Listing("")).Replace("<soap:Body>", "<soap:Body x=\"" + new string('v', 41) + "\">", StringComparison.Ordinal), Tight },
        { Envelope(Listing("")), XmlLimits.Default with { MaxDocumentLength = 100 } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Where_the_fast_path_gives_up_the_tree_path_decides_with_its_own_error(string text, XmlLimits? limits)
    {
        var within = limits ?? XmlLimits.Default;
        Assert.False(SoapEnvelope.TryDecodeBody(text, Response, within, null, null, out _));
        Exception? expected = null;
        string? value = null;
        try
        {
            value = TreeValue(text, within);
        }
        catch (Exception error)
        {
            expected = error;
        }
        if (expected is null)
        {
            Assert.Equal(value, Response.Encode(SoapEnvelope.DecodeBody(text, Response, within)));
            return;
        }
        var actual = Assert.ThrowsAny<Exception>(() => SoapEnvelope.DecodeBody(text, Response, within));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal((expected as SoapRuntimeException)?.Code, (actual as SoapRuntimeException)?.Code);
    }

    [Fact]
    public void The_fast_path_checks_the_expected_version_and_limits_at_their_edge()
    {
        var text = Envelope(Listing("<Entry><Size>1</Size><Level>Low</Level></Entry>"));
        Assert.False(SoapEnvelope.TryDecodeBody(text, Response, XmlLimits.Default, SoapVersion.Soap12, null, out _));
        Assert.Equal("version-mismatch", Assert.Throws<EnvelopeException>(() => SoapEnvelope.DecodeBody(text, Response, null, SoapVersion.Soap12)).Code);
        Assert.True(SoapEnvelope.TryDecodeBody(text, Response, XmlLimits.Default, SoapVersion.Soap11, null, out _));
        // Envelope, Body, ListingResponse, Result, Entry, Size: six levels pass a depth limit of 6, not one of 5.
        Assert.True(SoapEnvelope.TryDecodeBody(text, Response, XmlLimits.Default with { MaxDepth = 6 }, null, null, out _));
        Assert.False(SoapEnvelope.TryDecodeBody(text, Response, XmlLimits.Default with { MaxDepth = 5 }, null, null, out _));
        Assert.Equal("depth-limit", Assert.Throws<XmlParseException>(() => SoapEnvelope.DecodeBody(text, Response, XmlLimits.Default with { MaxDepth = 5 })).Code);
    }

    [Fact]
    public void Quick_integers_read_to_the_values_and_errors_of_the_general_path()
    {
        // A space around the digits takes the general path (collapse, regex, BigInteger); without, the quick one.
        SimpleCodec[] codecs =
        [
            Xsd.Byte, Xsd.Short, Xsd.Int, Xsd.Long, Xsd.UnsignedByte, Xsd.UnsignedShort, Xsd.UnsignedInt, Xsd.UnsignedLong,
            Xsd.Integer, Xsd.PositiveInteger, Xsd.NegativeInteger, Xsd.NonNegativeInteger, Xsd.NonPositiveInteger,
        ];
        string[] lexicals = ["0", "-0", "+1", "-1", "0127", "127", "128", "-128", "-129", "255", "256", "32767", "-32769", "65535", "65536",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "999999999999999999", "-999999999999999999"];
        static (object? Value, string? Error) Read(SimpleCodec codec, string lexical)
        {
            try
            {
                return (codec.Builtin.Parse(lexical), null);
            }
            catch (BuiltinValueException error)
            {
                return (null, error.Code + ": " + error.Reason);
            }
        }
        foreach (var codec in codecs)
        {
            foreach (var lexical in lexicals)
            {
                var general = Read(codec, " " + lexical + " ");
                var quick = Read(codec, lexical);
                Assert.True(Equals(general.Value, quick.Value) && general.Error == quick.Error, $"{codec.Name} {lexical}: {general} / {quick}");
                Assert.Equal(general.Value?.GetType(), quick.Value?.GetType());
            }
        }
    }

    [Fact]
    public void The_quick_builtin_checks_accept_only_what_the_patterns_accept()
    {
        var dates = new List<string>
        {
            "2026-05-07T10:00:00", "2026-05-07T10:00:00Z", "2026-05-07T10:00:00.5-03:00", "2024-02-29T00:00:00", "2023-02-29T00:00:00",
            "1900-02-29T00:00:00", "2000-02-29T00:00:00", "2026-04-31T00:00:00", "2026-13-01T00:00:00", "2026-00-01T00:00:00",
            "2026-01-00T00:00:00", "2026-01-01T24:00:00", "2026-01-01T23:60:00", "2026-01-01T23:00:60", "2026-01-01T00:00:00.",
            "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00+14:01", "2026-01-01T00:00:00+13:59", "2026-01-01T00:00:00+1:00",
            "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00", "2026-01-01 00:00:00", "-2026-01-01T00:00:00", "12026-01-01T00:00:00",
            "0000-01-01T00:00:00", "2026-1-01T00:00:00", "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00+05:3a", "2026-01-01T00:00:00.123456789Z",
        };
        var quickDates = 0;
        foreach (var s in dates)
        {
            if (!XsdLexical.QuickDateTime(s)) continue;
            quickDates++;
            Assert.True(XsdLexical.DateTime.IsMatch(s) && XsdLexical.ValidDay(s, true), s);
        }
        Assert.Equal(9, quickDates);
        var integers = new[] { "0", "-0", "+0", "007", "-9223372036854775808", "999999999999999999", "1000000000000000000", "", "-", "+", "1 ", "1.0", "١٢" };
        foreach (var s in integers)
        {
            if (!XsdLexical.QuickInteger(s, out var n)) continue;
            Assert.Matches(XsdLexical.Integer, s);
            Assert.Equal(System.Numerics.BigInteger.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), new System.Numerics.BigInteger(n));
        }
        Assert.Equal(5, integers.Count(s => XsdLexical.QuickInteger(s, out _)));
    }
}
