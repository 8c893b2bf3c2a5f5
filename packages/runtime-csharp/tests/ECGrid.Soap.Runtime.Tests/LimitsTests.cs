namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ECGrid.Soap.Runtime;
using Xunit;
using static TestSchema;

/// <summary>The XML reader's limits and strictness (issue 11): each is refused with a typed error, early, with a short message.</summary>
public class LimitsTests
{
    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    [Fact]
    public void The_defaults_are_the_ones_every_runtime_shares()
    {
        var d = XmlLimits.Default;
        Assert.Equal((1024, 64 * 1024 * 1024, 256, 1024, 128, 1024, 256 * 1024 * 1024), (d.MaxDepth, d.MaxTextLength, d.MaxAttributes, d.MaxNameLength, d.MaxNamespaceDeclarations, d.MaxNamespacesInScope, d.MaxDocumentLength));
        Assert.Equal(67_108_864, new SoapClientOptions().MaxResponseBytes);
        Assert.Same(XmlLimits.Default, new SoapClientOptions().XmlLimits);
    }

    [Fact]
    public void More_than_256_attributes_on_an_element_are_refused()
    {
        static string Attributes(int n) => "<a" + string.Concat(Enumerable.Range(0, n).Select(i => $" a{i}=\"v\"")) + "/>";
        Assert.Equal(256, XmlElementNode.Parse(Attributes(256)).Attributes.Count);
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(Attributes(257)));
        Assert.Equal("attribute-limit", error.Code);
        // 100,000 attributes are refused as too many, not read (how fast is the benchmarks' business, not a unit test's).
        Assert.Equal("attribute-limit", Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(Attributes(100_000))).Code);
        Assert.Equal(300, XmlElementNode.Parse(Attributes(300), XmlLimits.Default with { MaxAttributes = 300 }).Attributes.Count);
    }

    [Fact]
    public void Names_longer_than_1024_characters_are_refused_with_a_short_message()
    {
        Assert.Equal(1024, XmlElementNode.Parse($"<{new string('n', 1024)}/>").LocalName.Length);
        var element = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse($"<{new string('n', 10 * 1024 * 1024)}/>"));
        Assert.Equal("name-limit", element.Code);
        Assert.True(element.Message.Length < 300, element.Message);
        Assert.Contains(new string('n', 100) + "\u2026", element.Message);
        var attribute = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse($"<a {new string('x', 1025)}=\"1\"/>"));
        Assert.Equal("name-limit", attribute.Code);
        Assert.Equal(2000, XmlElementNode.Parse($"<{new string('n', 2000)}/>", XmlLimits.Default with { MaxNameLength = 2000 }).Name.Length);
    }

    [Fact]
    public void More_than_128_namespace_declarations_on_an_element_are_refused()
    {
        static string Declaring(int n) => "<a" + string.Concat(Enumerable.Range(0, n).Select(i => $" xmlns:p{i}=\"urn:{i}\"")) + "/>";
        Assert.Equal(128, XmlElementNode.Parse(Declaring(128)).Declarations.Count);
        Assert.Equal("namespace-limit", Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(Declaring(129))).Code);
        Assert.Equal(129, XmlElementNode.Parse(Declaring(129), XmlLimits.Default with { MaxNamespaceDeclarations = 129 }).Declarations.Count);
    }

    [Fact]
    public void More_than_1024_namespace_declarations_in_scope_are_refused_and_closed_elements_give_theirs_back()
    {
        static string Element(int d, int n) => $"<e{d}" + string.Concat(Enumerable.Range(0, n).Select(i => $" xmlns:p{d}x{i}=\"urn:{i}\"")) + ">";
        // 8 x 128 = 1,024 in scope: accepted; one more declared below them is refused.
        var open = string.Concat(Enumerable.Range(0, 8).Select(d => Element(d, 128)));
        var close = string.Concat(Enumerable.Range(0, 8).Reverse().Select(d => $"</e{d}>"));
        XmlElementNode.Parse(open + close);
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(open + "<x xmlns:one=\"urn:1\"/>" + close));
        Assert.Equal("namespace-limit", error.Code);
        // Siblings do not add up: each one's declarations leave scope when it closes.
        XmlElementNode.Parse("<r>" + Repeat("<c xmlns:z=\"urn:z\" xmlns:y=\"urn:y\"/>", 5000) + "</r>");
        XmlElementNode.Parse("<r>" + Repeat(Element(0, 100) + "<d/></e0>", 50) + "</r>");
    }

    [Fact]
    public void Namespace_scopes_are_chained_not_copied_per_element()
    {
        // 960 prefixes in scope, then 40,000 elements declaring one more each: every scope holds its own declaration and
        // a link to the parent's, so lookups still see all of them and no element holds a copy of 961 entries.
        var open = string.Concat(Enumerable.Range(0, 8).Select(d => $"<a{d}" + string.Concat(Enumerable.Range(0, 120).Select(i => $" xmlns:p{d}x{i}=\"urn:p{i}\"")) + ">"));
        var close = string.Concat(Enumerable.Range(0, 8).Reverse().Select(d => $"</a{d}>"));
        var root = XmlElementNode.Parse(open + Repeat("<c xmlns:z=\"urn:z\"/>", 40_000) + close);
        var inner = root;
        for (var d = 1; d < 8; d++) inner = Assert.IsType<XmlElementNode>(inner.Children[0]);
        var c = Assert.IsType<XmlElementNode>(inner.Children[39_999]);
        Assert.True(c.Scope.TryGetValue("z", out var z) && z == "urn:z");
        Assert.True(c.Scope.TryGetValue("p0x0", out var p) && p == "urn:p0");
        Assert.Equal(962, c.Scope.Count); // 960, z and xml
        var scope = Assert.IsType<NamespaceScope>(c.Scope);
        Assert.NotSame(scope, Assert.IsType<XmlElementNode>(inner.Children[0]).Scope);
        // An element that declares nothing shares its parent's scope object.
        var child = Assert.IsType<XmlElementNode>(XmlElementNode.Parse("<a xmlns:q=\"urn:q\"><b/></a>").Children[0]);
        Assert.True(child.Scope.ContainsKey("q"));
    }

    [Fact]
    public void A_doctype_is_refused_at_its_line_and_column()
    {
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<?xml version=\"1.0\"?>\n<!-- note -->\n  <!DOCTYPE x [<!ENTITY e \"expanded\">]>\n<x>&e;</x>"));
        Assert.Equal("doctype-refused", error.Code);
        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.StartsWith("3:3: ", error.Message);
        var first = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>"));
        Assert.Equal(("doctype-refused", 1, 1), (first.Code, first.Line, first.Column));
    }

    [Fact]
    public void The_text_of_a_doctype_in_cdata_or_a_comment_is_not_a_doctype()
    {
        var root = XmlElementNode.Parse("<!-- <!DOCTYPE html> --><a><![CDATA[<!DOCTYPE html>]]><!--<!DOCTYPE x>--></a>");
        Assert.Equal("<!DOCTYPE html>", Assert.IsType<XmlTextNode>(root.Children[0]).Text);
        // Not well-formed, with no DOCTYPE in the prolog: not reported as one.
        Assert.Equal("not-well-formed", Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<a><!DOCTYPE x></a>")).Code);
    }

    [Fact]
    public void Error_messages_are_bounded_whatever_the_input()
    {
        // A mismatched end tag makes XmlReader quote both names whole; the message is cut.
        var name = new string('m', 1000);
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse($"<{name}></{name}x>", XmlLimits.Default));
        Assert.Equal("not-well-formed", error.Code);
        Assert.True(error.Message.Length <= 2001, $"{error.Message.Length}");
        Assert.Contains("'" + new string('m', 100) + "\u2026'", error.Message);
        Assert.DoesNotContain(new string('m', 101), error.Message);
        Assert.Equal("HTTP 500 " + new string('r', 100) + "\u2026 from http://x/", new HttpStatusException(500, new string('r', 5000), "", "", "http://x/").Message);
        var huge = new SoapRuntimeException("x", new string('z', 5_000_000));
        Assert.Equal(2001, huge.Message.Length);
        Assert.EndsWith("\u2026", huge.Message);
        // Decode errors quote names cut to 100 characters.
        var decode = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\"><Id>1</Id><Color>Red</Color><Part xmlns=\"\"><Size>1</Size><Note/><{new string('q', 1000)}/></Part></Item>"));
        Assert.Contains(new string('q', 100) + "\u2026", decode.Message);
        Assert.DoesNotContain(new string('q', 101), decode.Message);
    }

    [Fact]
    public void A_redacted_parse_error_keeps_one_position()
    {
        var error = new XmlParseException("not-well-formed", "bad name 's3cr3t'", 2, 7);
        var scrubbed = Assert.IsType<XmlParseException>(Secrets.Scrub(error, new[] { "s3cr3t" }));
        Assert.Equal("2:7: bad name '***'", scrubbed.Message);
    }

    [Fact]
    public void An_xsi_type_naming_a_type_the_schema_does_not_have_is_a_decode_error()
    {
        const string xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        var unknown = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi} xmlns:q=\"urn:nowhere\"><Id xsi:type=\"q:NoSuchType\">1</Id><Color>Red</Color></Item>"));
        Assert.Equal(("invalid-type", "Item.Id"), (unknown.Code, unknown.Path));
        var onRoot = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi} xmlns:q=\"urn:nowhere\" xsi:type=\"q:NoSuchType\"><Id>1</Id><Color>Red</Color></Item>"));
        Assert.Equal("invalid-type", onRoot.Code);
        var onChild = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi}><Id>1</Id><Color>Red</Color><Part xmlns=\"\" xsi:type=\"Other\"><Size>1</Size><Note/></Part></Item>"));
        Assert.Equal(("invalid-type", "Item.Part"), (onChild.Code, onChild.Path));
        var undeclared = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi}><Id xsi:type=\"nope:int\">1</Id><Color>Red</Color></Item>"));
        Assert.Equal("invalid-value", undeclared.Code);
        // The declared type, or a simple type's XSD built-in, is accepted.
        var item = ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi} xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><Id xsi:type=\"xs:int\">1</Id><Color xsi:type=\"xs:string\">Red</Color><Part xmlns=\"\" xmlns:t=\"urn:test\" xsi:type=\"t:Part\"><Size>1</Size><Note/></Part></Item>");
        Assert.Equal((1, Color.Red), (item.Id, item.Color));
        Assert.Equal("invalid-type", Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\" {xsi} xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><Id xsi:type=\"xs:string\">1</Id><Color>Red</Color></Item>")).Code);
    }

    [Fact]
    public void A_number_of_thousands_of_digits_is_a_decode_error()
    {
        var error = Assert.Throws<DecodeException>(() => ItemElement.Decode($"<Item xmlns=\"urn:test\"><Id>{new string('9', 5000)}</Id><Color>Red</Color></Item>"));
        Assert.Equal("Item.Id", error.Path);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void Deep_documents_decode_and_print_without_recursion_past_the_depth_limit()
    {
        var deep = Repeat("<d>", 1000) + "x" + Repeat("</d>", 1000);
        var fault = $"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>deep</faultstring><detail>{deep}</detail></soap:Fault></soap:Body></soap:Envelope>";
        var error = Assert.Throws<SoapFaultException>(() => SoapEnvelope.Decode(fault));
        Assert.StartsWith("<detail>", error.Detail!.ToString());
        Assert.Equal("depth-limit", Assert.Throws<XmlParseException>(() => SoapEnvelope.Decode(fault, XmlLimits.Default with { MaxDepth = 100 })).Code);
    }
}
