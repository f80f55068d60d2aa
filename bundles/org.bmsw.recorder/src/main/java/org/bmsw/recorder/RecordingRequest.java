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
 */
public record RecordingRequest(String name, Duration interval, Set<String> devices, Duration maxDuration) {

    public RecordingRequest {
        name = Objects.requireNonNullElse(name, "").strip();
        devices = devices == null ? Set.of() : Set.copyOf(devices);
        if (interval != null && interval.isNegative()) {
            throw new IllegalArgumentException("the interval must not be negative: " + interval);
        }
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive: " + maxDuration);
        }
    }

    /** Every device, at the configured interval, until stopped. */
    public static RecordingRequest everything(String name) {
        return new RecordingRequest(name, null, Set.of(), null);
    }

    public RecordingRequest withInterval(Duration newInterval) {
        return new RecordingRequest(name, newInterval, devices, maxDuration);
    }
}
