namespace ECGrid.Soap.Runtime.Tests;

using System.Collections.Generic;
using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

public class CodecTests
{
    private const string Xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private static Item Sample() => new()
    {
        Id = 1,
        Name = "a&b <é>",
        Color = Color.DarkBlue,
        Tags = ["x", null],
        Count = Nillable<long>.Nil,
        Extra = XmlElementNode.Parse("<x:ext xmlns:x=\"urn:x\">v</x:ext>"),
        Part = new Part { Size = 1.5, Note = null },
        Lang = "en",
    };

    private const string SampleXml =
        "<Item " + Xsi + " xmlns=\"urn:test\" lang=\"en\"><Id>1</Id><Name>a&amp;b &lt;é&gt;</Name><Color>dark blue</Color><Tag>x</Tag><Tag xsi:nil=\"true\"/>"
        + "<Count xsi:nil=\"true\"/><x:ext xmlns:x=\"urn:x\">v</x:ext><Part xmlns=\"\"><Size>1.5</Size><Note xsi:nil=\"true\"/></Part></Item>";

    [Fact]
    public void Encodes_compact_qualified_xml_with_default_namespace_switching_and_nil()
    {
        Assert.Equal(SampleXml, ItemElement.Encode(Sample()));
    }

    [Fact]
    public void Decodes_what_it_encodes_and_writes_it_back_byte_for_byte()
    {
        var item = ItemElement.Decode(SampleXml);
        Assert.Equal(1, item.Id);
        Assert.Equal("a&b <é>", item.Name);
        Assert.Equal(Color.DarkBlue, item.Color);
        Assert.Equal(new List<string?> { "x", null }, item.Tags);
        Assert.True(item.Count is { IsNil: true });
        Assert.Null(item.When);
        Assert.Equal("urn:x", item.Extra?.NamespaceUri);
        Assert.Equal(1.5, item.Part?.Size);
        Assert.Null(item.Part?.Note);
        Assert.Equal(SampleXml, ItemElement.Encode(item));
    }

    [Fact]
    public void Absent_optional_members_are_left_out_and_lists_are_empty()
    {
        var item = ItemElement.Decode("<Item xmlns=\"urn:test\"><Id>7</Id><Color>Red</Color><Count>9007199254740993</Count><When>2026-05-07T10:00:00</When></Item>");
        Assert.Empty(item.Tags);
        Assert.Null(item.Name);
        Assert.Equal(9007199254740993L, item.Count?.Value);
        Assert.Equal("2026-05-07T10:00:00", item.When?.Lexical);
        Assert.Equal("<Item xmlns=\"urn:test\"><Id>7</Id><Color>Red</Color><Count>9007199254740993</Count><When>2026-05-07T10:00:00</When></Item>", ItemElement.Encode(item));
    }

    [Fact]
    public void Writes_unqualified_indented_xml_as_the_documentation_prints_it()
    {
        var item = new Item { Id = 2, Color = Color.Green, Part = new Part { Size = 1e21, Note = "n" } };
        Assert.Equal("<Item>\n  <Id>2</Id>\n  <Color>Green</Color>\n  <Part>\n    <Size>1e+21</Size>\n    <Note>n</Note>\n  </Part>\n</Item>", ItemElement.Encode(item, new EncodeOptions { Qualified = false, Indent = "  " }));
    }

    [Fact]
    public void A_named_type_is_written_under_its_own_name_and_decoded_whatever_the_root_name()
    {
        var item = ItemType.Decode("<Anything xmlns=\"urn:test\"><Id>3</Id><Color>Red</Color></Anything>");
        Assert.Equal("<ItemType xmlns=\"urn:test\"><Id>3</Id><Color>Red</Color></ItemType>", ItemType.Encode(item));
    }

    [Fact]
    public void Namespaces_can_be_ignored_for_unqualified_documents()
    {
        var strict = Assert.Throws<DecodeException>(() => ItemElement.Decode("<Item><Id>1</Id><Color>Red</Color></Item>"));
        Assert.Equal("wrong-namespace", strict.Code);
        var item = ItemElement.Decode("<Item><Id>1</Id><Color>Red</Color></Item>", new DecodeOptions { Namespaces = NamespaceMode.Ignore });
        Assert.Equal(Color.Red, item.Color);
    }

    [Theory]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Blue</Color></Item>", "unknown-enum-value", "Item.Color")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id></Item>", "missing-element", "Item.Color")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>99999999999</Id><Color>Red</Color></Item>", "out-of-range", "Item.Id")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Part xmlns=\"\"><Size xmlns=\"urn:other\">1</Size><Note/></Part></Item>", "wrong-namespace", "Item.Part.Size")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Part xmlns=\"\"><Size>big</Size><Note/></Part></Item>", "invalid-value", "Item.Part.Size")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Part xmlns=\"\"><Size>1</Size><Note/><Size>2</Size></Part></Item>", "unexpected-element", "Item.Part.Size")]
    [InlineData("<Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Part xmlns=\"\"><Note/></Part></Item>", "missing-element", "Item.Part.Size")]
    [InlineData("<Item xmlns=\"urn:test\">text<Id>1</Id><Color>Red</Color></Item>", "unexpected-text", "Item")]
    [InlineData("<Item xmlns=\"urn:test\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Id xsi:nil=\"true\"/><Color>Red</Color></Item>", "nil-not-allowed", "Item.Id")]
    [InlineData("<Item xmlns=\"urn:test\" lang=\"not a tag\"><Id>1</Id><Color>Red</Color></Item>", "invalid-value", "Item.lang")]
    [InlineData("<Other xmlns=\"urn:test\"/>", "unexpected-element", "Item")]
    public void Decoding_is_strict_and_names_the_path(string xml, string code, string path)
    {
        var error = Assert.Throws<DecodeException>(() => ItemElement.Decode(xml));
        Assert.Equal((code, path), (error.Code, error.Path));
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Encoding_refuses_values_the_schema_does_not_allow()
    {
        var undefined = Assert.Throws<EncodeException>(() => ItemElement.Encode(new Item { Id = 1, Color = (Color)42 }));
        Assert.Equal("Item.Color: value is not one of Red, Green, dark blue", undefined.Message);
        var nilRoot = Assert.Throws<EncodeException>(() => ItemElement.EncodeObject(null));
        Assert.Equal("nil-not-allowed", nilRoot.Code);
        var badLang = Assert.Throws<EncodeException>(() => ItemElement.Encode(new Item { Id = 1, Color = Color.Red, Lang = "not a tag" }));
        Assert.Equal(("invalid-value", "Item.lang"), (badLang.Code, badLang.Path));
        Assert.Equal("<Secret " + Xsi + " xmlns=\"urn:test\" xsi:nil=\"true\"/>", Secret.Encode(null));
    }

    [Fact]
    public void Soap_encoded_arrays_carry_their_array_type_and_nil_items()
    {
        var codec = new SoapArrayCodec("ArrayOfString", Xsd.String, "{http://www.w3.org/2001/XMLSchema}string");
        var root = XmlRoot<List<string?>>.Element("{urn:test}Names", Ns, "Names", false, codec);
        var xml = root.Encode(new List<string?> { "a", null });
        Assert.Equal(
            "<Names " + Xsi + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:test\" xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" soapenc:arrayType=\"xsd:string[2]\"><item xmlns=\"\">a</item><item xmlns=\"\" xsi:nil=\"true\"/></Names>",
            xml);
        Assert.Equal(new List<string?> { "a", null }, root.Decode(xml));
        var sparse = Assert.Throws<DecodeException>(() => root.Decode("<Names xmlns=\"urn:test\" xmlns:e=\"http://schemas.xmlsoap.org/soap/encoding/\"><item e:position=\"[2]\">a</item></Names>"));
        Assert.Equal("Names[0]", sparse.Path);
    }
}
