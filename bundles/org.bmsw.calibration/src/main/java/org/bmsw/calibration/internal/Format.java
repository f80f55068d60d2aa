package org.bmsw.calibration.internal;

import java.util.Locale;

/** Numbers in messages and reports: a fixed number of decimals, a dot, no locale surprises. */
final class Format {

    private Format() {
    }

    static String number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }

    /** "12.3 A" */
    static String amps(double value) {
        return number(value, 1) + " A";
    }

    /** "0.25 A": a tolerance. */
    static String tolerance(double value) {
        return number(value, 2) + " A";
    }

    /** "+0.25 A", signed, for errors. */
    static String signedAmps(double value) {
        return (value >= 0 ? "+" : "") + number(value, 2) + " A";
    }

    /** "25.3 °C" */
    static String celsius(double value) {
        return number(value, 1) + " °C";
    }
}
