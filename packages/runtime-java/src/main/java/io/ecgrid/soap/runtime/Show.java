package io.ecgrid.soap.runtime;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How generated models print their fields in {@code toString()}: binaries as base64, secrets
 * hidden; and which input values a call redacts from its errors.
 */
public final class Show {
    /** What secret values print as. */
    static final String REDACTED = "***";
    /** The most characters of a received name or value an error message quotes. */
    static final int EXCERPT_LIMIT = 100;
    /** The most characters of any error message, whatever the input. */
    static final int MESSAGE_LIMIT = 2000;

    private Show() {
    }

    /**
     * A field's value for {@code toString()}: binaries as {@code base64:...}, lists item by item.
     *
     * @param value the field's value
     * @return its text
     */
    public static String value(Object value) {
        if (value instanceof byte[] bytes) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(value(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(value);
    }

    /**
     * A secret field (a SessionID, a password): {@code ***} unless it is null.
     *
     * @param value the field's value
     * @return {@code ***} or {@code null}
     */
    public static String secret(Object value) {
        return value == null ? "null" : REDACTED;
    }

    /**
     * The non-empty secret strings among the arguments, for redacting errors.
     *
     * @param values the secret inputs of a call
     * @return the strings among them that are not empty
     */
    public static List<String> secrets(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof String s && !s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A received name or value for an error message: cut to {@value #EXCERPT_LIMIT} characters, then {@code …}. */
    static String excerpt(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > EXCERPT_LIMIT ? text.substring(0, EXCERPT_LIMIT) + "\u2026" : text;
    }

    /** A received name or value quoted for an error message, cut like {@link #excerpt}. */
    static String quote(String text) {
        return "\"" + excerpt(text) + "\"";
    }

    /** An error message cut to {@value #MESSAGE_LIMIT} characters at most. */
    static String bound(String message) {
        if (message == null || message.length() <= MESSAGE_LIMIT) {
            return message;
        }
        return message.substring(0, MESSAGE_LIMIT - 1) + "\u2026";
    }

    /** A secret at least this long is no word of other text: it is replaced wherever it occurs. */
    static final int ANYWHERE_LENGTH = 8;

    /**
     * Replaces each secret (as is, XML-escaped, URL-encoded, JSON-escaped) in a text with
     * {@code ***}. A secret of {@value #ANYWHERE_LENGTH} characters or more is replaced wherever
     * it occurs; a shorter one only where it stands as a whole token, so that it alters no other
     * text: SessionID {@code s} leaves {@code soap:Client} alone, {@code 127} leaves
     * {@code http://127.0.0.1} alone.
     */
    static String redact(String text, List<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms(secrets)) {
            if (!out.contains(form)) {
                continue;
            }
            if (form.length() >= ANYWHERE_LENGTH) {
                out = out.replace(form, REDACTED);
                continue;
            }
            StringBuilder result = new StringBuilder(out.length());
            int from = 0;
            for (int at = out.indexOf(form); at != -1; at = out.indexOf(form, at + 1)) {
                if (at < from) {
                    continue;
                }
                int end = at + form.length();
                // The edges of the form itself need no boundary when they are not word characters ("x").
                boolean startOk = !isWord(form, 0) || !continues(out, at - 1, -1);
                boolean endOk = !isWord(form, form.length() - 1) || !continues(out, end, 1);
                if (startOk && endOk) {
                    result.append(out, from, at).append(REDACTED);
                    from = end;
                }
            }
            out = result.append(out, from, out.length()).toString();
        }
        return out;
    }

    /** The forms a secret can take in text we show, longest first (a secret holding another is replaced whole). */
    private static List<String> forms(List<String> secrets) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.isEmpty()) {
                continue;
            }
            forms.add(s);
            String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            forms.add(escaped);
            forms.add(escaped.replace("\"", "&quot;").replace("'", "&apos;"));
            forms.add(escaped.replace("\"", "&quot;"));
            forms.add(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        forms.remove("");
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort((a, b) -> b.length() - a.length());
        return sorted;
    }

    /** Whether the character at {@code i} of {@code text} is a letter, digit or {@code _}. */
    private static boolean isWord(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /**
     * Whether the character at {@code i} continues a token past a secret's end ({@code step} 1) or
     * before its start ({@code step} -1): a letter, digit or {@code _}, or one of {@code .},
     * {@code :}, {@code -} with a letter or digit beyond it ({@code 127} in {@code 127.0.0.1},
     * {@code s} in {@code soap:Client}); the end of a sentence does not.
     */
    private static boolean continues(String text, int i, int step) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        if (isWord(text, i)) {
            return true;
        }
        char c = text.charAt(i);
        return (c == '.' || c == ':' || c == '-') && isWord(text, i + step);
    }

    /** A copy of an XML tree with secrets redacted in text, comments and attribute values. */
    static XmlElement redact(XmlElement element, List<String> secrets) {
        if (element == null || secrets.isEmpty()) {
            return element;
        }
        List<XmlAttribute> attributes = new ArrayList<>();
        for (XmlAttribute a : element.attributes()) {
            attributes.add(new XmlAttribute(a.name(), a.prefix(), a.localName(), a.namespace(), redact(a.value(), secrets)));
        }
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode child : element.children()) {
            if (child instanceof XmlElement e) {
                children.add(redact(e, secrets));
            } else if (child instanceof XmlNode.Text t) {
                children.add(new XmlNode.Text(redact(t.text(), secrets), t.cdata()));
            } else if (child instanceof XmlNode.Comment c) {
                children.add(new XmlNode.Comment(redact(c.text(), secrets)));
            } else if (child instanceof XmlNode.ProcessingInstruction pi) {
                children.add(new XmlNode.ProcessingInstruction(pi.target(), redact(pi.data(), secrets)));
            }
        }
        return element.withContent(attributes, children);
    }
}
