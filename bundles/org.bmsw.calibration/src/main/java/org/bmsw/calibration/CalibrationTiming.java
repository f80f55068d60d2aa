package org.bmsw.calibration;

import java.time.Duration;
import java.util.Objects;

/**
 * How long readings must hold still, and how long to wait for that.
 *
 * @param stableFor      the readings must meet the precondition for this long without a break; the verification
 *                       averages over the same time
 * @param maxWait        refuse when the precondition has not held for {@code stableFor} within this time
 * @param sampleInterval at most one reading per interval (a slow line reads back to back)
 */
public record CalibrationTiming(Duration stableFor, Duration maxWait, Duration sampleInterval) {

    /** 5 s of steady readings within 60 s, 4 readings a second. */
    public static final CalibrationTiming DEFAULT = new CalibrationTiming(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofMillis(250));

    public CalibrationTiming {
        Objects.requireNonNull(stableFor, "stableFor");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (stableFor.isNegative() || stableFor.isZero() || sampleInterval.isNegative()) {
            throw new IllegalArgumentException("the steady time must be positive and the sample interval not negative");
        }
        if (maxWait.compareTo(stableFor) < 0) {
            throw new IllegalArgumentException("the longest wait (" + maxWait.toMillis() + " ms) is shorter than the "
                    + "steady time it waits for (" + stableFor.toMillis() + " ms)");
        }
    }
}
