namespace ECGrid.Soap.Runtime.Tests;

using System.Linq;
using System.Text;
using ECGrid.Soap.Runtime;
using Xunit;

public class XmlReaderTests
{
    [Fact]
    public void Parse_keeps_prefixes_declarations_cdata_comments_and_self_closing()
    {
        var root = XmlElementNode.Parse("\uFEFF<?xml version=\"1.0\"?>\n<p:a xmlns:p=\"urn:p\" xmlns=\"urn:d\" x=\"1\"><b/><c></c><![CDATA[<raw>]]><!--note--><?pi data?></p:a>");
        Assert.Equal("p:a", root.Name);
        Assert.Equal("p", root.Prefix);
        Assert.Equal("urn:p", root.NamespaceUri);
        Assert.Equal(new[] { ("p", "urn:p"), ("", "urn:d") }, root.Declarations.Select(d => (d.Key, d.Value)));
        Assert.Equal("x", Assert.Single(root.Attributes).Name);
        var b = Assert.IsType<XmlElementNode>(root.Children[0]);
        Assert.True(b.SelfClosing);
        Assert.Equal("urn:d", b.NamespaceUri);
        Assert.False(Assert.IsType<XmlElementNode>(root.Children[1]).SelfClosing);
        Assert.True(Assert.IsType<XmlTextNode>(root.Children[2]).IsCData);
        Assert.Equal("note", Assert.IsType<XmlCommentNode>(root.Children[3]).Text);
        Assert.Equal("pi", Assert.IsType<XmlProcessingInstructionNode>(root.Children[4]).Target);
        Assert.Equal((2, 1), (root.Line, root.Column));
        Assert.Equal("<p:a xmlns:p=\"urn:p\" xmlns=\"urn:d\" x=\"1\"><b/><c></c><![CDATA[<raw>]]><!--note--><?pi data?></p:a>", root.ToString());
    }

    [Fact]
    public void A_cut_out_subtree_declares_the_namespaces_it_uses()
    {
        var root = XmlElementNode.Parse("<r xmlns=\"urn:r\" xmlns:q=\"urn:q\"><q:child q:at=\"v\"><leaf/></q:child></r>");
        var child = Assert.IsType<XmlElementNode>(root.Children[0]);
        Assert.Equal("<q:child xmlns:q=\"urn:q\" q:at=\"v\"><leaf xmlns=\"urn:r\"/></q:child>", child.ToString());
    }

    [Fact]
    public void A_doctype_is_refused_so_no_entity_is_expanded()
    {
        const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(laughs));
        Assert.Equal("doctype-refused", error.Code);
        Assert.Contains("DOCTYPE declarations are not accepted", error.Message);
        var external = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>"));
        Assert.Equal("doctype-refused", external.Code);
    }

    [Fact]
    public void Nesting_is_limited_to_1024_elements()
    {
        static string Nested(int depth) => new StringBuilder().Insert(0, "<a>", depth).Append(new StringBuilder().Insert(0, "</a>", depth)).ToString();
        var deepest = XmlElementNode.Parse(Nested(1024));
        Assert.Equal("a", deepest.LocalName);
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse(Nested(1025)));
        Assert.Equal("depth-limit", error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Documents_and_values_beyond_the_size_limits_are_refused()
    {
        Assert.Equal("size-limit", Assert.Throws<XmlParseException>(() => XmlTreeReader.Parse("<a>12345</a>", 1024, 11, 100)).Code);
        Assert.Equal("a", XmlTreeReader.Parse("<a>12345</a>", 1024, 12, 5).LocalName);
        var text = Assert.Throws<XmlParseException>(() => XmlTreeReader.Parse("<a>\n<b>123456</b></a>", 1024, 100, 5));
        Assert.Equal(("size-limit", 2), (text.Code, text.Line));
        Assert.Equal("size-limit", Assert.Throws<XmlParseException>(() => XmlTreeReader.Parse("<a x=\"123456\"/>", 1024, 100, 5)).Code);
        Assert.Equal("size-limit", Assert.Throws<XmlParseException>(() => XmlTreeReader.Parse("<a><![CDATA[123456]]></a>", 1024, 100, 5)).Code);
        Assert.Equal((1024, 256 * 1024 * 1024, 64 * 1024 * 1024), (XmlTreeReader.DefaultMaxDepth, XmlTreeReader.DefaultMaxLength, XmlTreeReader.DefaultMaxTextLength));
    }

    [Fact]
    public void Text_that_is_not_well_formed_reports_line_and_column()
    {
        var error = Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<a>\n  <b></a>"));
        Assert.Equal("not-well-formed", error.Code);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("2:", error.Message);
        Assert.Equal("not-well-formed", Assert.Throws<XmlParseException>(() => XmlElementNode.Parse("<!-- only a comment -->")).Code);
    }

    [Fact]
    public void Writer_escapes_text_and_attributes_like_the_typescript_runtime()
    {
        Assert.Equal("a&amp;b&lt;c&gt;d&#13;\"'", XmlTreeWriter.EscapeText("a&b<c>d\r\"'"));
        Assert.Equal("&amp;&lt;&gt;&quot;&#9;&#10;&#13;'", XmlTreeWriter.EscapeAttribute("&<>\"\t\n\r'"));
        Assert.Equal("<e xmlns=\"urn:e\">x &amp; y</e>", XmlElementNode.Create("urn:e", "e", "x & y").ToString());
    }
}
