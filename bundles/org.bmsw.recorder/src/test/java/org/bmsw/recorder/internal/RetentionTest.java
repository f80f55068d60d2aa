package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path data;

    final DrivenLiveTelemetry live = new DrivenLiveTelemetry();
    RecorderImpl recorder;

    @BeforeEach
    void create() {
        Settings keepAll = new Settings(Duration.ofSeconds(1), null, 0, Duration.ofDays(1), Defaults.settings().cycles());
        recorder = new RecorderImpl(live, keepAll, data.resolve("records"));
    }

    @AfterEach
    void stop() {
        recorder.deactivate();
    }

    /** A recording of {@code minutes} snapshots one minute apart, starting at {@code start}, stopped at its last one. */
    private String record(String name, Instant start, int minutes, boolean stop) throws Exception {
        SimulatedDevice d = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(24).seed(name.hashCode()).build()),
                "/dev/ttyUSB0", 1, start.minus(Duration.ofMinutes(1)));
        String id = recorder.start(new RecordingRequest(name, Duration.ZERO, Set.of(), null)).id();
        for (int m = 0; m < minutes; m++) {
            live.publish(d, d.step(Duration.ofMinutes(1)));
        }
        if (stop) {
            recorder.stop(id);
            // as if stopped back then
            try (Connection c = RecordingDb.openWrite(recorder.directory().resolve(id + RecordingDb.EXTENSION))) {
                RecordingDb.putMeta(c, "stopped", start.plus(Duration.ofMinutes(minutes - 1)).toString());
                c.commit();
            }
        }
        return id;
    }

    @Test
    void byAgeOldRecordingsGoAndStraddlingOnesAreTrimmed() throws Exception {
        String old = record("old", NOW.minus(Duration.ofDays(40)), 600, true);
        String straddling = record("straddling", NOW.minus(Duration.ofDays(31)), 2 * 1440, true);
        String recent = record("recent", NOW.minus(Duration.ofDays(2)), 600, true);
        Instant cutoff = NOW.minus(Duration.ofDays(30));

        Retention.Outcome outcome = Retention.apply(recorder.list(), recorder.directory(), Set.of(), Duration.ofDays(30), 0, NOW);
        assertEquals(List.of(old), outcome.deleted());
        assertEquals(List.of(straddling), outcome.trimmed());
        assertEquals(Set.of(straddling, recent), Set.copyOf(recorder.list().stream().map(RecordingInfo::id).toList()));
        assertTrue(Files.notExists(recorder.directory().resolve(old + RecordingDb.EXTENSION)));
        try (Recording r = recorder.open(straddling)) {
            RecordingInfo info = r.info();
            List<Telemetry> left = r.samples(info.devices().get(0).key(), null, null);
            assertEquals(left.size(), info.samples(), "rollups trimmed with the samples");
            assertTrue(left.get(0).time().compareTo(cutoff) >= 0 && left.get(0).time().isBefore(cutoff.plusSeconds(61)), left.get(0).time().toString());
            assertEquals(1440, left.size(), 2, "the last day is kept");
        }
    }

    @Test
    void bySizeTheOldestFinishedRecordingGoesFirstThenARunningOneIsTrimmed() throws Exception {
        String first = record("first", NOW.minus(Duration.ofDays(3)), 3000, true);
        String second = record("second", NOW.minus(Duration.ofDays(2)), 3000, true);
        long one = Retention.size(recorder.directory(), first);
        long both = one + Retention.size(recorder.directory(), second);
        Retention.Outcome outcome = Retention.apply(recorder.list(), recorder.directory(), Set.of(), null, both - one / 2, NOW);
        assertEquals(List.of(first), outcome.deleted());
        assertEquals(List.of(second), recorder.list().stream().map(RecordingInfo::id).toList());

        recorder.delete(second);
        String running = record("running", NOW.minus(Duration.ofDays(1)), 6000, false);
        // wait for the writer's commit
        Thread.sleep(600);
        long size = Retention.size(recorder.directory(), running);
        outcome = Retention.apply(recorder.list(), recorder.directory(), Set.of(running), null, size / 2, NOW);
        assertEquals(List.of(), outcome.deleted(), "a running recording is never deleted");
        assertEquals(List.of(running), outcome.trimmed());
        assertTrue(Retention.size(recorder.directory(), running) <= size / 2 + 64 * 1024,
                "the file shrank: " + size + " → " + Retention.size(recorder.directory(), running));
        RecordingInfo stopped = recorder.stop(running);
        assertEquals(RecordingInfo.State.FINISHED, stopped.state());
        assertTrue(stopped.samples() > 1000 && stopped.samples() < 3000, stopped.samples() + " samples left of 6000");
    }
}
