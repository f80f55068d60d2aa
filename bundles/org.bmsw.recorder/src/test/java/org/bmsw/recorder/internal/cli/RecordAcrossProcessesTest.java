package org.bmsw.recorder.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bmsw.cli.internal.CliHarness.Result;
import org.bmsw.recorder.RecordingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmsw record start} in a process of its own (a JVM running the command as the program does), and this
 * process as a second {@code bmsw} on the same data directory: it stops the other's recording, and reads what the
 * other left when it was killed with SIGKILL in the middle of writing.
 */
class RecordAcrossProcessesTest {

    @TempDir
    Path dir;

    SmartBmsOnPty bms;
    RecordStack here;
    Process child;

    @BeforeEach
    void start() throws Exception {
        bms = new SmartBmsOnPty(dir, 1);
        here = new RecordStack(dir.resolve("data"), 200, false);
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        here.close();
        bms.close();
    }

    /** Starts {@code record start} in a child JVM and returns the recording id it prints first. */
    private String startInChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", RecordCliMain.class.getName(), dir.resolve("data").toString(),
                "200", "record", "start", "--port", bms.port(), "--interval", "200")
                .redirectError(dir.resolve("child.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String id = out.readLine();
        assertTrue(id != null && id.matches("\\d{8}-\\d{6}(-\\d+)?"), "the child prints the id first: " + id);
        return id;
    }

    private RecordingInfo info(String id) throws Exception {
        return here.recorder.list().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private void awaitSamples(String id, long samples) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (info(id).samples() < samples) {
            assertTrue(System.nanoTime() < deadline, "the child recorded " + info(id).samples() + " snapshots");
            Thread.sleep(100);
        }
    }

    @Test
    void recordStopInAnotherProcessEndsTheRecordingThere() throws Exception {
        String id = startInChild();
        awaitSamples(id, 3);
        assertEquals(RecordingInfo.State.RECORDING, info(id).state(), "listed as running by the other process");

        long t0 = System.nanoTime();
        Result stop = here.run("record", "stop", id);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, stop.code(), stop.toString());
        assertTrue(took < 3000, "stopped in " + took + " ms");
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the recording process ends");
        assertEquals(0, child.exitValue());
        RecordingInfo stopped = info(id);
        assertEquals(RecordingInfo.State.FINISHED, stopped.state());
        assertTrue(stopped.samples() >= 3, stopped.toString());
        assertTrue(here.recorder.directory().resolve(id + ".stop").toFile().exists() == false, "the request is cleared");
    }

    @Test
    void aRecordingKilledMidWriteIsReadableAndListedAsInterrupted() throws Exception {
        String id = startInChild();
        awaitSamples(id, 6);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        long committed = info(id).samples();

        Result list = here.run("record", "list", "--csv");
        assertEquals(0, list.code(), list.toString());
        String row = list.out().lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        assertTrue(row.contains(",interrupted,"), row);
        assertTrue(committed >= 6, committed + " snapshots survived");

        Result csv = here.run("record", "export", id, "--format", "csv");
        assertEquals(0, csv.code(), csv.toString());
        assertEquals(committed + 1, csv.out().lines().count(), "every committed snapshot exports");
        Result cycles = here.run("record", "cycles", id, "--json");
        assertEquals(0, cycles.code(), cycles.toString());
        Result stop = here.run("record", "stop", id);
        assertEquals(1, stop.code());
        assertTrue(stop.err().contains("is not running (it is interrupted)"), stop.err());
    }
}
