package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording whose process is killed with SIGKILL while writing is complete up to its last commit. */
class CrashRecoveryTest {

    @TempDir
    Path data;

    @Test
    void recordingKilledMidWriteIsReadableAfterwards() throws Exception {
        Path records = data.resolve("records");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(), records.toString()).redirectErrorStream(true).start();
        String id = null;
        long published = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String line; (line = out.readLine()) != null && System.nanoTime() < deadline; ) {
                if (line.startsWith("recording ")) {
                    id = line.substring("recording ".length()).trim();
                } else if (line.startsWith("published ")) {
                    published = Long.parseLong(line.substring("published ".length()).trim());
                    if (published >= 30_000) {
                        break;
                    }
                }
            }
            assertTrue(id != null && published >= 30_000, "the child started writing: id " + id + ", " + published + " published");
            // mid-write: the writer thread is busy appending and committing. SIGKILL: no shutdown hook, no finally,
            // nothing flushed. Sent with kill(1), as Process.destroyForcibly would also close the pipe we still read
            new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            // it went on publishing until the kill landed: its last count is still in the pipe
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("published ")) {
                    published = Long.parseLong(line.substring("published ".length()).trim());
                }
            }
        } finally {
            child.destroyForcibly();
        }

        Path file = records.resolve(id + RecordingDb.EXTENSION);
        try (Connection c = RecordingDb.openRead(file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            assertTrue(r.next());
            assertEquals("ok", r.getString(1));
        }
        RecorderImpl recorder = new RecorderImpl(new DrivenLiveTelemetry(), Defaults.settings(), records);
        RecordingInfo info = recorder.list().get(0);
        assertEquals(id, info.id());
        assertEquals(RecordingInfo.State.INTERRUPTED, info.state(), "no stop time, lock released by the kill");
        assertTrue(info.ended().isPresent());
        long samples = info.samples();
        // the child prints every thousandth snapshot: fewer than a thousand more were handed over after the last line
        assertTrue(samples >= 10_000 && samples < published + 1_000, samples + " samples of " + published + " published");
        try (Recording r = recorder.open(id)) {
            String device = info.devices().get(0).key();
            List<Telemetry> all = new ArrayList<>();
            r.forEachSample(device, null, null, all::add);
            assertEquals(samples, all.size(), "the rollups count exactly the committed samples");
            for (int i = 1; i < all.size(); i++) {
                assertEquals(Duration.ofSeconds(1), Duration.between(all.get(i - 1).time(), all.get(i).time()), "no hole at " + i);
                assertEquals(24, all.get(i).cells().size());
            }
            assertEquals(info.ended().get(), all.get(all.size() - 1).time(), "an interrupted recording ends at its last snapshot");
            List<Cycle> cycles = r.cycles(device);
            assertTrue(cycles.size() >= 4, cycles.toString());
            Series soc = r.series(device, Metric.SOC, null, null, 100);
            assertEquals(samples, Arrays.stream(soc.count()).sum());
        }
        try {
            assertEquals(RecordingInfo.State.RECORDING, recorder.start(RecordingRequest.everything("after the crash")).state(),
                    "the folder is usable after the crash");
        } finally {
            recorder.deactivate();
        }
    }
}
