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

    /** Replaces each secret (as is and XML-escaped) in a text with {@code ***}. */
    static String redact(String text, List<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            forms.add(s);
            String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            forms.add(escaped);
            forms.add(escaped.replace("\"", "&quot;").replace("'", "&apos;"));
            forms.add(escaped.replace("\"", "&quot;"));
        }
        forms.sort((a, b) -> b.length() - a.length());
        String out = text;
        for (String form : forms) {
            if (!form.isEmpty()) {
                out = out.replace(form, REDACTED);
            }
        }
        return out;
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
