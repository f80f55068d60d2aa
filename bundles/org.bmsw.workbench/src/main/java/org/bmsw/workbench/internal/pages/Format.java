package org.bmsw.workbench.internal.pages;

import java.util.Locale;

/** Numbers as the pages show them: fixed decimals, a dash for what the device does not report. */
final class Format {

    static final String NONE = "–";

    private Format() {
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String withUnit(double value, int decimals, String unit) {
        return Double.isNaN(value) ? NONE : number(value, decimals) + " " + unit;
    }

    /** Decimals a measurement in {@code unit} is worth showing: a count none, volts two, resistances none ... */
    static int decimalsFor(String unit, double value) {
        return switch (unit) {
            case "" -> value == Math.rint(value) ? 0 : 2;
            case "kΩ", "Ω", "W", "mV", "s" -> 0;
            case "A", "°C", "%", "kW", "Ah" -> 1;
            default -> 2;
        };
    }

    static String count(long value) {
        return value < 0 ? NONE : Long.toString(value);
    }

    /** {@code 3 d 04:05:06} or {@code 04:05:06}. */
    static String duration(long seconds) {
        if (seconds < 0) {
            return NONE;
        }
        long days = seconds / 86_400;
        String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return days > 0 ? days + " d " + clock : clock;
    }
}
