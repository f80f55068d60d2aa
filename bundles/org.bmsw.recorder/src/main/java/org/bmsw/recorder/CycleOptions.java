package org.bmsw.recorder;

import java.time.Duration;

/**
 * How phases are told apart.
 *
 * @param restThresholdAmps  |current| at or below this is rest
 * @param minPhase           a change of direction shorter than this belongs to the phase around it
 * @param maxGap             no data for longer than this ends a phase (and nothing is integrated across it)
 * @param minSocSwing        a charge or discharge measures capacity only when SOC moved at least this much, %
 * @param nominalCapacityAh  capacity that is 100 % health; 0 takes the device's FCC / SOH of the first snapshot
 */
public record CycleOptions(double restThresholdAmps, Duration minPhase, Duration maxGap, double minSocSwing,
                           double nominalCapacityAh) {

    public CycleOptions {
        if (!(restThresholdAmps >= 0)) {
            throw new IllegalArgumentException("the rest threshold must be 0 A or more: " + restThresholdAmps);
        }
        if (minPhase == null || minPhase.isNegative()) {
            throw new IllegalArgumentException("the minimum phase must be 0 or more: " + minPhase);
        }
        if (maxGap == null || maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("the maximum gap must be positive: " + maxGap);
        }
        if (!(minSocSwing > 0 && minSocSwing <= 100)) {
            throw new IllegalArgumentException("the SOC swing must be in (0, 100] %: " + minSocSwing);
        }
        if (!(nominalCapacityAh >= 0)) {
            throw new IllegalArgumentException("the nominal capacity must be 0 Ah or more: " + nominalCapacityAh);
        }
    }

    /** 0.5 A rest threshold, 60 s minimum phase, 5 min gap, 50 % SOC swing, capacity from the device. */
    public static CycleOptions defaults() {
        return new CycleOptions(0.5, Duration.ofSeconds(60), Duration.ofMinutes(5), 50, 0);
    }
}
