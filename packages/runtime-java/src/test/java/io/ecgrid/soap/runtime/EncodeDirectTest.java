package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder's fast paths held to the general ones: a simple value written straight into the
 * output (an {@code xs:string} without a character its check looks at, an integer in range, an
 * enumeration's constant) gives the text that formatting it and escaping that text gives, and
 * every other value goes the general way with its errors; the escaping functions that append or
 * return the text as it is give what escaping character by character gives.
 */
class EncodeDirectTest {

    enum Mark {
        PLAIN("Plain"), AMPERSAND("R&D <x>"), EMPTY("");

        private final String value;

        Mark(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    private static final SimpleType<Mark> MARK = SimpleType.enumeration("Mark", Mark.class, Builtins.STRING, Mark::value);

    /** Escaping as the encoder always did, one character at a time. */
    private static String referenceEscape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** What the general path writes for {@code value} as {@code <v>}, or the failure's code and message. */
    private static String general(SimpleType<?> type, Object value) {
        try {
            String text = type.formatValue(value);
            return text.isEmpty() ? "<v/>" : "<v>" + referenceEscape(text, false) + "</v>";
        } catch (CodecFailure f) {
            return f.code + ": " + f.getMessage();
        }
    }

    /** What {@link SimpleType#encode} writes (after {@code "x"} already in the builder), or the failure. */
    private static String encoded(SimpleType<?> type, Object value) {
        StringBuilder out = new StringBuilder("x");
        try {
            type.encode(value, "v", "", new EncodeState(true, null, Map.of()), "", 0, out);
            assertEquals('x', out.charAt(0));
            return out.substring(1);
        } catch (CodecFailure f) {
            return f.code + ": " + f.getMessage();
        }
    }

    /** Whether the fast path takes {@code value} (nothing is written when it does not). */
    private static boolean direct(SimpleType<?> type, Object value) {
        StringBuilder out = new StringBuilder();
        boolean taken = type.encodeDirect(value, "v", "", new EncodeState(true, null, Map.of()), "", out);
        assertEquals(taken, out.length() > 0);
        return taken;
    }

    private static List<String> texts() {
        List<String> out = new ArrayList<>(List.of("", "a", "plain text", "R&D", "<tag>", "a > b", "]]>", "line\r\nnext", "tab\there",
                "new\nline", "bell\u0007", "nul\u0000", "\u001f", "caf\u00e9", "\u20ac 5", "\ud83d\ude00 smile", "lone \ud83d",
                "lone \ude00 low", "\ufffe", "\uffff", "\ufffd", "\ud7ff\ue000", "quote \" and '"));
        Random random = new Random(14);
        char[] alphabet = "ab &<>\"'\r\n\t\u0001\u00e9\u20ac\ud83d\ude00\ufffe\uffff".toCharArray();
        for (int i = 0; i < 3000; i++) {
            char[] chars = new char[random.nextInt(12)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = alphabet[random.nextInt(alphabet.length)];
            }
            out.add(new String(chars));
        }
        return out;
    }

    @Test
    void stringsWrittenDirectlyAreWhatFormattingAndEscapingGive() {
        int taken = 0;
        for (String text : texts()) {
            for (SimpleType<String> type : List.of(Builtins.STRING, Builtins.STRING.named("Restricted"), Builtins.ANY_SIMPLE_TYPE)) {
                assertEquals(general(type, text), encoded(type, text), type.name() + " [" + text + "]");
            }
            taken += direct(Builtins.STRING, text) ? 1 : 0;
        }
        assertTrue(direct(Builtins.STRING, "plain text"));
        assertTrue(direct(Builtins.STRING, "R&D <x>\r\n"));
        assertTrue(direct(Builtins.STRING.named("Restricted"), "a"));
        assertTrue(taken > 500, "strings written directly: " + taken);
        // A character the check refuses, a surrogate, another Java type: the general path, its errors.
        assertFalse(direct(Builtins.STRING, "bell\u0007"));
        assertFalse(direct(Builtins.STRING, "\ud83d\ude00"));
        assertFalse(direct(Builtins.STRING, 42));
        assertEquals("invalid-value: invalid string: contains a character that XML cannot represent", encoded(Builtins.STRING, "nul\u0000"));
        assertEquals("invalid-type: invalid string: expected a String", encoded(Builtins.STRING, 42));
        // Types whose formatting does more than check the characters are never written directly.
        assertFalse(direct(Builtins.NORMALIZED_STRING, "a"));
        assertFalse(direct(Builtins.TOKEN, "a"));
        assertEquals(general(Builtins.TOKEN, " a  b "), encoded(Builtins.TOKEN, " a  b "));
    }

    @Test
    void integersWrittenDirectlyAreWhatFormattingGives() {
        List<SimpleType<?>> types = List.of(Builtins.INT, Builtins.LONG, Builtins.SHORT, Builtins.BYTE, Builtins.UNSIGNED_BYTE,
                Builtins.UNSIGNED_SHORT, Builtins.UNSIGNED_INT, Builtins.UNSIGNED_LONG, Builtins.INTEGER, Builtins.POSITIVE_INTEGER,
                Builtins.NEGATIVE_INTEGER, Builtins.NON_NEGATIVE_INTEGER, Builtins.NON_POSITIVE_INTEGER);
        List<Object> values = new ArrayList<>(List.of(0, -1, 1, 127, 128, -128, -129, 255, 256, 32767, 32768, 65535, 65536,
                Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, -1L, 4294967295L, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE,
                (short) -1, (short) 255, (short) 256, (byte) -1, (byte) 127, BigInteger.ONE, BigInteger.TEN.pow(30), "7", 1.5));
        Random random = new Random(14);
        for (int i = 0; i < 500; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            values.add(n);
            values.add((int) n);
            values.add((short) n);
            values.add((byte) n);
        }
        for (SimpleType<?> type : types) {
            for (Object value : values) {
                assertEquals(general(type, value), encoded(type, value), type.name() + " " + value + " (" + value.getClass().getSimpleName() + ")");
            }
        }
        assertTrue(direct(Builtins.INT, 365));
        assertTrue(direct(Builtins.LONG, 9007199254740993L));
        assertTrue(direct(Builtins.UNSIGNED_INT, 4294967295L));
        assertFalse(direct(Builtins.UNSIGNED_INT, 4294967296L));
        assertFalse(direct(Builtins.UNSIGNED_BYTE, (short) 256));
        assertFalse(direct(Builtins.INT, 365L));
        assertFalse(direct(Builtins.INTEGER, BigInteger.ONE));
        assertEquals("out-of-range: invalid unsignedInt: outside the range 0..4294967295", encoded(Builtins.UNSIGNED_INT, -1L));
    }

    @Test
    void enumerationConstantsWrittenDirectlyAreTheirEscapedValues() {
        for (Mark mark : Mark.values()) {
            assertTrue(direct(MARK, mark), mark.name());
            assertEquals(general(MARK, mark), encoded(MARK, mark), mark.name());
        }
        assertEquals("<v>R&amp;D &lt;x&gt;</v>", encoded(MARK, Mark.AMPERSAND));
        assertEquals("<v/>", encoded(MARK, Mark.EMPTY));
        assertFalse(direct(MARK, "Plain"));
        assertEquals(general(MARK, "Plain"), encoded(MARK, "Plain"));
    }

    @Test
    void noFastPathUnderXsiTypes() {
        EncodeState st = new EncodeState(true, null, Map.of());
        st.xsiTypes = true;
        StringBuilder out = new StringBuilder();
        Builtins.STRING.encode("a", "v", "", st, "", 0, out);
        assertEquals("<v xsi:type=\"xsd:string\">a</v>", out.toString());
    }

    @Test
    void escapingReturnsOrAppendsWhatEscapingCharacterByCharacterGives() {
        for (String text : texts()) {
            assertEquals(referenceEscape(text, false), XmlWriter.escapeText(text), text);
            assertEquals(referenceEscape(text, true), XmlWriter.escapeAttribute(text), text);
            StringBuilder out = new StringBuilder("x");
            XmlWriter.appendText(out, text);
            assertEquals("x" + referenceEscape(text, false), out.toString(), text);
        }
        String plain = "nothing to escape \u00e9\ud83d\ude00";
        assertSame(plain, XmlWriter.escapeText(plain));
        assertSame(plain, XmlWriter.escapeAttribute(plain));
    }
}
