package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.Replay;
import org.bmsw.recorder.ReplayRequest;
import org.bmsw.recorder.Series;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesAndReplayTest {

    static final Instant EPOCH = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

    Path data;

    final DrivenLiveTelemetry live = new DrivenLiveTelemetry();
    RecorderImpl recorder;
    SimulatedDevice a;
    SimulatedDevice b;
    String id;

    /** Six simulated hours of two packs cycling, at 1 s, read by every test. */
    @BeforeAll
    void record(@TempDir Path folder) throws Exception {
        data = folder;
        recorder = new RecorderImpl(live, Defaults.settings(), data.resolve("records"));
        a = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(24).capacityAh(40).initialSoc(0.6).seed(1).build()),
                "/dev/ttyUSB0", 1, EPOCH);
        b = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(8).capacityAh(10).initialSoc(0.5).seed(2).build()),
                "/dev/ttyUSB0", 2, EPOCH.plusMillis(400));
        a.simulator().runScenario("repeat 4 { discharge 40A for 30m; rest 15m; charge 40A for 30m; rest 15m }");
        b.simulator().runScenario("repeat 12 { discharge 5A for 10m; charge 5A for 10m }");
        id = recorder.start(new RecordingRequest("series", Duration.ZERO, Set.of(), null)).id();
        for (int s = 0; s < 6 * 3600; s++) {
            live.publish(a, a.step(Duration.ofSeconds(1)));
            live.publish(b, b.step(Duration.ofSeconds(1)));
        }
        recorder.stop(id);
    }

    @AfterAll
    void stop() {
        recorder.deactivate();
    }

    @Test
    void decimatedSeriesMatchesTheSamplesBucketByBucket() throws Exception {
        try (Recording r = recorder.open(id)) {
            List<Telemetry> samples = r.samples(a.key(), null, null);
            assertEquals(6 * 3600, samples.size());
            // 36 buckets of 10 min: read from the coarse rollup; 720 of 30 s: the fine one; 300 over 10 min: the samples
            check(r, samples, EPOCH, EPOCH.plus(Duration.ofHours(6)), 36, 600_000);
            check(r, samples, EPOCH, EPOCH.plus(Duration.ofHours(6)), 720, 30_000);
            // the whole recording: the width is rounded up to whole rollup buckets, never more buckets than asked
            Series whole = r.series(a.key(), Metric.SOC, null, null, 36);
            assertTrue(whole.size() <= 36 && whole.bucket().toMillis() % 10_000 == 0, whole.bucket().toString());
            assertEquals(samples.size(), java.util.Arrays.stream(whole.count()).sum());
            Instant from = EPOCH.plus(Duration.ofMinutes(25));
            check(r, samples, from, from.plus(Duration.ofMinutes(10)), 300, 2_000);
            Series empty = r.series(a.key(), Metric.VOLTAGE, EPOCH.minus(Duration.ofDays(1)), EPOCH.minus(Duration.ofHours(1)), 10);
            assertTrue(Double.isNaN(empty.min()[3]) && empty.count()[3] == 0, "no data: NaN, count 0");
        }
    }

    private static void check(Recording r, List<Telemetry> samples, Instant from, Instant to, int buckets, long expectedWidth)
            throws RecorderException {
        for (Metric metric : List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.MAX_CELL, Metric.CELL_SPREAD, Metric.MAX_TEMPERATURE)) {
            Series s = r.series(samples.get(0).identity().address() == 1 ? "smartbms@/dev/ttyUSB0#1" : "?", metric, from, to, buckets);
            assertEquals(expectedWidth, s.bucket().toMillis(), metric + " bucket width");
            assertTrue(s.size() <= buckets);
            long start = s.from().toEpochMilli();
            for (int i = 0; i < s.size(); i++) {
                long lo = start + i * expectedWidth;
                long hi = lo + expectedWidth;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                int n = 0;
                for (Telemetry t : samples) {
                    long time = t.time().toEpochMilli();
                    if (time >= lo && time < hi) {
                        double v = value(t, metric);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        sum += v;
                        n++;
                    }
                }
                assertEquals(n, s.count()[i], metric + " bucket " + i);
                assertEquals(min, s.min()[i], 1e-9, metric + " min of bucket " + i);
                assertEquals(max, s.max()[i], 1e-9, metric + " max of bucket " + i);
                assertEquals(sum / n, s.mean()[i], 1e-6, metric + " mean of bucket " + i);
            }
        }
    }

    private static double value(Telemetry t, Metric m) {
        double minCell = t.minCell().orElseThrow().volts();
        double maxCell = t.maxCell().orElseThrow().volts();
        return switch (m) {
            case VOLTAGE -> t.pack().voltage();
            case CURRENT -> t.pack().current();
            case MAX_CELL -> maxCell;
            case CELL_SPREAD -> maxCell - minCell;
            case MAX_TEMPERATURE -> t.maxTemperature().orElseThrow().celsius();
            default -> throw new IllegalArgumentException(m.name());
        };
    }

    /** Records what a workbench page would get. */
    static final class Collector implements TelemetryListener {
        final List<String> devices = Collections.synchronizedList(new ArrayList<>());
        final List<Telemetry> snapshots = Collections.synchronizedList(new ArrayList<>());
        final List<DeviceSession> closed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void snapshot(DeviceSession session, Telemetry telemetry) {
            devices.add(org.bmsw.recorder.RecordedDevice.keyOf(session));
            snapshots.add(telemetry);
        }

        @Override
        public void sessionClosed(DeviceSession session, Exception reason) {
            closed.add(session);
        }
    }

    @Test
    void replayDeliversEverySnapshotInTimeOrderFromSessionsOfItsOwn() throws Exception {
        Collector c = new Collector();
        try (Replay replay = recorder.replay(id, ReplayRequest.atSpeed(Double.POSITIVE_INFINITY), c)) {
            assertTrue(replay.awaitFinished(Duration.ofSeconds(60)));
            assertEquals(2 * 6 * 3600, replay.delivered());
            assertFalse(replay.failure().isPresent());
        }
        assertEquals(2 * 6 * 3600, c.snapshots.size());
        for (int i = 1; i < c.snapshots.size(); i++) {
            assertFalse(c.snapshots.get(i).time().isBefore(c.snapshots.get(i - 1).time()), "time order at " + i);
        }
        assertEquals(Set.of("smartbms@" + id + "/" + a.key() + "#1", "smartbms@" + id + "/" + b.key() + "#2"), Set.copyOf(c.devices),
                "a replay session's link is transport 'replay', path <recording>/<device>");
        try (Recording r = recorder.open(id)) {
            List<Telemetry> recorded = r.samples(b.key(), null, null);
            List<Telemetry> replayed = c.snapshots.stream().filter(t -> t.identity().address() == 2).toList();
            assertEquals(recorded, replayed, "the snapshots as recorded");
        }
        assertEquals(2, c.closed.size());
        DeviceSession session = c.closed.get(0);
        assertFalse(session.isOpen());
        assertEquals("replay", session.link().settings().transport());
        assertThrows(DeviceException.class, () -> session.execute("CHG_DIS"), "a replay takes no commands");
    }

    @Test
    void replayKeepsThePaceDividedByTheSpeedAndCanLookLive() throws Exception {
        Collector c = new Collector();
        Instant from = EPOCH.plus(Duration.ofHours(1));
        ReplayRequest request = new ReplayRequest(20, from, from.plusSeconds(40), Set.of(a.key()), true);
        long start = System.nanoTime();
        Instant wallStart = Instant.now();
        try (Replay replay = recorder.replay(id, request, c)) {
            assertTrue(replay.awaitFinished(Duration.ofSeconds(20)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(40, c.snapshots.size());
        // 39 s of recording at 20× takes 1.95 s
        assertTrue(seconds >= 1.9 && seconds < 6, "took " + seconds + " s");
        Telemetry first = c.snapshots.get(0);
        Telemetry last = c.snapshots.get(39);
        assertFalse(first.time().isBefore(wallStart), "re-timed to now: " + first.time());
        assertEquals(1950, Duration.between(first.time(), last.time()).toMillis(), 5, "live time runs 20× faster than recorded");
    }

    @Test
    void stoppingAReplayClosesItsSessions() throws Exception {
        Collector c = new Collector();
        Replay replay = recorder.replay(id, ReplayRequest.atSpeed(1), c);
        Thread.sleep(300);
        replay.close();
        assertTrue(replay.isFinished());
        assertTrue(c.snapshots.size() <= 4, "at the recorded pace only the first snapshots: " + c.snapshots.size());
        assertEquals(2, c.closed.size());
        assertThrows(RecorderException.class, () -> recorder.replay(id, new ReplayRequest(1, null, null, Set.of("x@y#1"), false), c));
    }
}
