namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

/// <summary>
/// Keeps secrets out of exceptions: the string values of secret request fields (SessionID, passwords,
/// API keys) are replaced by <c>***</c> in every message, excerpt, fault reason and fault detail, since
/// exceptions end up in logs.
/// </summary>
internal static class Secrets
{
    public const string Redacted = "***";

    public static readonly IReadOnlyList<string> DefaultFields = new[] { "SessionID", "Password", "APIKey", "ApiKey", "Secret", "Token", "AccessKey" };

    public static bool IsSecretField(string name, IReadOnlyList<string> fields) =>
        fields.Any(f => f.Length > 0 && name.Contains(f, StringComparison.OrdinalIgnoreCase));

    /// <summary>The strings held by secret fields anywhere in a request (everything under a secret field counts).</summary>
    public static IReadOnlyList<string> Collect(TypeCodec codec, object? value, IReadOnlyList<string> fields)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Walk(TypeCodec? type, object? v, bool secret, int depth)
        {
            if (v is null || depth > 64) return;
            if (v is string s)
            {
                if (secret && s.Length > 0) found.Add(s);
                return;
            }
            if (v is IList list)
            {
                foreach (var item in list) Walk(type, item, secret, depth + 1);
                return;
            }
            if (type is IComplexCodec complex)
            {
                foreach (var (name, child, childType) in complex.Values(v)) Walk(childType, child, secret || IsSecretField(name, fields), depth + 1);
            }
        }
        Walk(codec, value, false, 0);
        return found.ToList();
    }

    private static IEnumerable<string> FormsOf(string secret)
    {
        yield return secret;
        var text = secret.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        yield return text;
        yield return text.Replace("\"", "&quot;").Replace("'", "&apos;");
        yield return text.Replace("\"", "&quot;");
        yield return Uri.EscapeDataString(secret);
        yield return System.Text.Json.JsonEncodedText.Encode(secret).ToString();
    }

    /// <summary>A secret this long is no word of other text: it is replaced wherever it occurs.</summary>
    private const int AnywhereLength = 8;

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsJoiner(char c) => c is '.' or ':' or '-';

    /// <summary>
    /// Whether the character at <paramref name="i"/> continues a token past a secret's end (<paramref name="step"/> 1) or
    /// before its start (-1): a letter, digit or <c>_</c>, or one of <c>.</c>, <c>:</c>, <c>-</c> with a letter or digit
    /// beyond it (<c>127</c> in <c>127.0.0.1</c>, <c>s</c> in <c>soap:Client</c>); the end of a sentence does not.
    /// </summary>
    private static bool Continues(string text, int i, int step)
    {
        if (i < 0 || i >= text.Length) return false;
        var c = text[i];
        if (IsWord(c)) return true;
        if (!IsJoiner(c)) return false;
        var beyond = i + step;
        return beyond >= 0 && beyond < text.Length && IsWord(text[beyond]);
    }

    /// <summary>
    /// Each secret (also XML-escaped, URL-encoded, JSON-quoted) replaced by <c>***</c>. A secret of 8 characters or more is
    /// replaced wherever it occurs (inside a longer token too); a shorter one only where it stands as a whole token, so that
    /// it never alters other text: SessionID <c>s</c> leaves <c>soap:Client</c> alone, <c>127</c> leaves
    /// <c>http://127.0.0.1</c> alone.
    /// </summary>
    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0) return text;
        var forms = secrets.SelectMany(FormsOf).Where(f => f.Length > 0).Distinct().OrderByDescending(f => f.Length);
        foreach (var form in forms)
        {
            if (!text.Contains(form, StringComparison.Ordinal)) continue;
            if (form.Length >= AnywhereLength)
            {
                text = text.Replace(form, Redacted, StringComparison.Ordinal);
                continue;
            }
            var output = new System.Text.StringBuilder();
            var from = 0;
            for (var at = text.IndexOf(form, StringComparison.Ordinal); at != -1; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                if (at < from) continue;
                var end = at + form.Length;
                // The edges of the form itself need no boundary when they are not word characters ("x").
                var startOk = !IsWord(form[0]) || !Continues(text, at - 1, -1);
                var endOk = !IsWord(form[^1]) || !Continues(text, end, 1);
                if (!startOk || !endOk) continue;
                output.Append(text, from, at - from).Append(Redacted);
                from = end;
            }
            text = output.Append(text, from, text.Length - from).ToString();
        }
        return text;
    }

    private static string? RedactOrNull(string? text, IReadOnlyList<string> secrets) => text is null ? null : Redact(text, secrets);

    /// <summary>A copy of a tree with secrets redacted from text, comments and attribute values.</summary>
    public static XmlElementNode Redact(XmlElementNode element, IReadOnlyList<string> secrets)
    {
        var children = new List<XmlTreeNode>();
        foreach (var child in element.Children)
        {
            children.Add(child switch
            {
                XmlElementNode e => Redact(e, secrets),
                XmlTextNode t => new XmlTextNode(Redact(t.Text, secrets), t.IsCData, t.Line, t.Column),
                XmlCommentNode c => new XmlCommentNode(Redact(c.Text, secrets), c.Line, c.Column),
                XmlProcessingInstructionNode p => new XmlProcessingInstructionNode(p.Target, Redact(p.Data, secrets), p.Line, p.Column),
                _ => child,
            });
        }
        var attributes = element.Attributes.Select(a => a with { Value = Redact(a.Value, secrets) }).ToList();
        return new XmlElementNode(element.Name, element.Prefix, element.LocalName, element.NamespaceUri, attributes, element.Declarations, element.Scope, children, element.SelfClosing, element.Line, element.Column);
    }

    /// <summary>An <see cref="XmlParseException"/>'s message without its <c>line:column: </c> start, which the copy writes again.</summary>
    private static string WithoutPosition(XmlParseException p)
    {
        var start = $"{p.Line}:{p.Column}: ";
        return p.Message.StartsWith(start, StringComparison.Ordinal) ? p.Message.Substring(start.Length) : p.Message;
    }

    /// <summary>The exception with secrets removed (a copy when it held any).</summary>
    public static SoapRuntimeException Scrub(SoapRuntimeException error, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0) return error;
        return error switch
        {
            SoapFaultException f => new SoapFaultException(
                f.Version, f.FaultCode with { Code = Redact(f.FaultCode.Code, secrets) }, Redact(f.Reason, secrets), RedactOrNull(f.Actor, secrets),
                RedactOrNull(f.Node, secrets), f.Subcodes, f.Detail is null ? null : Redact(f.Detail, secrets)),
            DecodeException d when Redact(d.Message, secrets) != d.Message => new DecodeException(d.Code, d.Path, Redact(d.Detail, secrets), d.Line, d.Column),
            XmlParseException p when Redact(p.Message, secrets) != p.Message => new XmlParseException(p.Code, Redact(WithoutPosition(p), secrets), p.Line, p.Column),
            // The same type and inner exception, with the redacted message (catch clauses and the cause chain still work).
            TransportException t when Redact(t.Message, secrets) != t.Message => new TransportException(new ScrubbedMessage(Redact(t.Message, secrets)), t.InnerException),
            SoapTimeoutException t when Redact(t.Message, secrets) != t.Message => new SoapTimeoutException(t.Timeout, new ScrubbedMessage(Redact(t.Message, secrets)), t.InnerException),
            HttpStatusException h when Redact(h.Message, secrets) != h.Message => new HttpStatusException(
                h.StatusCode, Redact(h.ReasonPhrase, secrets), h.ContentType, Redact(h.BodyExcerpt, secrets), new ScrubbedMessage(Redact(h.Message, secrets)), h.InnerException),
            ResponseFormatException r when Redact(r.Message, secrets) != r.Message => new ResponseFormatException(
                r.StatusCode, r.ContentType, Redact(r.BodyExcerpt, secrets), new ScrubbedMessage(Redact(r.Message, secrets)), r.InnerException),
            _ => error,
        };
    }
}
