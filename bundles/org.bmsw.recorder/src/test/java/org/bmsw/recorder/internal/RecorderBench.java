package org.bmsw.recorder.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.Series;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;

/**
 * Recorder benchmark (not a test; run by {@code scripts/bench-recorder.sh}).
 *
 * <p>Ingest: 24-cell snapshots from the battery simulator (a pool of two hours of 1C cycling, re-timed to one
 * snapshot per second) go through the recorder's live path (listener → queue → writer thread → SQLite) as fast
 * as they are taken; the clock runs from the first hand-over until {@code stop} returns with everything
 * committed. Target ≥ 50,000 snapshots/s. Chart: a fresh reader draws the whole record as 2,000 min/max buckets
 * per metric; target &lt; 1 s. For comparison the same chart computed from the raw samples by SQL.
 */
public final class RecorderBench {

    private RecorderBench() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("bmsw-recorder-bench");
        long snapshots = days * 86_400L;
        System.out.printf(Locale.ROOT, "recorder benchmark: %d days at 1 Hz = %,d snapshots of a 24-cell pack, in %s%n", days, snapshots, dir);

        List<Telemetry> pool = pool();
        Instant start = Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        DrivenLiveTelemetry live = new DrivenLiveTelemetry();
        Settings keep = new Settings(Duration.ZERO, null, 0, Duration.ofDays(1), Defaults.settings().cycles());
        RecorderImpl recorder = new RecorderImpl(live, keep, dir.resolve("records"));
        SimulatedDevice device = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(24).build()), "/dev/ttyUSB0", 1, start);

        String id = recorder.start(new RecordingRequest("bench", Duration.ZERO, Set.of(), null)).id();
        long t0 = System.nanoTime();
        for (long i = 0; i < snapshots; i++) {
            Telemetry p = pool.get((int) (i % pool.size()));
            live.publish(device, new Telemetry(start.plusSeconds(i), p.identity(), p.pack(), p.cells(), p.temperatures(), p.flags(), p.quantities()));
        }
        RecordingInfo info = recorder.stop(id);
        double ingest = (System.nanoTime() - t0) / 1e9;
        if (info.samples() != snapshots) {
            throw new IllegalStateException("recorded " + info.samples() + " of " + snapshots);
        }
        System.out.printf(Locale.ROOT, "ingest: %,d snapshots in %.1f s = %,.0f snapshots/s (target >= 50,000) %s%n",
                snapshots, ingest, snapshots / ingest, snapshots / ingest >= 50_000 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "file: %.0f MB (%.0f bytes per snapshot)%n", info.bytes() / 1e6, (double) info.bytes() / snapshots);

        String key = device.key();
        List<Metric> chart = List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.SOC, Metric.MIN_CELL, Metric.MAX_CELL, Metric.MAX_TEMPERATURE);
        for (int run = 1; run <= 3; run++) {
            long c0 = System.nanoTime();
            long counted = 0;
            try (Recording r = recorder.open(id)) {
                for (Metric m : chart) {
                    Series s = r.series(key, m, null, null, 2000);
                    for (long n : s.count()) {
                        counted += n;
                    }
                }
            }
            double seconds = (System.nanoTime() - c0) / 1e9;
            if (counted != snapshots * chart.size()) {
                throw new IllegalStateException("the chart counted " + counted + " samples");
            }
            System.out.printf(Locale.ROOT, "chart %d: whole record, %d metrics x 2,000 min/max buckets, fresh reader: %.3f s "
                    + "(target < 1 s) %s%n", run, chart.size(), seconds, seconds < 1 ? "PASS" : "FAIL");
        }
        try (Recording r = recorder.open(id)) {
            for (Duration zoom : List.of(Duration.ofDays(1), Duration.ofHours(1))) {
                Instant from = start.plus(Duration.ofDays(days / 2));
                long z0 = System.nanoTime();
                Series s = r.series(key, Metric.MAX_CELL, from, from.plus(zoom), 2000);
                System.out.printf(Locale.ROOT, "zoom %s: %d buckets of %s in %.3f s%n", zoom, s.size(), s.bucket(), (System.nanoTime() - z0) / 1e9);
            }
            long a0 = System.nanoTime();
            List<Cycle> cycles = r.cycles(key);
            System.out.printf(Locale.ROOT, "cycle analysis of the whole record: %,d phases in %.1f s%n", cycles.size(), (System.nanoTime() - a0) / 1e9);
        }
        // what the Records page reads when the recording is chosen: its four charts first, then the analysis
        long p0 = System.nanoTime();
        try (Recording r = recorder.open(id)) {
            for (Metric m : List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.SOC, Metric.CELL_SPREAD)) {
                r.series(key, m, null, null, 1000);
            }
            double charts = (System.nanoTime() - p0) / 1e9;
            long q0 = System.nanoTime();
            int phases = r.cycles(key).size();
            int events = r.events().size();
            int points = r.capacityTrend(key, r.cycleOptions()).points().size();
            System.out.printf(Locale.ROOT, "Records page: 4 charts x 1,000 buckets in %.3f s; then %,d phases, %,d events, %d capacity "
                    + "points in %.1f s%n", charts, phases, events, points, (System.nanoTime() - q0) / 1e9);
        }
        long l0 = System.nanoTime();
        int listed = recorder.list().size();
        System.out.printf(Locale.ROOT, "record list (%d recording): %.3f s%n", listed, (System.nanoTime() - l0) / 1e9);
        long b0 = System.nanoTime();
        try (Connection c = RecordingDb.openRead(dir.resolve("records").resolve(id + RecordingDb.EXTENSION));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (t - " + start.toEpochMilli() + ") / " + (days * 86_400_000L / 2000 + 1)
                     + " AS b, min(voltage), max(voltage) FROM sample WHERE device = 1 GROUP BY b")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            System.out.printf(Locale.ROOT, "for comparison, one metric from the raw samples by SQL GROUP BY: %d buckets in %.2f s%n",
                    rows, (System.nanoTime() - b0) / 1e9);
        }
        recorder.deactivate();
        if (args.length < 2) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Two hours of a 50 Ah pack at 1C: discharge, rest, charge, rest, one snapshot a second. */
    private static List<Telemetry> pool() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).initialSoc(0.9).seed(42).build());
        sim.runScenario("discharge 50A for 50m; rest 10m; charge 50A for 50m; rest 10m");
        SimulatedDevice d = new SimulatedDevice(sim, "/dev/ttyUSB0", 1, Instant.EPOCH);
        List<Telemetry> pool = new ArrayList<>(7200);
        for (int s = 0; s < 7200; s++) {
            pool.add(d.step(Duration.ofSeconds(1)));
        }
        return pool;
    }
}
