namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

/// <summary>
/// Reads XML text into <see cref="XmlElementNode"/> trees with <see cref="XmlReader"/>: DTDs are
/// prohibited (a DOCTYPE is refused, so neither external entities nor entity expansion reach the
/// reader), no resolver, and limits on nesting, document size and the size of one text or attribute value.
/// Comments and processing instructions outside the root are dropped.
/// </summary>
internal static class XmlTreeReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    internal const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Elements nested deeper than this are refused (<c>depth-limit</c>), as by the other runtimes.</summary>
    internal const int DefaultMaxDepth = 1024;

    /// <summary>Documents longer than this many characters are refused (<c>size-limit</c>).</summary>
    internal const int DefaultMaxLength = 256 * 1024 * 1024;

    /// <summary>A text node or attribute value longer than this many characters is refused (<c>size-limit</c>).</summary>
    internal const int DefaultMaxTextLength = 64 * 1024 * 1024;

    private sealed class Open
    {
        public required string Name;
        public required string Prefix;
        public required string LocalName;
        public required string NamespaceUri;
        public required List<XmlAttributeNode> Attributes;
        public required List<KeyValuePair<string, string>> Declarations;
        public required Dictionary<string, string> Scope;
        public required int Line;
        public required int Column;
        public readonly List<XmlTreeNode> Children = new();

        public XmlElementNode Close(bool selfClosing) =>
            new(Name, Prefix, LocalName, NamespaceUri, Attributes, Declarations, Scope, Children, selfClosing, Line, Column);
    }

    public static XmlElementNode Parse(string text) => Parse(text, DefaultMaxDepth, DefaultMaxLength, DefaultMaxTextLength);

    public static XmlElementNode Parse(string text, int maxDepth, int maxLength, int maxTextLength)
    {
        if (text.Length > maxLength)
        {
            throw new XmlParseException("size-limit", $"the document is {text.Length} characters long, more than the limit of {maxLength}", 1, 1);
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = false,
            IgnoreWhitespace = false,
            IgnoreProcessingInstructions = false,
            CheckCharacters = true,
        };
        var source = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        var stack = new Stack<Open>();
        XmlElementNode? root = null;
        using var reader = XmlReader.Create(new StringReader(source), settings);
        var position = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        if (stack.Count >= maxDepth)
                        {
                            throw new XmlParseException("depth-limit", $"elements nested deeper than {maxDepth}", position.LineNumber, position.LinePosition);
                        }
                        var open = Start(reader, position, stack.Count == 0 ? null : stack.Peek().Scope, maxTextLength);
                        if (reader.IsEmptyElement) Attach(stack, open.Close(true), ref root);
                        else stack.Push(open);
                        break;
                    }
                    case XmlNodeType.EndElement:
                        Attach(stack, stack.Pop().Close(false), ref root);
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        CheckText(reader.Value, maxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlTextNode(reader.Value, false, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.CDATA:
                        CheckText(reader.Value, maxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlTextNode(reader.Value, true, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.Comment:
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlCommentNode(reader.Value, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlProcessingInstructionNode(reader.Name, reader.Value, position.LineNumber, position.LinePosition));
                        break;
                }
            }
        }
        catch (XmlException error)
        {
            var doctype = error.Message.Contains("DTD", StringComparison.Ordinal) || IsDoctypeAt(source, error.LineNumber, error.LinePosition);
            throw new XmlParseException(
                doctype ? "doctype-refused" : "not-well-formed",
                doctype ? "DOCTYPE declarations are not accepted" : error.Message,
                error.LineNumber,
                error.LinePosition,
                error);
        }
        return root ?? throw new XmlParseException("unexpected-end", "the document has no root element", 1, 1);
    }

    private static void CheckText(string value, int maxTextLength, IXmlLineInfo position)
    {
        if (value.Length > maxTextLength)
        {
            throw new XmlParseException("size-limit", $"a text or attribute value is {value.Length} characters long, more than the limit of {maxTextLength}", position.LineNumber, position.LinePosition);
        }
    }

    private static bool IsDoctypeAt(string text, int line, int column)
    {
        var lines = text.Split('\n');
        return line >= 1 && line <= lines.Length && lines[line - 1].IndexOf("<!DOCTYPE", StringComparison.Ordinal) >= 0 && column >= 0;
    }

    private static Open Start(XmlReader reader, IXmlLineInfo position, Dictionary<string, string>? parentScope, int maxTextLength)
    {
        var line = position.LineNumber;
        var column = Math.Max(1, position.LinePosition - 1);
        var attributes = new List<XmlAttributeNode>();
        var declarations = new List<KeyValuePair<string, string>>();
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                CheckText(reader.Value, maxTextLength, position);
                if (reader.NamespaceURI == XmlnsNamespace)
                {
                    var prefix = reader.Prefix == "xmlns" ? reader.LocalName : "";
                    declarations.Add(new KeyValuePair<string, string>(prefix, reader.Value));
                }
                else
                {
                    attributes.Add(new XmlAttributeNode(reader.Name, reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        var scope = parentScope is not null && declarations.Count == 0
            ? parentScope
            : parentScope is null ? new Dictionary<string, string> { ["xml"] = XmlNamespace } : new Dictionary<string, string>(parentScope);
        if (declarations.Count > 0) foreach (var declaration in declarations) scope[declaration.Key] = declaration.Value;
        return new Open
        {
            Name = reader.Name,
            Prefix = reader.Prefix,
            LocalName = reader.LocalName,
            NamespaceUri = reader.NamespaceURI,
            Attributes = attributes,
            Declarations = declarations,
            Scope = scope,
            Line = line,
            Column = column,
        };
    }

    private static void Attach(Stack<Open> stack, XmlElementNode element, ref XmlElementNode? root)
    {
        if (stack.Count > 0) stack.Peek().Children.Add(element);
        else root = element;
    }
}
