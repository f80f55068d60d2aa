package org.bmsw.recorder;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What to record.
 *
 * @param name        a name for people, e.g. "pack 3 capacity test"; empty gives a name from the start time
 * @param interval    minimum time between two recorded snapshots of one device; snapshots arrive at the
 *                    live poll interval, so a shorter interval records every snapshot. Null: the configured default
 * @param devices     device keys ({@link RecordedDevice#keyOf}) to record; empty records every device
 * @param maxDuration stop by itself after this long; null runs until stopped
 * @param maxSamples  stop by itself once this many snapshots (all devices together) are stored; 0 sets no limit
 */
public record RecordingRequest(String name, Duration interval, Set<String> devices, Duration maxDuration, long maxSamples) {

    public RecordingRequest {
        name = Objects.requireNonNullElse(name, "").strip();
        devices = devices == null ? Set.of() : Set.copyOf(devices);
        if (interval != null && interval.isNegative()) {
            throw new IllegalArgumentException("the interval must not be negative: " + interval);
        }
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive: " + maxDuration);
        }
        if (maxSamples < 0) {
            throw new IllegalArgumentException("the number of snapshots must not be negative: " + maxSamples);
        }
    }

    /** No limit on the number of snapshots. */
    public RecordingRequest(String name, Duration interval, Set<String> devices, Duration maxDuration) {
        this(name, interval, devices, maxDuration, 0);
    }

    /** Every device, at the configured interval, until stopped. */
    public static RecordingRequest everything(String name) {
        return new RecordingRequest(name, null, Set.of(), null, 0);
    }

    public RecordingRequest withInterval(Duration newInterval) {
        return new RecordingRequest(name, newInterval, devices, maxDuration, maxSamples);
    }

    public RecordingRequest withMaxSamples(long newMaxSamples) {
        return new RecordingRequest(name, interval, devices, maxDuration, newMaxSamples);
    }
}
