package org.bmsw.recorder;

import java.io.OutputStream;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.bmsw.device.api.Telemetry;

/**
 * Read access to one recording. Device keys are those of {@link #info()}'s devices. Times are inclusive
 * from, exclusive to; a null from or to means the recording's start or end. Not thread-safe: one reader
 * per thread, or open the recording once per thread.
 */
public interface Recording extends AutoCloseable {

    /** The recording as it is now (a running recording keeps growing). */
    RecordingInfo info() throws RecorderException;

    /** Every snapshot of a device in the range, in time order, as the device reported it. */
    void forEachSample(String device, Instant from, Instant to, Consumer<Telemetry> action) throws RecorderException;

    /** The snapshots of a device in the range; for long ranges prefer {@link #forEachSample} or {@link #series}. */
    List<Telemetry> samples(String device, Instant from, Instant to) throws RecorderException;

    /** Charge, discharge and rest phases of a device with the configured thresholds ({@link #cycleOptions()}). */
    List<Cycle> cycles(String device) throws RecorderException;

    /** The thresholds configured for the recorder, which {@link #cycles(String)} uses. */
    CycleOptions cycleOptions();

    /** Charge, discharge and rest phases with the given thresholds. */
    List<Cycle> cycles(String device, CycleOptions options) throws RecorderException;

    /** Capacity measured over each deep enough charge and discharge, and the state of health that follows. */
    CapacityTrend capacityTrend(String device, CycleOptions options) throws RecorderException;

    /** Alarms, protections and faults raised and cleared, in time order, all devices. */
    List<FlagEvent> events() throws RecorderException;

    /** The device's snapshots from {@code window} before to {@code window} after an event: the cells around it. */
    List<Telemetry> around(FlagEvent event, Duration window) throws RecorderException;

    /**
     * A metric of a device reduced to at most {@code buckets} time buckets with min, max and mean each:
     * what a chart needs, fast for any length of recording.
     */
    Series series(String device, Metric metric, Instant from, Instant to, int buckets) throws RecorderException;

    /** One CSV row per snapshot, every device: pack values, each cell, each probe, active flags. */
    void exportSamplesCsv(Writer out) throws RecorderException;

    /** One CSV row per charge, discharge or rest phase, every device. */
    void exportCyclesCsv(Writer out, CycleOptions options) throws RecorderException;

    /**
     * The whole recording as JSON (format {@code bmsw-recording/1}) that {@link Recorder#importFile} reads on
     * another machine; with {@code analysis} also the cycles and events (ignored on import).
     */
    void exportJson(OutputStream out, boolean analysis) throws RecorderException;

    @Override
    void close();
}
