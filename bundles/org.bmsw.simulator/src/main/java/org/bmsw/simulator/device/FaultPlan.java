package org.bmsw.simulator.device;

import java.time.Duration;
import java.util.Locale;

/**
 * What goes wrong on a simulated line, and how often. Each reply frame draws once from a random
 * sequence seeded with {@code seed}, so the same plan against the same requests fails the same way.
 *
 * @param seed          seed of the fault sequence
 * @param drop          share of replies never sent (no response)
 * @param corrupt       share of replies with one bit flipped (the checksum no longer fits)
 * @param truncate      share of replies cut short
 * @param wrongAddress  share of replies sent as if from another address (valid checksum)
 * @param exception     share of replies replaced by an exception response (SERVER DEVICE FAILURE)
 * @param delay         share of replies held back by {@code extraDelay}
 * @param extraDelay    how long a delayed reply is held back
 * @param disconnect    share of replies during which the line is cut: part of the frame goes out, then the
 *                      connection ends (a TCP client is dropped, a pty pair is torn down and made anew)
 */
public record FaultPlan(long seed, double drop, double corrupt, double truncate, double wrongAddress, double exception,
                        double delay, Duration extraDelay, double disconnect) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0);

    public FaultPlan {
        double total = drop + corrupt + truncate + wrongAddress + exception + delay + disconnect;
        if (drop < 0 || corrupt < 0 || truncate < 0 || wrongAddress < 0 || exception < 0 || delay < 0
                || disconnect < 0 || total > 1.0) {
            throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1, are " + total);
        }
        extraDelay = extraDelay == null ? Duration.ZERO : extraDelay;
    }

    /** The same share of each kind of fault that keeps the line up. */
    public static FaultPlan everyKind(long seed, double eachRate, Duration extraDelay) {
        return new FaultPlan(seed, eachRate, eachRate, eachRate, eachRate, eachRate, eachRate, extraDelay, 0);
    }

    public boolean none() {
        return drop + corrupt + truncate + wrongAddress + exception + delay + disconnect == 0;
    }

    /**
     * Reads {@code seed=7,drop=0.01,corrupt=0.02,truncate=0,wrong-address=0,exception=0,delay=0.05,
     * delay-by=800ms,disconnect=0.001}; keys may come in any order and be left out (0).
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static FaultPlan parse(String text) {
        long seed = 0;
        double[] rates = new double[7];
        Duration extraDelay = Duration.ofMillis(500);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault '" + part + "' needs key=value");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "seed" -> seed = Long.parseLong(value);
                    case "drop" -> rates[0] = rate(key, value);
                    case "corrupt" -> rates[1] = rate(key, value);
                    case "truncate" -> rates[2] = rate(key, value);
                    case "wrong-address" -> rates[3] = rate(key, value);
                    case "exception" -> rates[4] = rate(key, value);
                    case "delay" -> rates[5] = rate(key, value);
                    case "disconnect" -> rates[6] = rate(key, value);
                    case "delay-by" -> extraDelay = millis(value);
                    default -> throw new IllegalArgumentException("unknown fault '" + key + "' (seed, drop, corrupt, "
                            + "truncate, wrong-address, exception, delay, delay-by, disconnect)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault " + key + "=" + value + " is not a number");
            }
        }
        return new FaultPlan(seed, rates[0], rates[1], rates[2], rates[3], rates[4], rates[5], extraDelay, rates[6]);
    }

    private static double rate(String key, String value) {
        double rate = Double.parseDouble(value);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault " + key + "=" + value + " must be a share between 0 and 1");
        }
        return rate;
    }

    private static Duration millis(String value) {
        String digits = value.endsWith("ms") ? value.substring(0, value.length() - 2) : value;
        return Duration.ofMillis(Long.parseLong(digits.trim()));
    }
}
