// The scanner of the fast decoding path (XmlScanner.cs) held to XmlReader, the reader of the tree path: wherever the
// scanner reads a document to its end, XmlReader reads it too, to the same elements, namespaces, attributes and texts,
// and the tree reader does not refuse it under the same limits. Hand-picked documents, and mutants of them.
namespace ECGrid.Soap.Runtime.Tests;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using ECGrid.Soap.Runtime;
using Xunit;

public class XmlScannerTests
{
    /// <summary>What the scanner reads, one line per node; null when it gives up.</summary>
    private static List<string>? Scanned(string text, XmlLimits limits)
    {
        var events = new List<string>();
        try
        {
            var r = new XmlScanner(text, limits);
            while (r.Read())
            {
                switch (r.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            var nil = r.NilValue(out var found);
                            events.Add($"<{{{r.NamespaceURI}}}{r.LocalName.ToString()} d={r.Depth} empty={r.IsEmptyElement} attributes={r.AttributeCount} nil={(found ? nil.ToString() : "-")}>");
                            break;
                        }
                    case XmlNodeType.EndElement:
                        events.Add($"</ d={r.Depth}>");
                        break;
                    default:
                        events.Add("text " + Quote(r.TextValue()));
                        break;
                }
            }
        }
        catch (StreamBail)
        {
            return null;
        }
        return events;
    }

    /// <summary>What XmlReader reads in the same terms (comments, processing instructions and nodes outside the root left out); null when it refuses the document.</summary>
    private static List<string>? Read(string text)
    {
        var events = new List<string>();
        try
        {
            using var r = XmlReader.Create(new StringReader(text), XmlTreeReader.Settings);
            while (r.Read())
            {
                switch (r.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            var attributes = 0;
                            string? nil = null;
                            var empty = r.IsEmptyElement;
                            var depth = r.Depth;
                            if (r.MoveToFirstAttribute())
                            {
                                do
                                {
                                    if (r.NamespaceURI == "http://www.w3.org/2000/xmlns/") continue;
                                    attributes++;
                                    nil = r.NamespaceURI == "http://www.w3.org/2001/XMLSchema-instance" && r.LocalName == "nil" ? r.Value : null;
                                }
                                while (r.MoveToNextAttribute());
                                r.MoveToElement();
                            }
                            events.Add($"<{{{r.NamespaceURI}}}{r.LocalName} d={depth} empty={empty} attributes={attributes} nil={(attributes == 1 && nil is not null ? nil : "-")}>");
                            break;
                        }
                    case XmlNodeType.EndElement:
                        events.Add($"</ d={r.Depth}>");
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        if (r.Depth > 0) events.Add("text " + Quote(r.Value));
                        break;
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }
        return events;
    }

    private static string Quote(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>The scanner reads <paramref name="text"/> as XmlReader does, or gives up; true when it read it.</summary>
    private static bool Agrees(string text, XmlLimits limits)
    {
        var scanned = Scanned(text, limits);
        if (scanned is null) return false;
        var read = Read(text);
        Assert.True(read is not null, $"the scanner read a document XmlReader refuses: {Quote(text)}");
        Assert.True(scanned.SequenceEqual(read!), $"the scanner and XmlReader read {Quote(text)} differently:\n{string.Join("\n", scanned)}\n---\n{string.Join("\n", read!)}");
        // Nor does the tree reader refuse it within the same limits.
        XmlTreeReader.Parse(text, limits);
        return true;
    }

    /// <summary>Documents of the XML responses are made of: the scanner reads these itself (giving up on them would make the fast path useless).</summary>
    private static readonly string[] Covered =
    [
        "<a/>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>x</a>",
        "<?xml version='1.0' encoding='UTF-16' standalone='yes' ?>\r\n<!-- c -->\n<?pi data?>\t<a/> <!-- after --> <?p?>\n",
        "<p:a xmlns:p=\"urn:p\" xmlns=\"urn:d\"><b/><p:c xmlns:p=\"urn:q\"><p:d/></p:c><p:e/><f xmlns=\"\"/></p:a>",
        "<a>x &lt; &gt; &amp; &apos; &quot; &#65;&#x42;&#x1F600; ]] > y</a>",
        "<a>line\r\nend\rcr<![CDATA[<raw> & \r\n]]>t<!-- c -->u<?pi ?>v</a>",
        "<a xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><b i:nil=\"true\"/><c i:nil='false'></c><d x=\"1\" i:nil=\"true\"/></a>",
        "<a b=\"1\" c='2' d = \"3\"><e f=\"'\" g='\"' h=\">\"/></a>",
        "<名前 属性=\"値\"><x·y/>テキスト \uD83D\uDE00</名前>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" p:x=\"1\" q:x=\"2\"/>",
    ];

    public static TheoryData<string> Read_alike() => new(Covered.Concat(new[]
    {
        "<a b=\"1\" c='2' d = \"3\"><e f=\"'\" g='\"' h=\"&gt;\"/></a>",
        "<a></a >",
        "<a>\u0009\u000A\u0020\uE000\uFFFD</a>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/>",
        "<a p:x=\"1\"/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a><b></a></b>",
        "<a>\u0001</a>",
        "<a>\uD800</a>",
        "<a>\uFFFE</a>",
        "<a>&foo;</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>]]></a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- a ---></a>",
        "<a/><b/>",
        "<a/>text",
        "text<a/>",
        " <?xml version=\"1.0\"?><a/>",
        "<?xml version=\"1.1\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"bogus\"?><a/>",
        "<!DOCTYPE a><a/>",
        "<a xmlns:p=\"\"/>",
        "<a xmlns:xml=\"urn:x\"/>",
        "<xmlns:a/>",
        "<a xml:space=\"bogus\"/>",
        "<a xml:lang=\"en\"/>",
        "<a b=\"<\"/>",
        "<a b=\"1\"c=\"2\"/>",
        "<a:b:c xmlns:a=\"urn:a\"/>",
        "<:a/>",
        "<a:/>",
        "<1a/>",
        "<a",
        "<a>",
        "<a/",
        "<a b=\"x\r\ny\"/>",
        "<a b=\"&amp;\"/>",
        "<a><?xml version=\"1.0\"?></a>",
        "<a><?XmL x?></a>",
        "<a><?p:q x?></a>",
        "<a><![CDATA[x]]]]><![CDATA[>]]></a>",
        "<a><![CDATA[x</a>",
        "",
        "   ",
        "<xmlns/>",
        "<xml:a/>",
        "<a xmlns:a=\"u\"/>",
        "<a xmlns=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>",
        "<a>&#x10FFFF;&#9;&#xA;&#xD;&#x0041;</a>",
        "<a>&#x110000;</a>",
        "<a>&#xFFFE;</a>",
        "<a>&#X41;</a>",
        "<a>&#x;</a>",
        "<a>&#;</a>",
        "<a>&amp</a>",
        "<a>&;</a>",
        "<.a/>",
        "<-a/>",
        "<·a/>",
        "<a·\u0300-.1/>",
        "<a\uD840\uDC00/>",
        "<a xmlns:p=\"urn:p\"><p:b/></a><!-- x -- y -->",
        "<a/><?xml version=\"1.0\"?>",
        "<a/>\u0000",
        "\u0000<a/>",
    }));

    [Theory]
    [MemberData(nameof(Read_alike))]
    public void The_scanner_reads_what_XmlReader_reads_or_gives_up(string text) => Agrees(text, XmlLimits.Default);

    [Fact]
    public void The_scanner_covers_what_responses_hold()
    {
        foreach (var text in Covered) Assert.True(Agrees(text, XmlLimits.Default), Quote(text));
    }

    private static readonly string[] Seeds =
    [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soap:Body><R xmlns=\"urn:r\"><I><K>a &amp; b</K><N>12</N></I><I xsi:nil=\"true\"/></R></soap:Body></soap:Envelope>",
        "<a xmlns:p=\"urn:p\"><p:b x=\"1\">t<!-- c --><![CDATA[d]]>&#x41;</p:b>\r\n<c/><?pi x?></a>",
        "<?xml version='1.0'?>\n<!-- c --><r:a xmlns:r='urn:r' xmlns='urn:d'><b xmlns=''>é·<c/></b></r:a>\n",
    ];

    private static readonly string[] Pieces =
    [
        "<", ">", "/", "&", ";", "&amp;", "&#x41;", "&#65;", "&#0;", "&#xFFFF;", "&foo;", "]]>", "--", "<!--", "-->", "<?", "?>",
        "\"", "'", "=", ":", " ", "\t", "\r", "\r\n", "\0", "\u0001", "\uD800", "\uDC00", "\uD83D\uDE00", "\uFFFE", "é", "·", "\u0300", "1", "x",
        "xml", "xmlns", "xmlns:q=\"urn:q\"", " a=\"1\"", " q:a=\"1\"", " xsi:nil=\"true\"", "<![CDATA[", "<!DOCTYPE a>", "</a>", "<a>", "<b/>", "<?xml version=\"1.0\"?>",
    ];

    /// <summary>One to three random edits of <paramref name="text"/>: deletions, insertions of XML pieces, replacements, copies of a slice.</summary>
    internal static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    if (at < sb.Length) sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 4)));
                    break;
                case 1:
                    sb.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2:
                    if (at < sb.Length) sb.Remove(at, 1);
                    sb.Insert(Math.Min(at, sb.Length), Pieces[random.Next(Pieces.Length)]);
                    break;
                default:
                    {
                        var from = random.Next(sb.Length);
                        var length = random.Next(1, Math.Min(12, sb.Length - from) + 1);
                        sb.Insert(at, sb.ToString(from, length));
                        break;
                    }
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Mutants_the_scanner_reads_XmlReader_reads_alike()
    {
        var random = new Random(20261203);
        var read = 0;
        var tried = 0;
        foreach (var seed in Seeds)
        {
            for (var i = 0; i < 4000; i++)
            {
                var mutant = Mutate(seed, random);
                tried++;
                if (Agrees(mutant, XmlLimits.Default)) read++;
            }
        }
        // Most mutants are broken; a share of them still reads (the test checks something).
        Assert.InRange(read, tried / 20, tried);
    }

    [Fact]
    public void Under_tight_limits_the_scanner_gives_up_where_the_tree_reader_would_refuse()
    {
        var tight = XmlLimits.Default with { MaxDepth = 4, MaxNameLength = 8, MaxAttributes = 1, MaxNamespaceDeclarations = 2, MaxNamespacesInScope = 3, MaxTextLength = 8 };
        var random = new Random(7);
        var read = 0;
        // Documents at the limits' edges, and the seeds (beyond them).
        string[] seeds = ["<a xmlns:p=\"u\"><p:b x=\"1\">t<!--c--><![CDATA[d]]>&#x41;</p:b>\r\n<c xmlns:q=\"v\"><d>12345678</d></c></a>", .. Seeds];
        foreach (var seed in seeds)
        {
            for (var i = 0; i < 1500; i++)
            {
                var mutant = Mutate(seed, random);
                // Agrees parses with the tree reader under the same limits: it throws if the scanner read past one.
                if (mutant.Length > tight.MaxTextLength && Agrees(mutant, tight)) read++;
            }
        }
        Assert.True(read > 0);
        foreach (var text in new[]
        {
            "<a><b><c><d><e/></d></c></b></a>", "<abcdefghi/>", "<a x=\"1\" y=\"2\"/>", "<a xmlns:p=\"u\" xmlns:q=\"u\" xmlns:r=\"u\"/>",
            "<a xmlns:p=\"u\" xmlns:q=\"u\"><b xmlns:r=\"u\" xmlns:s=\"u\"/></a>", "<a>123456789</a>", "<a x=\"123456789\"/>", "<a><!--123456789--></a>",
            "<a><![CDATA[123456789]]></a>", "<a/><?p 123456789?>",
        })
        {
            Assert.Null(Scanned(text + new string(' ', 9), tight));
        }
        Assert.NotNull(Scanned("<a><b><c><d/></c></b></a>         ", tight));
    }
}
