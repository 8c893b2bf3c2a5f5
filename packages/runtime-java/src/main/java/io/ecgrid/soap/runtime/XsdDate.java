package io.ecgrid.soap.runtime;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An {@code xs:date} value that keeps its exact lexical form ({@code 2026-05-07},
 * {@code 2026-05-07Z}, {@code 2026-05-07+02:00}). Convert with {@link #toLocalDate()}.
 */
public final class XsdDate {
    private static final java.util.regex.Pattern DATE_PART = java.util.regex.Pattern.compile("^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}");

    private final String lexical;

    private XsdDate(String lexical) {
        this.lexical = lexical;
    }

    /**
     * Parses and validates a lexical form (XML whitespace around it is removed).
     *
     * @param lexical an {@code xs:date} lexical form
     * @return the value
     * @throws IllegalArgumentException when it is not a valid {@code xs:date}
     */
    public static XsdDate parse(String lexical) {
        return new XsdDate(Builtins.checkLexical(Builtins.DATE_LEXICAL, lexical, "date"));
    }

    /** A lexical form the codec has already collapsed and checked ({@link Builtins#lexical}): not checked twice. */
    static XsdDate ofChecked(String lexical) {
        return new XsdDate(lexical);
    }

    /**
     * A date without a time zone.
     *
     * @param value the date
     * @return the value
     */
    public static XsdDate of(LocalDate value) {
        return new XsdDate(formatDate(value));
    }

    /**
     * The date as written, the zone ignored.
     *
     * @return the date
     */
    public LocalDate toLocalDate() {
        java.util.regex.Matcher m = DATE_PART.matcher(lexical);
        if (!m.find()) {
            throw new IllegalStateException("bug: invalid stored date");
        }
        return dateOf(m.group());
    }

    @Override
    public String toString() {
        return lexical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XsdDate that && lexical.equals(that.lexical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lexical);
    }

    /** {@code yyyy-MM-dd}, years outside 0000..9999 with all their digits. */
    static String formatDate(LocalDate date) {
        int year = date.getYear();
        String y = year < 0 ? "-" + pad(-year, 4) : pad(year, 4);
        return y + "-" + pad(date.getMonthValue(), 2) + "-" + pad(date.getDayOfMonth(), 2);
    }

    /** A {@code [-]yyyy-MM-dd} prefix as a date. */
    static LocalDate dateOf(String text) {
        int end = text.indexOf('-', 1);
        int year = Integer.parseInt(text.substring(0, end));
        int month = Integer.parseInt(text.substring(end + 1, end + 3));
        int day = Integer.parseInt(text.substring(end + 4, end + 6));
        return LocalDate.of(year, month, day);
    }

    static String pad(long value, int width) {
        StringBuilder s = new StringBuilder(Long.toString(value));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }
}
