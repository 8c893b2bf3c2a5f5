package io.ecgrid.soap.runtime;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An {@code xs:decimal} value that keeps its exact digits: {@code -12.50} stays {@code -12.50},
 * {@code +.5} stays {@code +.5}. Convert with {@link #toBigDecimal()}.
 */
public final class XsdDecimal implements Comparable<XsdDecimal> {
    private final String lexical;

    private XsdDecimal(String lexical) {
        this.lexical = lexical;
    }

    /**
     * Parses and validates a lexical form (XML whitespace around it is removed).
     *
     * @param lexical an {@code xs:decimal} lexical form
     * @return the value
     * @throws IllegalArgumentException when it is not a valid {@code xs:decimal}
     */
    public static XsdDecimal parse(String lexical) {
        return new XsdDecimal(Builtins.checkLexical(Builtins.DECIMAL_LEXICAL, lexical, "decimal"));
    }

    /** A lexical form the codec has already collapsed and checked ({@link Builtins#lexical}): not checked twice. */
    static XsdDecimal ofChecked(String lexical) {
        return new XsdDecimal(lexical);
    }

    /**
     * The plain digits of a BigDecimal (never an exponent).
     *
     * @param value the number
     * @return the value
     */
    public static XsdDecimal of(BigDecimal value) {
        return new XsdDecimal(value.toPlainString());
    }

    /**
     * The number.
     *
     * @return the value as a BigDecimal
     */
    public BigDecimal toBigDecimal() {
        String s = lexical.startsWith("+") ? lexical.substring(1) : lexical;
        if (s.startsWith(".") || s.startsWith("-.")) {
            s = s.replace(".", "0.");
        }
        if (s.endsWith(".")) {
            s = s + "0";
        }
        return new BigDecimal(s);
    }

    @Override
    public String toString() {
        return lexical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XsdDecimal that && lexical.equals(that.lexical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lexical);
    }

    @Override
    public int compareTo(XsdDecimal other) {
        return toBigDecimal().compareTo(other.toBigDecimal());
    }
}
