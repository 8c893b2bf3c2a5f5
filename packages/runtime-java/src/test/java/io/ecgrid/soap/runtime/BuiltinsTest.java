package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The builtin datatypes: the lexical forms they take, the values they give and the canonical forms they write. */
class BuiltinsTest {

    private static <V> String roundTrip(SimpleType<V> type, String lexical) {
        return type.formatValue(type.parseValue(lexical, null));
    }

    private static String errorCode(SimpleType<?> type, String lexical) {
        return assertThrows(CodecFailure.class, () -> type.parseValue(lexical, null)).code;
    }

    @Test
    void integersAreRangeChecked() {
        assertEquals(2147483647, Builtins.INT.parseValue("2147483647", null));
        assertEquals("out-of-range", errorCode(Builtins.INT, "2147483648"));
        assertEquals("out-of-range", errorCode(Builtins.UNSIGNED_BYTE, "256"));
        assertEquals("out-of-range", errorCode(Builtins.POSITIVE_INTEGER, "0"));
        assertEquals("invalid-value", errorCode(Builtins.INT, "1.5"));
        assertEquals("5", roundTrip(Builtins.INT, " +005 "));
        assertEquals(new BigInteger("18446744073709551615"), Builtins.UNSIGNED_LONG.parseValue("18446744073709551615", null));
        assertEquals(9007199254740993L, Builtins.LONG.parseValue("9007199254740993", null));
    }

    @Test
    void doublesAreWrittenAsJavaScriptsShortestForm() {
        assertEquals("0.1", roundTrip(Builtins.DOUBLE, "0.1"));
        assertEquals("1e+21", roundTrip(Builtins.DOUBLE, "1e21"));
        assertEquals("100000000000000000000", roundTrip(Builtins.DOUBLE, "1e20"));
        assertEquals("1e-7", roundTrip(Builtins.DOUBLE, "1e-7"));
        assertEquals("0.000001", roundTrip(Builtins.DOUBLE, "1e-6"));
        assertEquals("INF", roundTrip(Builtins.DOUBLE, "INF"));
        assertEquals("-INF", roundTrip(Builtins.FLOAT, "-INF"));
        assertEquals("NaN", roundTrip(Builtins.DOUBLE, "NaN"));
        assertEquals("-0", roundTrip(Builtins.DOUBLE, "-0"));
        assertEquals("invalid-value", errorCode(Builtins.DOUBLE, "Infinity"));
    }

    @Test
    void booleansTakeFourFormsAndWriteTwo() {
        assertEquals("true", roundTrip(Builtins.BOOLEAN, " 1 "));
        assertEquals("false", roundTrip(Builtins.BOOLEAN, "false"));
        assertEquals("invalid-value", errorCode(Builtins.BOOLEAN, "TRUE"));
    }

    @Test
    void lexicalTypesKeepWhatTheyReceived() {
        assertEquals("-12.50", roundTrip(Builtins.DECIMAL, " -12.50 "));
        assertEquals("2026-05-07T10:00:00", roundTrip(Builtins.DATE_TIME, "2026-05-07T10:00:00"));
        assertEquals("2026-05-07T10:00:00.50+02:00", roundTrip(Builtins.DATE_TIME, "2026-05-07T10:00:00.50+02:00"));
        assertEquals("invalid-value", errorCode(Builtins.DATE_TIME, "2026-02-29T10:00:00"));
        assertEquals("invalid-value", errorCode(Builtins.DATE, "2026-04-31"));
        assertEquals("P1Y2M3DT4H5M6.7S", roundTrip(Builtins.DURATION, "P1Y2M3DT4H5M6.7S"));
        assertEquals("invalid-value", errorCode(Builtins.DURATION, "P"));
    }

    @Test
    void stringsApplyTheirWhitespaceFacet() {
        assertEquals("  a\tb  ", roundTrip(Builtins.STRING, "  a\tb  "));
        assertEquals("  a b  ", roundTrip(Builtins.NORMALIZED_STRING, "  a\tb  "));
        assertEquals("a b", roundTrip(Builtins.TOKEN, "  a \n b  "));
        assertEquals("invalid-value", errorCode(Builtins.NC_NAME, "a:b"));
        CodecFailure bad = assertThrows(CodecFailure.class, () -> Builtins.STRING.formatValue("a\u0001b"));
        assertEquals("invalid-value", bad.code);
        assertEquals("invalid string: contains a character that XML cannot represent", bad.detail);
    }

    @Test
    void binariesDecodeStrictlyAndEncodeCanonically() {
        assertArrayEquals(new byte[] {0, 1, 2}, Builtins.BASE64_BINARY.parseValue(" AAEC \n", null));
        assertEquals("AAE=", roundTrip(Builtins.BASE64_BINARY, "AAE="));
        assertEquals("invalid-value", errorCode(Builtins.BASE64_BINARY, "AA=A"));
        assertEquals("0AFF", roundTrip(Builtins.HEX_BINARY, "0aFf"));
        assertEquals("invalid-value", errorCode(Builtins.HEX_BINARY, "0"));
    }

    @Test
    void formattingChecksTheJavaTypeWithoutShowingTheValue() {
        CodecFailure wrong = assertThrows(CodecFailure.class, () -> Builtins.INT.formatValue("secret"));
        assertEquals("invalid-type", wrong.code);
        assertTrue(wrong.detail.startsWith("invalid int: expected "), wrong.detail);
        assertFalse(wrong.detail.contains("secret"), wrong.detail);
    }
}
