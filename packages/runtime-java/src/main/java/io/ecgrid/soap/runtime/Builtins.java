package io.ecgrid.soap.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XSD builtin datatypes: lexical form to Java value and back, with the validation and the
 * canonical forms of the TypeScript runtime, so every SDK writes the same bytes. Strings,
 * lexical types (decimal, dates and times) keep what they received; numbers are written in
 * their canonical form ({@code double} as JavaScript's shortest round-trip form). Generated
 * codecs refer to the constants below, one per builtin.
 */
public final class Builtins {
    private Builtins() {
    }

    /** A builtin rejected a lexical form or a value; carries only the reason, never the value. */
    static final class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String code;
        final String reason;

        ValueError(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
            this.reason = reason;
        }
    }

    private static ValueError invalid(String reason) {
        return new ValueError("invalid-value", reason);
    }

    // ------------------------------------------------------------------------------------------
    // Whitespace facets and characters

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** whiteSpace="collapse": trimmed, runs of XML whitespace folded into one space. */
    static String collapse(String s) {
        if (isCollapsed(s)) {
            return s;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isXmlSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isXmlSpace(s.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isXmlSpace(c)) {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Already collapsed: no XML whitespace at either end, none but single spaces inside (read without copying). */
    private static boolean isCollapsed(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (isXmlSpace(s.charAt(0)) || isXmlSpace(s.charAt(n - 1))) {
            return false;
        }
        boolean space = false;
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (space) {
                    return false;
                }
                space = true;
            } else if (c == '\t' || c == '\n' || c == '\r') {
                return false;
            } else {
                space = false;
            }
        }
        return true;
    }

    static String replaceSpace(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Fails for characters XML 1.0 cannot carry at all, not even escaped. */
    private static String requireXmlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                i += bad ? 0 : 1;
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            }
            if (bad) {
                throw invalid("contains a character that XML cannot represent");
            }
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // String-like types

    private static final String NAME_START = "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D"
            + "\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD"
            + "\\x{10000}-\\x{EFFFF}";
    private static final String NAME_REST = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
    private static final String NCNAME = "[" + NAME_START + "][" + NAME_REST + "]*";

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*");
    private static final Pattern NAME = Pattern.compile("[" + NAME_START + ":][" + NAME_REST + ":]*");
    private static final Pattern NC_NAME_PATTERN = Pattern.compile(NCNAME);
    private static final Pattern NMTOKEN_PATTERN = Pattern.compile("[" + NAME_REST + ":]+");
    private static final Pattern NMTOKENS_PATTERN = Pattern.compile("[" + NAME_REST + ":]+(?: [" + NAME_REST + ":]+)*");
    private static final Pattern NCNAMES = Pattern.compile(NCNAME + "(?: " + NCNAME + ")*");
    private static final Pattern QNAME = Pattern.compile("(?:" + NCNAME + ":)?" + NCNAME);

    private enum Facet { PRESERVE, REPLACE, COLLAPSE }

    private static SimpleType<String> string(String name, Facet facet, Pattern pattern, String what) {
        Function<String, String> apply = switch (facet) {
            case PRESERVE -> s -> s;
            case REPLACE -> Builtins::replaceSpace;
            case COLLAPSE -> Builtins::collapse;
        };
        SimpleType.Parser<String> check = s -> {
            if (pattern != null && !pattern.matcher(s).matches()) {
                throw invalid("not a valid " + what);
            }
            return s;
        };
        SimpleType<String> type = new SimpleType<>(name, String.class, "a String", lexical -> check.parse(apply.apply(lexical)),
                value -> check.parse(apply.apply(requireXmlChars(value))));
        // Preserved whitespace and no pattern: formatting only checks the characters.
        return facet == Facet.PRESERVE && pattern == null ? type.directString() : type;
    }

    // ------------------------------------------------------------------------------------------
    // boolean

    private static boolean parseBoolean(String lexical) {
        switch (collapse(lexical)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw invalid("expected true, false, 1 or 0");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Integers

    private static final Pattern INTEGER_LEXICAL = Pattern.compile("[+-]?[0-9]+");

    /** What {@link #parseSmallInteger} returns for text it does not read (a value it never returns). */
    private static final long NOT_SMALL = Long.MIN_VALUE;

    /** {@code [+-]?[0-9]{1,18}} as a long, else {@link #NOT_SMALL}. */
    static long parseSmallInteger(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == n || n - i > 18) {
            return NOT_SMALL;
        }
        long value = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_SMALL;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private static <V extends Number> SimpleType<V> integer(String name, Class<V> type, BigInteger min, BigInteger max,
            Function<BigInteger, V> convert, java.util.function.LongFunction<V> fromLong) {
        String range = (min == null ? "-\u221e" : min.toString()) + ".." + (max == null ? "\u221e" : max.toString());
        Function<BigInteger, BigInteger> check = n -> {
            if ((min != null && n.compareTo(min) < 0) || (max != null && n.compareTo(max) > 0)) {
                throw new ValueError("out-of-range", "outside the range " + range);
            }
            return n;
        };
        // Up to 18 digits fit a long: read without a regex or a BigInteger when in range; anything
        // else (longer, out of range, not an integer) takes the general path and its errors.
        long minLong = min == null ? Long.MIN_VALUE : min.bitLength() < 64 ? min.longValue() : min.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        long maxLong = max == null ? Long.MAX_VALUE : max.bitLength() < 64 ? max.longValue() : max.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        SimpleType.Parser<V> parse = lexical -> {
            String s = collapse(lexical);
            long small = parseSmallInteger(s);
            if (small != NOT_SMALL && small >= minLong && small <= maxLong) {
                return fromLong.apply(small);
            }
            if (!INTEGER_LEXICAL.matcher(s).matches()) {
                throw invalid("not an integer");
            }
            return convert.apply(check.apply(new BigInteger(s)));
        };
        SimpleType.Formatter<V> format = value -> {
            if (!(value instanceof BigInteger)) {
                long n = value.longValue();
                if (n >= minLong && n <= maxLong) {
                    return Long.toString(n);
                }
            }
            return check.apply(value instanceof BigInteger big ? big : BigInteger.valueOf(value.longValue())).toString();
        };
        return new SimpleType<>(name, type, "a " + type.getSimpleName(), parse, format).directInteger(minLong, maxLong, fromLong);
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }

    // ------------------------------------------------------------------------------------------
    // float, double

    private static final Pattern FLOAT_LEXICAL =
            Pattern.compile("[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF)|NaN");

    private static SimpleType<Double> floating(String name) {
        SimpleType.Parser<Double> parse = lexical -> {
            String s = collapse(lexical);
            if (!FLOAT_LEXICAL.matcher(s).matches()) {
                throw invalid("not a " + name);
            }
            if (s.equals("NaN")) {
                return Double.NaN;
            }
            if (s.endsWith("INF")) {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.parseDouble(s);
        };
        return new SimpleType<>(name, Double.class, "a Double", parse, Builtins::formatDouble);
    }

    /**
     * A double as JavaScript's {@code String(n)} writes it (the shortest digits that read back to
     * the same double, closest to it), with {@code INF}, {@code -INF} and {@code NaN}.
     */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d < 0) {
            return "-" + formatDouble(-d);
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal chosen = null;
        for (int precision = 1; precision <= 17 && chosen == null; precision++) {
            BigDecimal low = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal high = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean lowOk = Double.parseDouble(low.toString()) == d;
            boolean highOk = Double.parseDouble(high.toString()) == d;
            if (lowOk && highOk && low.compareTo(high) != 0) {
                int cmp = exact.subtract(low).compareTo(high.subtract(exact));
                if (cmp == 0) {
                    chosen = low.unscaledValue().testBit(0) ? high : low;
                } else {
                    chosen = cmp < 0 ? low : high;
                }
            } else if (lowOk) {
                chosen = low;
            } else if (highOk) {
                chosen = high;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("bug: no round-trip form of a double");
        }
        chosen = chosen.stripTrailingZeros();
        String digits = chosen.unscaledValue().toString();
        int k = digits.length();
        int n = k - chosen.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String exponent = (e < 0 ? "e-" : "e+") + Math.abs(e);
        return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
    }

    // ------------------------------------------------------------------------------------------
    // Lexical types: decimal, duration, dates and times, kept as received

    private static final String YEAR = "-?(?:[1-9][0-9]{3,}|0[0-9]{3})";
    private static final String MONTH = "(?:0[1-9]|1[0-2])";
    private static final String DAY = "(?:0[1-9]|[12][0-9]|3[01])";
    private static final String TIME =
            "(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)";
    private static final String ZONE = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";

    static final Pattern DECIMAL_LEXICAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    static final Pattern DURATION_LEXICAL = Pattern.compile(
            "-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?");
    static final Pattern DATE_TIME_LEXICAL = Pattern.compile(YEAR + "-" + MONTH + "-" + DAY + "T" + TIME + ZONE);
    static final Pattern TIME_LEXICAL = Pattern.compile(TIME + ZONE);
    static final Pattern DATE_LEXICAL = Pattern.compile(YEAR + "-" + MONTH + "-" + DAY + ZONE);
    static final Pattern G_YEAR_MONTH_LEXICAL = Pattern.compile(YEAR + "-" + MONTH + ZONE);
    static final Pattern G_YEAR_LEXICAL = Pattern.compile(YEAR + ZONE);
    static final Pattern G_MONTH_DAY_LEXICAL = Pattern.compile("--" + MONTH + "-" + DAY + ZONE);
    static final Pattern G_DAY_LEXICAL = Pattern.compile("---" + DAY + ZONE);
    static final Pattern G_MONTH_LEXICAL = Pattern.compile("--" + MONTH + ZONE);

    private static final Pattern DAY_WITH_YEAR = Pattern.compile("^(-?[0-9]+)-([0-9]{2})-([0-9]{2})");
    private static final Pattern DAY_WITHOUT_YEAR = Pattern.compile("^--([0-9]{2})-([0-9]{2})");

    /** The day exists in its month (and year, when there is one). */
    private static boolean validDay(Pattern pattern, String s) {
        boolean hasYear = pattern == DATE_TIME_LEXICAL || pattern == DATE_LEXICAL;
        if (!hasYear && pattern != G_MONTH_DAY_LEXICAL) {
            return true;
        }
        Matcher m = (hasYear ? DAY_WITH_YEAR : DAY_WITHOUT_YEAR).matcher(s);
        if (!m.find()) {
            return false;
        }
        int month = Integer.parseInt(hasYear ? m.group(2) : m.group(1));
        int day = Integer.parseInt(hasYear ? m.group(3) : m.group(2));
        int days;
        if (month == 2) {
            boolean leap = true;
            if (hasYear) {
                BigInteger year = new BigInteger(m.group(1));
                leap = year.mod(big(4)).signum() == 0 && year.mod(big(100)).signum() != 0 || year.mod(big(400)).signum() == 0;
            }
            days = leap ? 29 : 28;
        } else {
            days = month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }
        return day <= days;
    }

    // The common forms, read without a regex: a four-digit year, hours 00 to 23, a zone of Z or
    // +hh:mm / -hh:mm. Each accepts only what the patterns above (and validDay) accept; any other
    // text takes the patterns, so what is valid and every error stay the same.

    private static int digit(String s, int i) {
        char c = i < s.length() ? s.charAt(i) : 'x';
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    /** Two digits at {@code i} as a number, -1 when they are not two digits. */
    private static int twoDigits(String s, int i) {
        int a = digit(s, i);
        int b = digit(s, i + 1);
        return a < 0 || b < 0 ? -1 : a * 10 + b;
    }

    private static boolean charAt(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    /** {@code yyyy-mm-dd} at the start, the day existing in its month and year: the index after it, or -1. */
    private static int plainDate(String s) {
        int hi = twoDigits(s, 0);
        int lo = twoDigits(s, 2);
        if (hi < 0 || lo < 0 || !charAt(s, 4, '-') || !charAt(s, 7, '-')) {
            return -1;
        }
        int month = twoDigits(s, 5);
        int day = twoDigits(s, 8);
        if (month < 1 || month > 12 || day < 1) {
            return -1;
        }
        int year = hi * 100 + lo;
        int days = month == 2 ? (year % 4 == 0 && year % 100 != 0 || year % 400 == 0 ? 29 : 28)
                : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        return day <= days ? 10 : -1;
    }

    /** {@code hh:mm:ss(.f+)?} at {@code i}, hours 00 to 23: the index after it, or -1. */
    private static int plainTime(String s, int i) {
        int hours = twoDigits(s, i);
        int minutes = twoDigits(s, i + 3);
        int seconds = twoDigits(s, i + 6);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || !charAt(s, i + 2, ':')
                || !charAt(s, i + 5, ':')) {
            return -1;
        }
        int end = i + 8;
        if (charAt(s, end, '.')) {
            int first = ++end;
            while (digit(s, end) >= 0) {
                end++;
            }
            if (end == first) {
                return -1;
            }
        }
        return end;
    }

    /** Nothing, {@code Z} or {@code [+-]hh:mm} (up to 14:00) from {@code i} to the end. */
    private static boolean plainZone(String s, int i) {
        int n = s.length();
        if (i == n) {
            return true;
        }
        if (i + 1 == n) {
            return s.charAt(i) == 'Z';
        }
        if (i + 6 != n || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return false;
        }
        int hours = twoDigits(s, i + 1);
        int minutes = twoDigits(s, i + 4);
        return hours >= 0 && minutes >= 0 && (hours <= 13 && minutes <= 59 || hours == 14 && minutes == 0);
    }

    static boolean isPlainDateTime(String s) {
        if (plainDate(s) != 10 || !charAt(s, 10, 'T')) {
            return false;
        }
        int end = plainTime(s, 11);
        return end > 0 && plainZone(s, end);
    }

    static boolean isPlainDate(String s) {
        return plainDate(s) == 10 && plainZone(s, 10);
    }

    static boolean isPlainTime(String s) {
        int end = plainTime(s, 0);
        return end > 0 && plainZone(s, end);
    }

    /** The collapsed lexical form if valid; a {@link ValueError} otherwise. */
    static String lexical(Pattern pattern, String text, String what) {
        String s = collapse(text);
        if (pattern == DATE_TIME_LEXICAL ? isPlainDateTime(s) : pattern == DATE_LEXICAL ? isPlainDate(s)
                : pattern == TIME_LEXICAL && isPlainTime(s)) {
            return s;
        }
        if (!matchesLexical(pattern, s)) {
            throw invalid("not a valid " + what);
        }
        return s;
    }

    /** The general check of a collapsed lexical form: the pattern, and a day that exists. */
    static boolean matchesLexical(Pattern pattern, String s) {
        return pattern.matcher(s).matches() && validDay(pattern, s);
    }

    /** For the public {@code parse} methods of the value classes: an IllegalArgumentException. */
    static String checkLexical(Pattern pattern, String text, String what) {
        try {
            return lexical(pattern, text, what);
        } catch (ValueError e) {
            throw new IllegalArgumentException("invalid " + what + ": " + e.reason);
        }
    }

    private static SimpleType<String> lexicalString(String name, Pattern pattern) {
        return new SimpleType<>(name, String.class, "a String", s -> lexical(pattern, s, name), s -> lexical(pattern, s, name));
    }

    // ------------------------------------------------------------------------------------------
    // Binaries

    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Decodes base64, ignoring XML whitespace; padding is required as XSD specifies. */
    static byte[] decodeBase64(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isXmlSpace(c)) {
                b.append(c);
            }
        }
        String s = b.toString();
        if (s.length() % 4 != 0) {
            throw invalid("base64 length is not a multiple of 4");
        }
        int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        byte[] out = new byte[s.length() / 4 * 3 - pad];
        int o = 0;
        for (int i = 0; i < s.length(); i += 4) {
            boolean last = i + 4 == s.length();
            int bits = 0;
            for (int j = 0; j < 4; j++) {
                char c = s.charAt(i + j);
                int v = c < 128 ? BASE64_ALPHABET.indexOf(c) : -1;
                if (v == -1) {
                    if (!(c == '=' && last && j >= 4 - pad)) {
                        throw invalid("invalid base64 character");
                    }
                    v = 0;
                }
                bits = (bits << 6) | v;
            }
            out[o++] = (byte) (bits >>> 16);
            if (o < out.length) {
                out[o++] = (byte) (bits >>> 8);
            }
            if (o < out.length) {
                out[o++] = (byte) bits;
            }
        }
        return out;
    }

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");

    static byte[] decodeHex(String text) {
        String s = collapse(text);
        if (!HEX.matcher(s).matches()) {
            throw invalid("not a valid hexBinary");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(i * 2, i * 2 + 2), 16);
        }
        return out;
    }

    static String encodeHex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.toUpperCase(Character.forDigit((b >> 4) & 15, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------
    // The table: one constant per builtin, named after it

    /** {@code xs:anySimpleType}. */
    public static final SimpleType<String> ANY_SIMPLE_TYPE = string("anySimpleType", Facet.PRESERVE, null, null);
    /** {@code xs:string}. */
    public static final SimpleType<String> STRING = string("string", Facet.PRESERVE, null, null);
    /** {@code xs:normalizedString}. */
    public static final SimpleType<String> NORMALIZED_STRING = string("normalizedString", Facet.REPLACE, null, null);
    /** {@code xs:token}. */
    public static final SimpleType<String> TOKEN = string("token", Facet.COLLAPSE, null, null);
    /** {@code xs:language}. */
    public static final SimpleType<String> LANGUAGE_TYPE = string("language", Facet.COLLAPSE, LANGUAGE, "language tag");
    /** {@code xs:Name}. */
    public static final SimpleType<String> NAME_TYPE = string("Name", Facet.COLLAPSE, NAME, "Name");
    /** {@code xs:NCName}. */
    public static final SimpleType<String> NC_NAME = string("NCName", Facet.COLLAPSE, NC_NAME_PATTERN, "NCName");
    /** {@code xs:NMTOKEN}. */
    public static final SimpleType<String> NMTOKEN = string("NMTOKEN", Facet.COLLAPSE, NMTOKEN_PATTERN, "NMTOKEN");
    /** {@code xs:NMTOKENS}. */
    public static final SimpleType<String> NMTOKENS = string("NMTOKENS", Facet.COLLAPSE, NMTOKENS_PATTERN, "NMTOKENS list");
    /** {@code xs:ID}. */
    public static final SimpleType<String> ID = string("ID", Facet.COLLAPSE, NC_NAME_PATTERN, "ID");
    /** {@code xs:IDREF}. */
    public static final SimpleType<String> IDREF = string("IDREF", Facet.COLLAPSE, NC_NAME_PATTERN, "IDREF");
    /** {@code xs:IDREFS}. */
    public static final SimpleType<String> IDREFS = string("IDREFS", Facet.COLLAPSE, NCNAMES, "IDREFS list");
    /** {@code xs:ENTITY}. */
    public static final SimpleType<String> ENTITY = string("ENTITY", Facet.COLLAPSE, NC_NAME_PATTERN, "ENTITY");
    /** {@code xs:ENTITIES}. */
    public static final SimpleType<String> ENTITIES = string("ENTITIES", Facet.COLLAPSE, NCNAMES, "ENTITIES list");
    /** {@code xs:QName}. */
    public static final SimpleType<String> Q_NAME = string("QName", Facet.COLLAPSE, QNAME, "QName");
    /** {@code xs:NOTATION}. */
    public static final SimpleType<String> NOTATION = string("NOTATION", Facet.COLLAPSE, QNAME, "NOTATION");
    /** {@code xs:anyURI}. */
    public static final SimpleType<String> ANY_URI = string("anyURI", Facet.COLLAPSE, null, null);
    /** {@code xs:boolean}. */
    public static final SimpleType<Boolean> BOOLEAN = new SimpleType<>("boolean", Boolean.class, "a Boolean",
            Builtins::parseBoolean, value -> value ? "true" : "false");
    /** {@code xs:decimal}. */
    public static final SimpleType<XsdDecimal> DECIMAL = new SimpleType<>("decimal", XsdDecimal.class, "an XsdDecimal",
            s -> XsdDecimal.ofChecked(lexical(DECIMAL_LEXICAL, s, "decimal")), XsdDecimal::toString);
    /** {@code xs:integer}. */
    public static final SimpleType<BigInteger> INTEGER = integer("integer", BigInteger.class, null, null, n -> n, BigInteger::valueOf);
    /** {@code xs:nonPositiveInteger}. */
    public static final SimpleType<BigInteger> NON_POSITIVE_INTEGER =
            integer("nonPositiveInteger", BigInteger.class, null, BigInteger.ZERO, n -> n, BigInteger::valueOf);
    /** {@code xs:negativeInteger}. */
    public static final SimpleType<BigInteger> NEGATIVE_INTEGER = integer("negativeInteger", BigInteger.class, null, big(-1), n -> n, BigInteger::valueOf);
    /** {@code xs:long}. */
    public static final SimpleType<Long> LONG = integer("long", Long.class, big(Long.MIN_VALUE), big(Long.MAX_VALUE), BigInteger::longValue, n -> n);
    /** {@code xs:int}. */
    public static final SimpleType<Integer> INT =
            integer("int", Integer.class, big(Integer.MIN_VALUE), big(Integer.MAX_VALUE), BigInteger::intValue, n -> (int) n);
    /** {@code xs:short}. */
    public static final SimpleType<Short> SHORT = integer("short", Short.class, big(Short.MIN_VALUE), big(Short.MAX_VALUE),
            BigInteger::shortValue, n -> (short) n);
    /** {@code xs:byte}. */
    public static final SimpleType<Byte> BYTE = integer("byte", Byte.class, big(Byte.MIN_VALUE), big(Byte.MAX_VALUE), BigInteger::byteValue, n -> (byte) n);
    /** {@code xs:nonNegativeInteger}. */
    public static final SimpleType<BigInteger> NON_NEGATIVE_INTEGER =
            integer("nonNegativeInteger", BigInteger.class, BigInteger.ZERO, null, n -> n, BigInteger::valueOf);
    /** {@code xs:unsignedLong}. */
    public static final SimpleType<BigInteger> UNSIGNED_LONG =
            integer("unsignedLong", BigInteger.class, BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), n -> n, BigInteger::valueOf);
    /** {@code xs:unsignedInt}. */
    public static final SimpleType<Long> UNSIGNED_INT = integer("unsignedInt", Long.class, BigInteger.ZERO, big(4294967295L),
            BigInteger::longValue, n -> n);
    /** {@code xs:unsignedShort}. */
    public static final SimpleType<Integer> UNSIGNED_SHORT = integer("unsignedShort", Integer.class, BigInteger.ZERO, big(65535),
            BigInteger::intValue, n -> (int) n);
    /** {@code xs:unsignedByte}. */
    public static final SimpleType<Short> UNSIGNED_BYTE = integer("unsignedByte", Short.class, BigInteger.ZERO, big(255),
            BigInteger::shortValue, n -> (short) n);
    /** {@code xs:positiveInteger}. */
    public static final SimpleType<BigInteger> POSITIVE_INTEGER = integer("positiveInteger", BigInteger.class, BigInteger.ONE, null, n -> n, BigInteger::valueOf);
    /** {@code xs:float}. */
    public static final SimpleType<Double> FLOAT = floating("float");
    /** {@code xs:double}. */
    public static final SimpleType<Double> DOUBLE = floating("double");
    /** {@code xs:duration}. */
    public static final SimpleType<String> DURATION = lexicalString("duration", DURATION_LEXICAL);
    /** {@code xs:dateTime}. */
    public static final SimpleType<XsdDateTime> DATE_TIME = new SimpleType<>("dateTime", XsdDateTime.class, "an XsdDateTime",
            s -> XsdDateTime.ofChecked(lexical(DATE_TIME_LEXICAL, s, "dateTime")), XsdDateTime::toString);
    /** {@code xs:time}. */
    public static final SimpleType<XsdTime> TIME_TYPE = new SimpleType<>("time", XsdTime.class, "an XsdTime",
            s -> XsdTime.ofChecked(lexical(TIME_LEXICAL, s, "time")), XsdTime::toString);
    /** {@code xs:date}. */
    public static final SimpleType<XsdDate> DATE = new SimpleType<>("date", XsdDate.class, "an XsdDate",
            s -> XsdDate.ofChecked(lexical(DATE_LEXICAL, s, "date")), XsdDate::toString);
    /** {@code xs:gYearMonth}. */
    public static final SimpleType<String> G_YEAR_MONTH = lexicalString("gYearMonth", G_YEAR_MONTH_LEXICAL);
    /** {@code xs:gYear}. */
    public static final SimpleType<String> G_YEAR = lexicalString("gYear", G_YEAR_LEXICAL);
    /** {@code xs:gMonthDay}. */
    public static final SimpleType<String> G_MONTH_DAY = lexicalString("gMonthDay", G_MONTH_DAY_LEXICAL);
    /** {@code xs:gDay}. */
    public static final SimpleType<String> G_DAY = lexicalString("gDay", G_DAY_LEXICAL);
    /** {@code xs:gMonth}. */
    public static final SimpleType<String> G_MONTH = lexicalString("gMonth", G_MONTH_LEXICAL);
    /** {@code xs:base64Binary}. */
    public static final SimpleType<byte[]> BASE64_BINARY = new SimpleType<>("base64Binary", byte[].class, "a byte[]",
            Builtins::decodeBase64, bytes -> Base64.getEncoder().encodeToString(bytes));
    /** {@code xs:hexBinary}. */
    public static final SimpleType<byte[]> HEX_BINARY = new SimpleType<>("hexBinary", byte[].class, "a byte[]",
            Builtins::decodeHex, Builtins::encodeHex);
    /** {@code xs:anyType}: kept XML, written back unchanged. */
    public static final TypeCodec<XmlElement> ANY_TYPE = TypeCodec.AnyType.INSTANCE;
}
