package io.ecgrid.soap.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Escaping, and writing {@link XmlElement} trees back as text: declarations written in the source
 * stay in place, and a prefix (or default namespace) that a name uses but that is not bound yet is
 * declared on the element that needs it, so a subtree cut out of a document stays correct.
 */
final class XmlWriter {
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    private XmlWriter() {
    }

    /**
     * Escapes character data: {@code &}, {@code <}, {@code >} (so {@code ]]>} cannot appear) and
     * CR as {@code &#13;}, which a parser's newline normalisation would otherwise turn into LF.
     */
    static String escapeText(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c <= '>' && (c == '&' || c == '<' || c == '>' || c == '\r')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + 16);
        appendText(out, text);
        return out.toString();
    }

    /**
     * What {@link #appendText} makes of {@code text}: {@link #PLAIN_TEXT} when it is written as it
     * is, {@link #ESCAPED_TEXT} when it holds {@code &}, {@code <}, {@code >} or CR and no other
     * character below U+0020 but TAB and LF, {@link #UNUSUAL_TEXT} when it holds any other
     * control character, a surrogate, U+FFFE or U+FFFF (characters a value's check looks at: the
     * caller then takes its general path).
     */
    static int textKind(String text) {
        int kind = PLAIN_TEXT;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= '>') {
                if (c == '&' || c == '<' || c == '>' || c == '\r') {
                    kind = ESCAPED_TEXT;
                } else if (c < 0x20 && c != '\t' && c != '\n') {
                    return UNUSUAL_TEXT;
                }
            } else if (c >= 0xD800 && (c <= 0xDFFF || c >= 0xFFFE)) {
                return UNUSUAL_TEXT;
            }
        }
        return kind;
    }

    /** {@link #textKind}: nothing to escape. */
    static final int PLAIN_TEXT = 0;
    /** {@link #textKind}: something to escape. */
    static final int ESCAPED_TEXT = 1;
    /** {@link #textKind}: a character the general path checks. */
    static final int UNUSUAL_TEXT = 2;

    /** Appends {@code text} with {@code &}, {@code <}, {@code >} and CR escaped (as {@link #escapeText} does) without making a string of it first. */
    static void appendText(StringBuilder out, String text) {
        int n = text.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c <= '>') {
                String replacement = switch (c) {
                    case '&' -> "&amp;";
                    case '<' -> "&lt;";
                    case '>' -> "&gt;";
                    case '\r' -> "&#13;";
                    default -> null;
                };
                if (replacement != null) {
                    out.append(text, from, i).append(replacement);
                    from = i + 1;
                }
            }
        }
        if (from == 0) {
            out.append(text);
        } else {
            out.append(text, from, n);
        }
    }

    /** Escapes an attribute value for double quotes; TAB, LF and CR become character references. */
    static String escapeAttribute(String value) {
        int n = value.length();
        int first = 0;
        while (first < n) {
            char c = value.charAt(first);
            if (c <= '>' && (c == '&' || c == '<' || c == '>' || c == '"' || c < 0x20)) {
                break;
            }
            first++;
        }
        if (first == n) {
            return value;
        }
        StringBuilder out = null;
        for (int i = first; i < n; i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\t' -> "&#9;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * Writes an element and its subtree. {@code context} holds the prefix bindings in effect where
     * the text goes ({@code ""}: the default namespace); declarations it already makes are left
     * out at the top.
     */
    static String serialize(XmlElement element, Map<String, String> context) {
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("xml", XML_NS);
        bindings.putAll(context);
        StringBuilder out = new StringBuilder();
        write(element, bindings, 0, out);
        return out.toString();
    }

    private static void write(XmlElement el, Map<String, String> inherited, int depth, StringBuilder out) {
        Map<String, String> bindings = inherited;
        boolean copied = false;
        StringBuilder head = new StringBuilder("<").append(el.name());
        for (Map.Entry<String, String> d : el.declarations().entrySet()) {
            String prefix = d.getKey();
            String uri = d.getValue();
            // A renamed element may carry a default declaration that its own namespace contradicts.
            if (prefix.isEmpty() && el.prefix().isEmpty() && !uri.equals(el.namespace())) {
                continue;
            }
            // At the top, a declaration the context already makes is left out; inside, all are kept.
            if (depth == 0 && bindings.getOrDefault(prefix, "").equals(uri)) {
                continue;
            }
            if (!copied) {
                bindings = new LinkedHashMap<>(inherited);
                copied = true;
            }
            bind(bindings, head, prefix, uri);
        }
        if (!bindings.getOrDefault(el.prefix(), "").equals(el.namespace())) {
            if (!copied) {
                bindings = new LinkedHashMap<>(inherited);
                copied = true;
            }
            bind(bindings, head, el.prefix(), el.namespace());
        }
        StringBuilder attributes = new StringBuilder();
        for (XmlAttribute a : el.attributes()) {
            if (!a.prefix().isEmpty() && !a.namespace().equals(bindings.get(a.prefix()))) {
                if (!copied) {
                    bindings = new LinkedHashMap<>(inherited);
                    copied = true;
                }
                bind(bindings, head, a.prefix(), a.namespace());
            }
            attributes.append(' ').append(a.name()).append("=\"").append(escapeAttribute(a.value())).append('"');
            // xsi:type="p:T" names a prefix in its value; keep it bound.
            if (a.localName().equals("type") && a.namespace().equals(XSI_NS)) {
                int colon = a.value().indexOf(':');
                String prefix = colon < 0 ? "" : a.value().substring(0, colon).strip();
                String uri = el.scope().get(prefix);
                if (uri != null && !bindings.getOrDefault(prefix, "").equals(uri)) {
                    if (!copied) {
                        bindings = new LinkedHashMap<>(inherited);
                        copied = true;
                    }
                    bind(bindings, head, prefix, uri);
                }
            }
        }
        head.append(attributes);
        out.append(head);
        if (el.children().isEmpty()) {
            if (el.selfClosing()) {
                out.append("/>");
            } else {
                out.append("></").append(el.name()).append('>');
            }
            return;
        }
        out.append('>');
        for (XmlNode child : el.children()) {
            if (child instanceof XmlElement element) {
                write(element, bindings, depth + 1, out);
            } else if (child instanceof XmlNode.Text text) {
                if (text.cdata()) {
                    out.append("<![CDATA[").append(text.text().replace("]]>", "]]]]><![CDATA[>")).append("]]>");
                } else {
                    out.append(escapeText(text.text()));
                }
            } else if (child instanceof XmlNode.Comment comment) {
                out.append("<!--").append(comment.text()).append("-->");
            } else if (child instanceof XmlNode.ProcessingInstruction pi) {
                out.append("<?").append(pi.target());
                if (!pi.data().isEmpty()) {
                    out.append(' ').append(pi.data());
                }
                out.append("?>");
            }
        }
        out.append("</").append(el.name()).append('>');
    }

    private static void bind(Map<String, String> bindings, StringBuilder head, String prefix, String uri) {
        bindings.put(prefix, uri);
        head.append(prefix.isEmpty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"").append(escapeAttribute(uri)).append('"');
    }
}
