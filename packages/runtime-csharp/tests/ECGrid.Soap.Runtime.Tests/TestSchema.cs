// A small schema built by hand the way generated SDKs build theirs (XmlCodec.cs): an enumeration and
// two complex types covering required, optional, nillable, repeated, wildcard and attribute members.
namespace ECGrid.Soap.Runtime.Tests;

using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ECGrid.Soap.Runtime;

public enum Color
{
    Red,
    Green,
    DarkBlue,
}

public sealed class Item
{
    public Item()
    {
    }

#pragma warning disable CS8618 // The decoder sets every required member before it returns the object.
    [SetsRequiredMembers]
    internal Item(Decoding decoding)
    {
    }
#pragma warning restore CS8618

    public required int Id { get; set; }

    public string? Name { get; set; }

    public required Color Color { get; set; }

    public List<string?> Tags { get; set; } = [];

    public Nillable<long>? Count { get; set; }

    public XsdDateTime? When { get; set; }

    public XmlElementNode? Extra { get; set; }

    public Part? Part { get; set; }

    public string? Lang { get; set; }
}

public sealed class Part
{
    public Part()
    {
    }

#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal Part(Decoding decoding)
    {
    }
#pragma warning restore CS8618

    public required double Size { get; set; }

    public required string? Note { get; set; }
}

public static class TestSchema
{
    public const string Ns = "urn:test";

    public static readonly EnumCodec<Color> ColorCodec = new("Color", Xsd.String, new[] { ("Red", Color.Red), ("Green", Color.Green), ("dark blue", Color.DarkBlue) });
    public static readonly ComplexCodec<Item> ItemCodec = new("Item", () => new Item(Decoding.Instance));
    public static readonly ComplexCodec<Part> PartCodec = new("Part", () => new Part(Decoding.Instance));

    static TestSchema()
    {
        ItemCodec.Element("Id", Ns, Xsd.Int, 1, 1, false, x => x.Id, (x, v) => x.Id = v);
        ItemCodec.Element("Name", Ns, Xsd.String, 0, 1, false, x => x.Name, (x, v) => x.Name = v);
        ItemCodec.Element("Color", Ns, ColorCodec, 1, 1, false, x => x.Color, (x, v) => x.Color = v);
        ItemCodec.Elements("Tag", Ns, Xsd.String, 0, -1, true, x => x.Tags, (x, v) => x.Tags = v);
        ItemCodec.NillableElement("Count", Ns, Xsd.Long, 0, 1, true, x => x.Count, (x, v) => x.Count = v);
        ItemCodec.Element("When", Ns, Xsd.DateTime, 0, 1, false, x => x.When, (x, v) => x.When = v);
        ItemCodec.Any("any", 0, 1, x => x.Extra, (x, v) => x.Extra = v);
        ItemCodec.Element("Part", "", PartCodec, 0, 1, false, x => x.Part, (x, v) => x.Part = v);
        ItemCodec.Attribute("lang", "", Xsd.Language, false, x => x.Lang, (x, v) => x.Lang = v);
        PartCodec.Element("Size", "", Xsd.Double, 1, 1, false, x => x.Size, (x, v) => x.Size = v);
        PartCodec.Element("Note", "", Xsd.String, 1, 1, true, x => x.Note, (x, v) => x.Note = v);
    }

    public static readonly XmlRoot<Item> ItemElement = XmlRoot<Item>.Element("{urn:test}Item", Ns, "Item", false, ItemCodec);
    public static readonly XmlRoot<Item> ItemType = XmlRoot<Item>.Type("{urn:test}ItemType", Ns, "ItemType", ItemCodec);
    public static readonly XmlRoot<string?> Secret = XmlRoot<string?>.Element("{urn:test}Secret", Ns, "Secret", true, Xsd.String);
}
