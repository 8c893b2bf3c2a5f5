package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The value classes: lexical forms kept exactly, conversions to java.time and BigDecimal, Nillable. */
class ValuesTest {

    @Test
    void decimalsKeepTheirDigitsAndCompareByValue() {
        XsdDecimal d = XsdDecimal.parse(" +.50 ");
        assertEquals("+.50", d.toString());
        assertEquals(new BigDecimal("0.50"), d.toBigDecimal());
        assertEquals(0, d.compareTo(XsdDecimal.parse("0.5")));
        assertNotEquals(d, XsdDecimal.parse("0.5"));
        assertEquals("12.3400", XsdDecimal.of(new BigDecimal("1.23400E+1")).toString());
        assertThrows(IllegalArgumentException.class, () -> XsdDecimal.parse("1e5"));
    }

    @Test
    void dateTimesKeepTheirZoneOrItsAbsence() {
        XsdDateTime local = XsdDateTime.parse("2026-05-07T10:00:00");
        assertFalse(local.hasTimeZone());
        assertEquals(LocalDateTime.of(2026, 5, 7, 10, 0), local.toLocalDateTime());
        XsdDateTime zoned = XsdDateTime.parse("2026-05-07T10:00:00.125+02:00");
        assertTrue(zoned.hasTimeZone());
        assertEquals(OffsetDateTime.of(2026, 5, 7, 10, 0, 0, 125_000_000, ZoneOffset.ofHours(2)), zoned.toOffsetDateTime());
        assertEquals("2026-05-07T10:00:00.125+02:00", zoned.toString());
        assertEquals("2026-05-07T10:00:00Z", XsdDateTime.of(OffsetDateTime.of(2026, 5, 7, 10, 0, 0, 0, ZoneOffset.UTC)).toString());
        assertThrows(IllegalArgumentException.class, () -> XsdDateTime.parse("2026-05-07"));
    }

    @Test
    void datesAndTimes() {
        assertEquals(LocalDate.of(2024, 2, 29), XsdDate.parse("2024-02-29").toLocalDate());
        assertEquals("2026-05-07", XsdDate.of(LocalDate.of(2026, 5, 7)).toString());
        assertEquals(LocalTime.of(10, 0, 0, 500_000_000), XsdTime.parse("10:00:00.5Z").toLocalTime());
        assertEquals("10:00:00.5Z", XsdTime.parse("10:00:00.5Z").toString());
        assertThrows(IllegalArgumentException.class, () -> XsdTime.parse("25:00:00"));
    }

    @Test
    void nillableKeepsNilApartFromAValue() {
        Nillable<String> nil = Nillable.nil();
        assertTrue(nil.isNil());
        assertNull(nil.orNull());
        assertThrows(NoSuchElementException.class, nil::get);
        assertEquals("nil", nil.toString());
        Nillable<byte[]> bytes = Nillable.of(new byte[] {1, 2});
        assertEquals("base64:AQI=", bytes.toString());
        assertEquals(Nillable.of("a"), Nillable.of("a"));
        assertThrows(NullPointerException.class, () -> Nillable.of(null));
    }

    @Test
    void optionsAreImmutableCopies() {
        ClientOptions defaults = ClientOptions.defaults();
        ClientOptions changed = defaults.withSoapVersion(SoapVersion.SOAP_12).withHeader("X-A", "1").withPretty(false);
        assertEquals(SoapVersion.SOAP_11, defaults.soapVersion());
        assertTrue(defaults.headers().isEmpty());
        assertEquals(SoapVersion.SOAP_12, changed.soapVersion());
        assertEquals("1", changed.headers().get("X-A"));
        assertFalse(changed.pretty());
        assertEquals(ClientOptions.DEFAULT_TIMEOUT, changed.timeout());
        assertEquals("invalid-option", assertThrows(ClientUsageException.class, () -> defaults.withTimeout(java.time.Duration.ZERO)).code());
        EncodeOptions encode = EncodeOptions.DEFAULT.withQualified(false).withIndent("\t");
        assertEquals(new EncodeOptions(false, "\t"), encode);
        assertEquals(new EncodeOptions(true, null), EncodeOptions.DEFAULT);
    }
}
