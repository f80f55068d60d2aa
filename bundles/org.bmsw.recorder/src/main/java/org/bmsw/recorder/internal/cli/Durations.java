package org.bmsw.recorder.internal.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, a number of seconds, or ISO {@code PT10M}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the option and what is expected */
    static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return positive(option, text, Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            if (t.matches("\\d+(\\.\\d+)?")) {
                return positive(option, text, Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000)));
            }
            Matcher m = PART.matcher(t);
            Duration total = Duration.ZERO;
            int end = 0;
            while (m.find() && m.start() == end) {
                double n = Double.parseDouble(m.group(1));
                long unitMillis = switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    case "h" -> 3_600_000;
                    default -> 86_400_000;
                };
                total = total.plusMillis(Math.round(n * unitMillis));
                end = m.end();
            }
            if (end == t.length() && end > 0) {
                return positive(option, text, total);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a duration such as 90s, 10m, 1h30m, 2d or PT10M, not '" + text + "'");
    }

    private static Duration positive(String option, String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0, not '" + text + "'");
        }
        return d;
    }

    /** "1h 05m 03s", "42s", "350 ms". */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
