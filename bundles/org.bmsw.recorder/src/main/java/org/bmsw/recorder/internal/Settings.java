package org.bmsw.recorder.internal;

import java.time.Duration;

import org.bmsw.recorder.CycleOptions;

/**
 * The recorder's configuration as plain values.
 *
 * @param interval       default interval between recorded snapshots of a device
 * @param maxAge         retention by age, null = none
 * @param maxBytes       retention by size, 0 = none
 * @param retentionCheck how often retention runs
 * @param cycles         default cycle detection
 */
record Settings(Duration interval, Duration maxAge, long maxBytes, Duration retentionCheck, CycleOptions cycles) {

    static Settings of(RecorderConfig c) {
        return new Settings(Duration.ofMillis(Math.max(0, c.intervalMillis())),
                c.maxAgeDays() > 0 ? Duration.ofDays(c.maxAgeDays()) : null,
                Math.max(0, c.maxTotalMegabytes()) * 1024 * 1024,
                Duration.ofMinutes(Math.max(1, c.retentionCheckMinutes())),
                new CycleOptions(Math.max(0, c.restThresholdAmps()), Duration.ofSeconds(Math.max(0, c.minPhaseSeconds())),
                        Duration.ofSeconds(Math.max(1, c.maxGapSeconds())), Math.min(100, Math.max(1, c.minSocSwingPercent())),
                        Math.max(0, c.nominalCapacityAh())));
    }
}
