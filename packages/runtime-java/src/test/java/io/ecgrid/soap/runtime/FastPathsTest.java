package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The value readers' fast paths (dates and times without a regex, small integers without a
 * BigInteger, collapse without a copy) held to the general paths they stand in for: every text
 * a fast path accepts, the general path accepts too, with the same value; all other text takes
 * the general path.
 */
class FastPathsTest {

    private static final String[] YEARS = {"2026", "2024", "2000", "1900", "0000", "0001", "9999", "12026", "-2026", "202", "20x6"};
    private static final String[] MONTHS = {"01", "02", "04", "09", "11", "12", "00", "13", "1", "1a"};
    private static final String[] DAYS = {"01", "28", "29", "30", "31", "00", "32", "9", "3x"};
    private static final String[] TIMES = {"00:00:00", "23:59:59", "12:30:45.5", "12:30:45.000123", "24:00:00", "24:00:00.0",
        "24:00:01", "23:60:00", "23:59:60", "12:30:45.", "1:30:45", "12:3:45", "12-30-45", "12:30:45,5"};
    private static final String[] ZONES = {"", "Z", "+00:00", "-05:30", "+13:59", "+14:00", "-14:00", "+14:01", "+15:00", "+0500",
        "z", "Z ", "+05:60", "+5:00"};

    private static List<String> dateTimes() {
        List<String> out = new ArrayList<>();
        for (String y : YEARS) {
            for (String m : MONTHS) {
                for (String d : DAYS) {
                    out.add(y + "-" + m + "-" + d);
                    for (String t : TIMES) {
                        for (String z : ZONES) {
                            out.add(y + "-" + m + "-" + d + "T" + t + z);
                        }
                    }
                }
            }
        }
        for (String t : TIMES) {
            for (String z : ZONES) {
                out.add(t + z);
            }
        }
        for (String y : YEARS) {
            for (String m : MONTHS) {
                for (String d : DAYS) {
                    for (String z : ZONES) {
                        out.add(y + "-" + m + "-" + d + z);
                    }
                }
            }
        }
        return out;
    }

    private static void sameAsPattern(Pattern pattern, String text, boolean fast) {
        String collapsed = Builtins.collapse(text);
        boolean general = Builtins.matchesLexical(pattern, collapsed);
        if (fast) {
            assertTrue(general, "the fast path accepts " + text + " which the pattern refuses");
        }
        String lexical;
        try {
            lexical = Builtins.lexical(pattern, text, "x");
        } catch (Builtins.ValueError e) {
            lexical = null;
        }
        assertEquals(general ? collapsed : null, lexical, text);
    }

    @Test
    void datesAndTimesReadWithoutARegexAreThoseThePatternsAccept() {
        int fastDateTimes = 0;
        for (String s : dateTimes()) {
            String c = Builtins.collapse(s);
            boolean dateTime = Builtins.isPlainDateTime(c);
            fastDateTimes += dateTime ? 1 : 0;
            sameAsPattern(Builtins.DATE_TIME_LEXICAL, s, dateTime);
            sameAsPattern(Builtins.DATE_LEXICAL, s, Builtins.isPlainDate(c));
            sameAsPattern(Builtins.TIME_LEXICAL, s, Builtins.isPlainTime(c));
        }
        // The fast path does take the common forms (else this test would prove nothing).
        assertTrue(Builtins.isPlainDateTime("2026-01-01T00:00:00.000"));
        assertTrue(Builtins.isPlainDateTime("2024-02-29T23:59:59+14:00"));
        assertTrue(Builtins.isPlainDate("2026-12-31Z"));
        assertTrue(Builtins.isPlainTime("10:00:00.5-05:00"));
        assertTrue(fastDateTimes > 1000, "fast date-times: " + fastDateTimes);
        assertEquals("2026-01-01T00:00:00.000", Builtins.DATE_TIME.parseValue(" 2026-01-01T00:00:00.000\n", null).toString());
    }

    @Test
    void smallIntegersReadWithoutABigIntegerGiveTheSameValuesAndErrors() {
        List<SimpleType<?>> types = List.of(Builtins.INT, Builtins.LONG, Builtins.SHORT, Builtins.BYTE, Builtins.UNSIGNED_BYTE,
                Builtins.UNSIGNED_SHORT, Builtins.UNSIGNED_INT, Builtins.UNSIGNED_LONG, Builtins.INTEGER, Builtins.POSITIVE_INTEGER,
                Builtins.NEGATIVE_INTEGER, Builtins.NON_NEGATIVE_INTEGER, Builtins.NON_POSITIVE_INTEGER);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "+0", "1", "-1", "+7", "007", "127", "128", "-128", "-129", "255",
                "256", "32767", "32768", "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "4294967295", "4294967296", "999999999999999999", "-999999999999999999", "1000000000000000000",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
                "18446744073709551616", "", "-", "+", "1.5", "1e3", "١٢", " 42 ", "4 2", "--1", "+-1", "0x10"));
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            texts.add(Long.toString(random.nextLong() >> random.nextInt(64)));
        }
        for (SimpleType<?> type : types) {
            for (String text : texts) {
                Object general = generalInteger(type, text);
                Object fast;
                try {
                    fast = type.parseValue(text, null);
                } catch (CodecFailure e) {
                    fast = e.code + ": " + e.getMessage();
                }
                assertEquals(general, fast, type.name() + " " + text);
                if (!(fast instanceof String)) {
                    assertEquals(new BigInteger(Builtins.collapse(text)).toString(), type.formatValue(fast), type.name() + " " + text);
                }
            }
        }
        assertEquals(-42L, Builtins.parseSmallInteger("-42"));
        assertEquals(Long.MIN_VALUE, Builtins.parseSmallInteger("1000000000000000000"));
    }

    /** What the integer types gave before the fast path: the regex, a BigInteger, the range. */
    private static Object generalInteger(SimpleType<?> type, String text) {
        String s = Builtins.collapse(text);
        BigInteger[] range = switch (type.name()) {
            case "int" -> new BigInteger[] {BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)};
            case "long" -> new BigInteger[] {BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};
            case "short" -> new BigInteger[] {BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)};
            case "byte" -> new BigInteger[] {BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)};
            case "unsignedByte" -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(255)};
            case "unsignedShort" -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(65535)};
            case "unsignedInt" -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(4294967295L)};
            case "unsignedLong" -> new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
            case "integer" -> new BigInteger[] {null, null};
            case "positiveInteger" -> new BigInteger[] {BigInteger.ONE, null};
            case "negativeInteger" -> new BigInteger[] {null, BigInteger.valueOf(-1)};
            case "nonNegativeInteger" -> new BigInteger[] {BigInteger.ZERO, null};
            case "nonPositiveInteger" -> new BigInteger[] {null, BigInteger.ZERO};
            default -> throw new IllegalArgumentException(type.name());
        };
        if (!s.matches("[+-]?[0-9]+")) {
            return "invalid-value: invalid " + type.name() + " value " + CodecFailure.quote(text) + " (not an integer)";
        }
        BigInteger n = new BigInteger(s);
        if ((range[0] != null && n.compareTo(range[0]) < 0) || (range[1] != null && n.compareTo(range[1]) > 0)) {
            String shown = (range[0] == null ? "-\u221e" : range[0].toString()) + ".." + (range[1] == null ? "\u221e" : range[1].toString());
            return "out-of-range: invalid " + type.name() + " value " + CodecFailure.quote(text) + " (outside the range " + shown + ")";
        }
        return switch (type.name()) {
            case "int", "unsignedShort" -> n.intValue();
            case "long", "unsignedInt" -> n.longValue();
            case "short", "unsignedByte" -> n.shortValue();
            case "byte" -> n.byteValue();
            default -> n;
        };
    }

    @Test
    void collapseCopiesOnlyWhatItChanges() {
        String plain = "a b c";
        assertTrue(Builtins.collapse(plain) == plain, "an already collapsed text is returned as is");
        String[][] cases = {
            {"", ""}, {" ", ""}, {"a", "a"}, {" a", "a"}, {"a ", "a"}, {"a  b", "a b"}, {"a\tb", "a b"},
            {"\n a \r\n b \t", "a b"}, {"a b", "a b"}, {"  ", ""}, {"\u00a0a", "\u00a0a"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], Builtins.collapse(c[0]), "collapse of [" + c[0] + "]");
        }
    }

    enum Shade {
        LIGHT("Light"), DARK("Dark"), TWIN_A("Twin"), TWIN_B("Twin"), BLANK(""), SPACED(" Spaced ");

        private final String value;

        Shade(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    private static Object parsedFromChars(SimpleType<?> type, String text) {
        try {
            return type.parseChars(text.toCharArray(), text.length());
        } catch (CodecFailure e) {
            return e.code + ": " + e.getMessage();
        }
    }

    private static Object parsed(SimpleType<?> type, String text) {
        try {
            return type.parseValue(text, null);
        } catch (CodecFailure e) {
            return e.code + ": " + e.getMessage();
        }
    }

    @Test
    void integersAndEnumerationsReadFromTheCharactersAreWhatParsingTheTextGives() {
        List<SimpleType<?>> types = List.of(Builtins.INT, Builtins.LONG, Builtins.SHORT, Builtins.BYTE, Builtins.UNSIGNED_BYTE,
                Builtins.UNSIGNED_SHORT, Builtins.UNSIGNED_INT, Builtins.UNSIGNED_LONG, Builtins.INTEGER, Builtins.POSITIVE_INTEGER,
                Builtins.NEGATIVE_INTEGER, Builtins.NON_NEGATIVE_INTEGER, Builtins.NON_POSITIVE_INTEGER, Builtins.INT.named("Count"),
                Builtins.STRING, Builtins.DATE_TIME);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "+0", "1", "-1", "+7", "007", "127", "128", "-128", "-129", "255",
                "256", "32767", "32768", "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "4294967295", "4294967296", "999999999999999999", "-999999999999999999", "1000000000000000000",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "", "-", "+", "1.5", "1e3", "\u0661\u0662",
                " 42 ", "42\n", "4 2", "--1", "+-1", "0x10", "2026-01-01T00:00:00Z"));
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            texts.add(Long.toString(random.nextLong() >> random.nextInt(64)));
        }
        for (SimpleType<?> type : types) {
            for (String text : texts) {
                assertEquals(parsed(type, text), parsedFromChars(type, text), type.name() + " [" + text + "]");
            }
        }
        SimpleType<Shade> shade = SimpleType.enumeration("Shade", Shade.class, Builtins.STRING, Shade::value);
        SimpleType<Shade> token = SimpleType.enumeration("Shade", Shade.class, Builtins.TOKEN, Shade::value);
        for (String text : List.of("Light", "Dark", "Twin", "", " Spaced ", "Spaced", "light", "Ligh", "Lights", " Light", "Dark\n")) {
            assertEquals(parsed(shade, text), parsedFromChars(shade, text), "[" + text + "]");
            assertEquals(parsed(token, text), parsedFromChars(token, text), "token [" + text + "]");
        }
        assertEquals(Shade.TWIN_B, parsedFromChars(shade, "Twin"));
        // Read from the characters, not through the parser (which these types' parsers would refuse).
        SimpleType.Parser<Integer> noInteger = s -> {
            throw new AssertionError("parsed as a string: " + s);
        };
        SimpleType<Integer> counted = new SimpleType<>("counted", Integer.class, "an Integer", noInteger, String::valueOf)
                .directInteger(0, 100, n -> (int) n);
        assertEquals(42, counted.parseChars("42".toCharArray(), 2));
        SimpleType.Parser<String> noString = s -> {
            throw new AssertionError("parsed as a string: " + s);
        };
        SimpleType<String> text = new SimpleType<>("text", String.class, "a String", noString, s -> s).directString();
        assertEquals(Shade.DARK, SimpleType.enumeration("Shade", Shade.class, text, Shade::value).parseChars("Dark".toCharArray(), 4));
    }
}
