package org.bmsw.schema.internal;

import java.math.BigDecimal;

/** Small number helpers. */
public final class ParameterDefs {

    private ParameterDefs() {
    }

    /** A double without exponent or trailing zeros. */
    public static String plain(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Equal within floating-point noise. */
    public static boolean same(double a, double b) {
        return RuleEngine.compare(a, b) == 0;
    }
}
