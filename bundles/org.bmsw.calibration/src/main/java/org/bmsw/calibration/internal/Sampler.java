package org.bmsw.calibration.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.calibration.CalibrationTiming;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Telemetry;

/**
 * Reads fresh snapshots from the device at the request's pace: until a precondition has held steadily for the
 * steady time, or for a fixed time to verify. Reads the session directly rather than the shared live telemetry,
 * so every reading after a write is known to be from after it.
 */
final class Sampler {

    /** Whether a window of readings meets a precondition. */
    @FunctionalInterface
    interface Check {
        /** Null when it does; else why not, in words. */
        LocalizedText problem(Window window);
    }

    /** A steady window, or the last readings and why they are not. */
    record Steady(Window window, LocalizedText problem) {
        boolean steady() {
            return problem == null;
        }
    }

    private final DeviceSession session;
    private final CalibrationTiming timing;
    private final Run run;

    Sampler(DeviceSession session, CalibrationTiming timing, Run run) {
        this.session = session;
        this.timing = timing;
        this.run = run;
    }

    /**
     * Reads until the readings of the last {@link CalibrationTiming#stableFor()} all meet {@code check}, or
     * {@link CalibrationTiming#maxWait()} has passed. A reading that breaks the precondition starts the steady
     * time again.
     */
    Steady awaitSteady(Check check) throws DeviceException, InterruptedException {
        long stableNanos = timing.stableFor().toNanos();
        long start = System.nanoTime();
        Readings recent = new Readings();
        Readings stretch = new Readings();
        while (true) {
            long now = System.nanoTime();
            Telemetry reading = session.readTelemetry();
            recent.add(now, reading);
            stretch.add(now, reading);
            recent.keepCovering(now - stableNanos);
            stretch.keepCovering(now - stableNanos);
            // the unbroken stretch starts after the last reading that broke the precondition
            while (stretch.size() > 1 && check.problem(stretch.window(now)) != null) {
                stretch.dropOldest();
            }
            Window unbroken = stretch.window(now);
            if (stretch.coveredSince(now - stableNanos) && stretch.size() >= 3 && check.problem(unbroken) == null) {
                return new Steady(unbroken, null);
            }
            if (now - start >= timing.maxWait().toNanos()) {
                Window last = recent.window(now);
                LocalizedText problem = check.problem(last);
                return new Steady(last, problem != null ? problem : LocalizedText.of(
                        "the readings did not stay steady for " + seconds(timing.stableFor()) + " within "
                                + seconds(timing.maxWait()),
                        "读数未能在 " + seconds(timing.maxWait()) + " 内稳定保持 " + seconds(timing.stableFor())));
            }
            pause(now);
        }
    }

    /** Readings with their times, oldest first. */
    private static final class Readings {
        private final List<Long> times = new ArrayList<>();
        private final List<Telemetry> values = new ArrayList<>();

        void add(long time, Telemetry value) {
            times.add(time);
            values.add(value);
        }

        int size() {
            return values.size();
        }

        void dropOldest() {
            times.remove(0);
            values.remove(0);
        }

        /** Drops what is older than needed to still cover {@code from}. */
        void keepCovering(long from) {
            while (times.size() > 1 && times.get(1) <= from) {
                dropOldest();
            }
        }

        boolean coveredSince(long from) {
            return !times.isEmpty() && times.get(0) <= from;
        }

        Window window(long now) {
            return new Window(values, times.get(0), now);
        }
    }

    /** Reads for the steady time (at least three readings): the window a verification averages. */
    Window collect() throws DeviceException, InterruptedException {
        long stableNanos = timing.stableFor().toNanos();
        long start = System.nanoTime();
        List<Telemetry> readings = new ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            readings.add(session.readTelemetry());
            if (now - start >= stableNanos && readings.size() >= 3) {
                return new Window(readings, start, now);
            }
            pause(now);
        }
    }

    /** One fresh reading. */
    Telemetry once() throws DeviceException {
        return session.readTelemetry();
    }

    private void pause(long readingStarted) throws InterruptedException {
        long left = readingStarted + timing.sampleInterval().toNanos() - System.nanoTime();
        if (left <= 0) {
            return;
        }
        if (!run.writing()) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            return;
        }
        // after the first write a verification or restore must finish: an interruption is kept for the end
        long deadline = System.nanoTime() + left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                run.deferInterruption();
            }
        }
    }

    static String seconds(Duration d) {
        return Format.number(d.toMillis() / 1000.0, 1) + " s";
    }
}
