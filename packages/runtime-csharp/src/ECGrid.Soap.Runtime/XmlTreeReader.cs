namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

/// <summary>
/// Reads XML text into <see cref="XmlElementNode"/> trees with <see cref="XmlReader"/>: DTDs are
/// prohibited (a DOCTYPE is refused, so neither external entities nor entity expansion reach the
/// reader), no resolver, and the limits of <see cref="XmlLimits"/>: nesting, document size, the size of
/// one text or attribute value, attributes per element, name length and namespace declarations per
/// element and in scope. Namespace scopes are chained (<see cref="NamespaceScope"/>), never copied per
/// element; the duplicate-attribute check is <see cref="XmlReader"/>'s own (hashed for many attributes),
/// and nothing here recurses. Comments and processing instructions outside the root are dropped.
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

    /// <summary>The reader's settings, one instance for every parse (<see cref="XmlReader.Create(TextReader, XmlReaderSettings)"/> only reads them).</summary>
    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = false,
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = false,
        CheckCharacters = true,
    };

    private sealed class Open
    {
        public required string Name;
        public required string Prefix;
        public required string LocalName;
        public required string NamespaceUri;
        public required List<XmlAttributeNode> Attributes;
        public required KeyValuePair<string, string>[] Declarations;
        public required NamespaceScope Scope;
        public required int Line;
        public required int Column;
        public readonly List<XmlTreeNode> Children = new();

        public XmlElementNode Close(bool selfClosing) =>
            new(Name, Prefix, LocalName, NamespaceUri, Attributes, Declarations, Scope, Children, selfClosing, Line, Column);
    }

    public static XmlElementNode Parse(string text) => Parse(text, XmlLimits.Default);

    public static XmlElementNode Parse(string text, int maxDepth, int maxLength, int maxTextLength) =>
        Parse(text, XmlLimits.Default with { MaxDepth = maxDepth, MaxDocumentLength = maxLength, MaxTextLength = maxTextLength });

    public static XmlElementNode Parse(string text, XmlLimits limits)
    {
        if (text.Length > limits.MaxDocumentLength)
        {
            throw new XmlParseException("size-limit", $"the document is {text.Length} characters long, more than the limit of {limits.MaxDocumentLength}", 1, 1);
        }
        var source = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        var stack = new Stack<Open>();
        var inScope = 0;
        XmlElementNode? root = null;
        using var reader = XmlReader.Create(new StringReader(source), Settings);
        var position = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            if (stack.Count >= limits.MaxDepth)
                            {
                                throw new XmlParseException("depth-limit", $"elements nested deeper than {limits.MaxDepth}", position.LineNumber, position.LinePosition);
                            }
                            var open = Start(reader, position, stack.Count == 0 ? null : stack.Peek().Scope, limits, inScope);
                            if (reader.IsEmptyElement) Attach(stack, open.Close(true), ref root);
                            else
                            {
                                inScope += open.Declarations.Length;
                                stack.Push(open);
                            }
                            break;
                        }
                    case XmlNodeType.EndElement:
                        {
                            var open = stack.Pop();
                            inScope -= open.Declarations.Length;
                            Attach(stack, open.Close(false), ref root);
                            break;
                        }
                    case XmlNodeType.Text:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        CheckText(reader.Value, limits.MaxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlTextNode(reader.Value, false, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.CDATA:
                        CheckText(reader.Value, limits.MaxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlTextNode(reader.Value, true, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.Comment:
                        CheckText(reader.Value, limits.MaxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlCommentNode(reader.Value, position.LineNumber, position.LinePosition));
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        CheckText(reader.Value, limits.MaxTextLength, position);
                        if (stack.Count > 0) stack.Peek().Children.Add(new XmlProcessingInstructionNode(reader.Name, reader.Value, position.LineNumber, position.LinePosition));
                        break;
                }
            }
        }
        catch (XmlException error)
        {
            // With DTDs prohibited the reader stops at a DOCTYPE in the prolog; its position is found by reading the
            // prolog (XML declaration, comments, processing instructions), so a "<!DOCTYPE" in CDATA or a comment is text.
            if (DoctypeInProlog(source) is { } at) throw new XmlParseException("doctype-refused", "DOCTYPE declarations are not accepted", at.Line, at.Column, error);
            throw new XmlParseException("not-well-formed", Excerpt.QuotedNamesCut(error.Message), error.LineNumber, error.LinePosition, error);
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

    private static void CheckName(string name, string what, int maxNameLength, int line, int column)
    {
        if (name.Length > maxNameLength)
        {
            throw new XmlParseException("name-limit", $"{what} name <{Excerpt.Of(name)}> is {name.Length} characters long, more than the limit of {maxNameLength}", line, column);
        }
    }

    /// <summary>The line and column of a DOCTYPE in the prolog, or null when the prolog has none.</summary>
    internal static (int Line, int Column)? DoctypeInProlog(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') i++;
            else if (string.CompareOrdinal(text, i, "<?", 0, 2) == 0)
            {
                var end = text.IndexOf("?>", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                i = end + 2;
            }
            else if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) return null;
                i = end + 3;
            }
            else if (string.CompareOrdinal(text, i, "<!DOCTYPE", 0, 9) == 0) return PositionOf(text, i);
            else return null;
        }
        return null;
    }

    private static (int Line, int Column) PositionOf(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }

    private static Open Start(XmlReader reader, IXmlLineInfo position, NamespaceScope? parentScope, XmlLimits limits, int inScope)
    {
        var line = position.LineNumber;
        var column = Math.Max(1, position.LinePosition - 1);
        CheckName(reader.Name, "an element", limits.MaxNameLength, line, column);
        var attributes = new List<XmlAttributeNode>();
        List<KeyValuePair<string, string>>? declarations = null;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                CheckName(reader.Name, "an attribute", limits.MaxNameLength, line, column);
                CheckText(reader.Value, limits.MaxTextLength, position);
                if (reader.NamespaceURI == XmlnsNamespace)
                {
                    declarations ??= new List<KeyValuePair<string, string>>();
                    if (declarations.Count >= limits.MaxNamespaceDeclarations)
                    {
                        throw new XmlParseException("namespace-limit", $"an element declares more than {limits.MaxNamespaceDeclarations} namespaces", line, column);
                    }
                    if (inScope + declarations.Count >= limits.MaxNamespacesInScope)
                    {
                        throw new XmlParseException("namespace-limit", $"more than {limits.MaxNamespacesInScope} namespace declarations in scope", line, column);
                    }
                    var prefix = reader.Prefix == "xmlns" ? reader.LocalName : "";
                    declarations.Add(new KeyValuePair<string, string>(prefix, reader.Value));
                }
                else
                {
                    if (attributes.Count >= limits.MaxAttributes)
                    {
                        throw new XmlParseException("attribute-limit", $"an element has more than {limits.MaxAttributes} attributes", line, column);
                    }
                    attributes.Add(new XmlAttributeNode(reader.Name, reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        var own = declarations?.ToArray() ?? Array.Empty<KeyValuePair<string, string>>();
        var scope = own.Length == 0 ? parentScope ?? NamespaceScope.Root : new NamespaceScope(parentScope ?? NamespaceScope.Root, own);
        return new Open
        {
            Name = reader.Name,
            Prefix = reader.Prefix,
            LocalName = reader.LocalName,
            NamespaceUri = reader.NamespaceURI,
            Attributes = attributes,
            Declarations = own,
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
