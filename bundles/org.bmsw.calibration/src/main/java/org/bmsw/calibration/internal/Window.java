package org.bmsw.calibration.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.bmsw.device.api.Telemetry;

/** Consecutive readings, oldest first, with the time each was taken. */
record Window(List<Telemetry> readings, long firstNanos, long lastNanos) {

    Window {
        readings = List.copyOf(readings);
    }

    int size() {
        return readings.size();
    }

    Duration span() {
        return Duration.ofNanos(lastNanos - firstNanos);
    }

    Telemetry latest() {
        return readings.get(readings.size() - 1);
    }

    /** The mean of a value over the readings; NaN when any reading lacks it. */
    double mean(ToDoubleFunction<Telemetry> value) {
        double sum = 0;
        for (Telemetry t : readings) {
            sum += value.applyAsDouble(t);
        }
        return sum / readings.size();
    }

    double min(ToDoubleFunction<Telemetry> value) {
        return readings.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    double max(ToDoubleFunction<Telemetry> value) {
        return readings.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    /** Largest minus smallest. */
    double spread(ToDoubleFunction<Telemetry> value) {
        return max(value) - min(value);
    }

    /** Some reading lacks the value (NaN). */
    boolean anyMissing(ToDoubleFunction<Telemetry> value) {
        return readings.stream().mapToDouble(value).anyMatch(Double::isNaN);
    }
}
