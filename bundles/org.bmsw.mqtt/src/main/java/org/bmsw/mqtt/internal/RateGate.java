package org.bmsw.mqtt.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one snapshot per device per minimum interval, on average. Polls jitter by a few milliseconds, so a
 * snapshot up to a tenth of the interval early still counts as on time (otherwise a 1 s poll with a 1 s
 * minimum interval would publish every other second); the next one is then due a full interval after the
 * time this one was due, so early admissions never add up to a faster rate.
 */
final class RateGate {

    private final long minNanos;
    private final long toleranceNanos;
    private final Map<String, Long> nextDue = new ConcurrentHashMap<>();

    RateGate(Duration minInterval) {
        this.minNanos = minInterval.toNanos();
        this.toleranceNanos = minNanos / 10;
    }

    /** True when this device's snapshot at {@code nowNanos} (a monotonic clock) should be published. */
    boolean admit(String deviceId, long nowNanos) {
        if (minNanos == 0) {
            return true;
        }
        boolean[] admitted = {false};
        nextDue.compute(deviceId, (id, due) -> {
            if (due == null) {
                admitted[0] = true;
                return nowNanos + minNanos;
            }
            if (nowNanos - (due - toleranceNanos) >= 0) {
                admitted[0] = true;
                return Math.max(due, nowNanos) + minNanos;
            }
            return due;
        });
        return admitted[0];
    }

    /** The device went away: its next snapshot, after a reconnect, goes out at once. */
    void forget(String deviceId) {
        nextDue.remove(deviceId);
    }
}
