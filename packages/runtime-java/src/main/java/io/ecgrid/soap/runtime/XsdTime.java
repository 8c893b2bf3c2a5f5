package io.ecgrid.soap.runtime;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * An {@code xs:time} value that keeps its exact lexical form ({@code 10:00:00},
 * {@code 10:00:00.125Z}). Convert with {@link #toLocalTime()}.
 */
public final class XsdTime {
    private final String lexical;

    private XsdTime(String lexical) {
        this.lexical = lexical;
    }

    /**
     * Parses and validates a lexical form (XML whitespace around it is removed).
     *
     * @param lexical an {@code xs:time} lexical form
     * @return the value
     * @throws IllegalArgumentException when it is not a valid {@code xs:time}
     */
    public static XsdTime parse(String lexical) {
        return new XsdTime(Builtins.checkLexical(Builtins.TIME_LEXICAL, lexical, "time"));
    }

    /** A lexical form the codec has already collapsed and checked ({@link Builtins#lexical}): not checked twice. */
    static XsdTime ofChecked(String lexical) {
        return new XsdTime(lexical);
    }

    /**
     * A time without a time zone.
     *
     * @param value the time
     * @return the value
     */
    public static XsdTime of(LocalTime value) {
        return new XsdTime(formatTime(value));
    }

    /**
     * The time as written, the zone ignored; {@code 24:00:00} is midnight.
     *
     * @return the time
     */
    public LocalTime toLocalTime() {
        return lexical.startsWith("24:") ? LocalTime.MIDNIGHT : timeOf(lexical);
    }

    @Override
    public String toString() {
        return lexical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XsdTime that && lexical.equals(that.lexical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lexical);
    }

    /** {@code HH:mm:ss} plus the fraction when there is one. */
    static String formatTime(LocalTime time) {
        String s = XsdDate.pad(time.getHour(), 2) + ":" + XsdDate.pad(time.getMinute(), 2) + ":"
                + XsdDate.pad(time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos == 0) {
            return s;
        }
        String fraction = XsdDate.pad(nanos, 9).replaceAll("0+$", "");
        return s + "." + fraction;
    }

    static String formatOffset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
    }

    /** The time part {@code HH:mm:ss[.f+]} at the start of {@code text} (a zone after it is ignored). */
    static LocalTime timeOf(String text) {
        int hour = Integer.parseInt(text.substring(0, 2));
        int minute = Integer.parseInt(text.substring(3, 5));
        int second = Integer.parseInt(text.substring(6, 8));
        int nanos = 0;
        if (text.length() > 8 && text.charAt(8) == '.') {
            int end = 9;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            String digits = (text.substring(9, end) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(digits);
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static final java.util.regex.Pattern ZONE = java.util.regex.Pattern.compile("(Z|[+-][0-9]{2}:[0-9]{2})$");

    /** The zone at the end of a lexical form, or null without one. */
    static ZoneOffset zoneOf(String lexical) {
        java.util.regex.Matcher m = ZONE.matcher(lexical);
        if (!m.find()) {
            return null;
        }
        return m.group(1).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(1));
    }

}
