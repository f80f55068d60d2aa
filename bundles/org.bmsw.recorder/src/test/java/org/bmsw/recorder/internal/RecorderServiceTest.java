package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's bookkeeping: durations, deleting, ids from the command line. */
class RecorderServiceTest {

    @TempDir
    Path data;

    final DrivenLiveTelemetry live = new DrivenLiveTelemetry();
    RecorderImpl recorder;

    @BeforeEach
    void create() {
        recorder = new RecorderImpl(live, Defaults.settings(), data.resolve("records"));
    }

    @AfterEach
    void stop() {
        recorder.deactivate();
    }

    @Test
    void aRecordingWithADurationStopsByItself() throws Exception {
        RecordingInfo started = recorder.start(new RecordingRequest("short", null, Set.of(), Duration.ofMillis(300)));
        assertEquals(Duration.ofSeconds(1), started.interval(), "the configured default interval");
        RecordingInfo.State state = started.state();
        for (long deadline = System.nanoTime() + 5_000_000_000L; state == RecordingInfo.State.RECORDING && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            state = recorder.list().get(0).state();
        }
        assertEquals(RecordingInfo.State.FINISHED, state);
        assertEquals(0, live.subscribers());
    }

    @Test
    void deletingRefusesRunningRecordingsAndBadIds() throws Exception {
        RecordingInfo running = recorder.start(RecordingRequest.everything(""));
        assertTrue(running.name().startsWith("Recording "), running.name());
        RecorderException e = assertThrows(RecorderException.class, () -> recorder.delete(running.id()));
        assertTrue(e.getMessage().contains("stop it before deleting it"), e.getMessage());
        recorder.stop(running.id());
        recorder.delete(running.id());
        assertTrue(recorder.list().isEmpty());
        try (var files = Files.list(recorder.directory())) {
            assertEquals(0, files.count(), "file, log and lock all gone");
        }
        e = assertThrows(RecorderException.class, () -> recorder.open("../../etc/passwd"));
        assertTrue(e.getMessage().contains("is not a recording id"), e.getMessage());
        e = assertThrows(RecorderException.class, () -> recorder.stop("20240101-000000"));
        assertTrue(e.getMessage().contains("there is no such recording"), e.getMessage());
        e = assertThrows(RecorderException.class, () -> recorder.importFile(data.resolve("missing.json")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
