package io.ecgrid.soap.runtime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * An {@code xs:dateTime} value that keeps its exact lexical form: {@code 2026-05-07T10:00:00}
 * stays without a zone, {@code 10:00:00.50+02:00} keeps its digits, and it is written back
 * exactly as received. Convert with {@link #toLocalDateTime()} and {@link #toOffsetDateTime()}.
 */
public final class XsdDateTime implements Comparable<XsdDateTime> {
    private final String lexical;

    private XsdDateTime(String lexical) {
        this.lexical = lexical;
    }

    /**
     * Parses and validates a lexical form (XML whitespace around it is removed).
     *
     * @param lexical an {@code xs:dateTime} lexical form
     * @return the value
     * @throws IllegalArgumentException when it is not a valid {@code xs:dateTime}
     */
    public static XsdDateTime parse(String lexical) {
        return new XsdDateTime(Builtins.checkLexical(Builtins.DATE_TIME_LEXICAL, lexical, "dateTime"));
    }

    /** A lexical form the codec has already collapsed and checked ({@link Builtins#lexical}): not checked twice. */
    static XsdDateTime ofChecked(String lexical) {
        return new XsdDateTime(lexical);
    }

    /**
     * A value without a time zone, seconds always written ({@code 2026-05-07T10:00:00}).
     *
     * @param value the date and time
     * @return the value
     */
    public static XsdDateTime of(LocalDateTime value) {
        return new XsdDateTime(XsdDate.formatDate(value.toLocalDate()) + "T" + XsdTime.formatTime(value.toLocalTime()));
    }

    /**
     * A value with its offset ({@code Z} for UTC).
     *
     * @param value the date and time with its offset
     * @return the value
     */
    public static XsdDateTime of(OffsetDateTime value) {
        return new XsdDateTime(of(value.toLocalDateTime()).lexical + XsdTime.formatOffset(value.getOffset()));
    }

    /**
     * Whether the lexical form has a time zone.
     *
     * @return true with a zone
     */
    public boolean hasTimeZone() {
        return XsdTime.zoneOf(lexical) != null;
    }

    /**
     * The date and time as written, the zone ignored; {@code 24:00:00} is midnight of the next day.
     *
     * @return the local date and time
     */
    public LocalDateTime toLocalDateTime() {
        Matcher m = Builtins.DATE_TIME_LEXICAL.matcher(lexical);
        if (!m.matches()) {
            throw new IllegalStateException("bug: invalid stored dateTime");
        }
        int t = lexical.indexOf('T');
        LocalDate date = XsdDate.dateOf(lexical.substring(0, t));
        String time = lexical.substring(t + 1);
        if (time.startsWith("24:")) {
            return date.plusDays(1).atStartOfDay();
        }
        return date.atTime(XsdTime.timeOf(time));
    }

    /**
     * The instant with its offset; a value without a time zone is taken as UTC ({@link #hasTimeZone()}).
     *
     * @return the date and time with its offset
     */
    public OffsetDateTime toOffsetDateTime() {
        ZoneOffset zone = XsdTime.zoneOf(lexical);
        return toLocalDateTime().atOffset(zone == null ? ZoneOffset.UTC : zone);
    }

    /** The exact lexical form. */
    @Override
    public String toString() {
        return lexical;
    }

    /** Lexical comparison: the same lexical form is the same value here. */
    @Override
    public boolean equals(Object other) {
        return other instanceof XsdDateTime that && lexical.equals(that.lexical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lexical);
    }

    @Override
    public int compareTo(XsdDateTime other) {
        return toOffsetDateTime().compareTo(other.toOffsetDateTime());
    }

    /**
     * The time part, the zone ignored.
     *
     * @return the time
     */
    public LocalTime toLocalTime() {
        return toLocalDateTime().toLocalTime();
    }
}
