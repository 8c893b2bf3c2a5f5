namespace ECGrid.Soap.Runtime;

using System.Collections.Generic;
using System.Text;

/// <summary>
/// Escaping, and writing <see cref="XmlElementNode"/> trees back as text: declarations written in the
/// source stay in place, and a prefix (or default namespace) that a name uses but the output has not
/// bound yet is declared on the element that needs it, so a subtree cut out of a document stays correct.
/// </summary>
internal static class XmlTreeWriter
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Escapes character data: <c>&amp; &lt; &gt;</c>, and CR as <c>&amp;#13;</c> so it survives newline normalization.</summary>
    public static string EscapeText(string text)
    {
        if (text.IndexOfAny(TextSpecials) < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        AppendEscapedText(sb, text);
        return sb.ToString();
    }

    /// <summary><see cref="EscapeText"/> appended to <paramref name="sb"/>.</summary>
    public static void AppendEscapedText(StringBuilder sb, string text)
    {
        var at = text.IndexOfAny(TextSpecials);
        if (at < 0)
        {
            sb.Append(text);
            return;
        }
        sb.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            var ch = text[i];
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': sb.Append("&#13;"); break;
                default: sb.Append(ch); break;
            }
        }
    }

    /// <summary>Escapes an attribute value for double quotes; TAB, LF and CR become character references.</summary>
    public static string EscapeAttribute(string value)
    {
        if (value.IndexOfAny(AttributeSpecials) < 0) return value;
        var sb = new StringBuilder(value.Length + 16);
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\t': sb.Append("&#9;"); break;
                case '\n': sb.Append("&#10;"); break;
                case '\r': sb.Append("&#13;"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static readonly char[] TextSpecials = { '&', '<', '>', '\r' };
    private static readonly char[] AttributeSpecials = { '&', '<', '>', '"', '\t', '\n', '\r' };

    /// <summary>
    /// Writes an element. <paramref name="context"/> holds the prefix bindings already in effect where the
    /// text goes ('' = default namespace); <paramref name="indent"/> pretty-prints element-only content.
    /// </summary>
    public static string Serialize(XmlElementNode element, IReadOnlyDictionary<string, string>? context, string? indent)
    {
        var bindings = new Dictionary<string, string> { ["xml"] = XmlTreeReader.XmlNamespace };
        if (context is not null) foreach (var pair in context) bindings[pair.Key] = pair.Value;
        var sb = new StringBuilder();
        WriteElement(sb, element, bindings, indent, 0);
        return sb.ToString();
    }

    private static string Bound(Dictionary<string, string> bindings, string prefix) =>
        bindings.TryGetValue(prefix, out var uri) ? uri : "";

    private static void WriteElement(StringBuilder sb, XmlElementNode el, Dictionary<string, string> inherited, string? indent, int depth)
    {
        var bindings = inherited;
        var head = new StringBuilder("<").Append(el.Name);
        void Bind(string prefix, string uri)
        {
            if (ReferenceEquals(bindings, inherited)) bindings = new Dictionary<string, string>(inherited);
            bindings[prefix] = uri;
            head.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:" + prefix + "=\"").Append(EscapeAttribute(uri)).Append('"');
        }
        foreach (var declaration in el.Declarations)
        {
            var prefix = declaration.Key;
            var uri = declaration.Value;
            // A renamed element may carry a default declaration that its own namespace contradicts.
            if (prefix.Length == 0 && el.Prefix.Length == 0 && uri != el.NamespaceUri) continue;
            // At the top, a declaration the context already makes is left out; inside, all are kept.
            if (depth == 0 && Bound(bindings, prefix) == uri) continue;
            Bind(prefix, uri);
        }
        if (Bound(bindings, el.Prefix) != el.NamespaceUri) Bind(el.Prefix, el.NamespaceUri);
        var attributes = new StringBuilder();
        foreach (var a in el.Attributes)
        {
            if (a.Prefix.Length != 0 && !(bindings.TryGetValue(a.Prefix, out var bound) && bound == a.NamespaceUri)) Bind(a.Prefix, a.NamespaceUri);
            attributes.Append(' ').Append(a.Name).Append("=\"").Append(EscapeAttribute(a.Value)).Append('"');
            // xsi:type="p:T" names a prefix in its value; keep it bound.
            if (a.LocalName == "type" && a.NamespaceUri == XsiNamespace)
            {
                var colon = a.Value.IndexOf(':');
                var prefix = colon < 0 ? "" : a.Value.Substring(0, colon).Trim();
                if (el.Scope.TryGetValue(prefix, out var uri) && Bound(bindings, prefix) != uri) Bind(prefix, uri);
            }
        }
        head.Append(attributes);
        if (el.Children.Count == 0)
        {
            sb.Append(head);
            if (el.SelfClosing) sb.Append("/>");
            else sb.Append("></").Append(el.Name).Append('>');
            return;
        }
        var pretty = indent is not null && IsElementOnly(el.Children);
        sb.Append(head).Append('>');
        foreach (var child in el.Children)
        {
            if (pretty)
            {
                if (child is XmlTextNode) continue;
                sb.Append('\n');
                for (var i = 0; i <= depth; i++) sb.Append(indent);
            }
            WriteNode(sb, child, bindings, indent, depth + 1);
        }
        if (pretty)
        {
            sb.Append('\n');
            for (var i = 0; i < depth; i++) sb.Append(indent);
        }
        sb.Append("</").Append(el.Name).Append('>');
    }

    private static void WriteNode(StringBuilder sb, XmlTreeNode node, Dictionary<string, string> bindings, string? indent, int depth)
    {
        switch (node)
        {
            case XmlElementNode element:
                WriteElement(sb, element, bindings, indent, depth);
                break;
            case XmlTextNode { IsCData: true } cdata:
                sb.Append("<![CDATA[").Append(cdata.Text.Replace("]]>", "]]]]><![CDATA[>")).Append("]]>");
                break;
            case XmlTextNode text:
                sb.Append(EscapeText(text.Text));
                break;
            case XmlCommentNode comment:
                sb.Append("<!--").Append(comment.Text).Append("-->");
                break;
            case XmlProcessingInstructionNode pi:
                sb.Append("<?").Append(pi.Target);
                if (pi.Data.Length > 0) sb.Append(' ').Append(pi.Data);
                sb.Append("?>");
                break;
        }
    }

    /// <summary>True when the children are elements (or comments and PIs) with only whitespace text between.</summary>
    private static bool IsElementOnly(IReadOnlyList<XmlTreeNode> children)
    {
        var hasElement = false;
        foreach (var child in children)
        {
            if (child is XmlElementNode) hasElement = true;
            else if (child is XmlTextNode text && (text.IsCData || !IsWhitespace(text.Text))) return false;
        }
        return hasElement;
    }

    internal static bool IsWhitespace(string text)
    {
        foreach (var ch in text)
        {
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') return false;
        }
        return true;
    }
}
