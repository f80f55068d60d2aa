package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.bmsw.recorder.Cycle;

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
    void aReaderAnalysesARunningRecordingAgainOnceItGrew() throws Exception {
        SimulatedDevice device = new SimulatedDevice(new org.bmsw.simulator.battery.BatterySimulator(
                org.bmsw.simulator.battery.PackConfig.smartBms(8).capacityAh(10).initialSoc(0.5).seed(1).build()), "/dev/ttyUSB0", 1,
                java.time.Instant.now().minus(Duration.ofDays(1)));
        device.simulator().runScenario("discharge 5A for 10m; rest 10m; charge 5A for 10m");
        String id = recorder.start(new RecordingRequest("growing", Duration.ZERO, Set.of(), null)).id();
        for (int s = 0; s < 15 * 60; s++) {
            live.publish(device, device.step(Duration.ofSeconds(1)));
        }
        try (var reading = recorder.open(id)) {
            awaitSamples(reading, 900);
            var first = reading.cycles(device.key());
            assertEquals(List.of(Cycle.Kind.DISCHARGE, Cycle.Kind.REST), first.stream().map(Cycle::kind).toList());
            assertTrue(first == reading.cycles(device.key()), "unchanged data is not analysed twice");
            for (int s = 0; s < 15 * 60; s++) {
                live.publish(device, device.step(Duration.ofSeconds(1)));
            }
            awaitSamples(reading, 1800);
            assertEquals(List.of(Cycle.Kind.DISCHARGE, Cycle.Kind.REST, Cycle.Kind.CHARGE),
                    reading.cycles(device.key()).stream().map(Cycle::kind).toList(), "the new snapshots are analysed");
        }
        recorder.stop(id);
    }

    /** {@code bmsw record start --count} awaits the stop its limit triggers, then prints the file's state. */
    @Test
    void awaitingAStopInFlightReturnsOnceTheFileSaysItEnded() throws Exception {
        SimulatedDevice device = new SimulatedDevice(new org.bmsw.simulator.battery.BatterySimulator(
                org.bmsw.simulator.battery.PackConfig.smartBms(16).capacityAh(10).initialSoc(0.5).seed(2).build()), "/dev/ttyUSB0", 1,
                java.time.Instant.now().minus(Duration.ofDays(1)));
        for (int round = 0; round < 5; round++) {
            String id = recorder.start(new RecordingRequest("stopping " + round, Duration.ZERO, Set.of(), null)).id();
            for (int s = 0; s < 3000; s++) {
                live.publish(device, device.step(Duration.ofSeconds(1))); // a queue the stop has to write out first
            }
            Thread stopper = new Thread(() -> {
                try {
                    recorder.stop(id);
                } catch (RecorderException e) {
                    throw new IllegalStateException(e);
                }
            });
            stopper.start();
            while (!recorder.awaitStopped(id, Duration.ZERO)) {
                Thread.onSpinWait();
            }
            try (var reading = recorder.open(id)) {
                assertEquals(RecordingInfo.State.FINISHED, reading.info().state(), "round " + round);
            }
            stopper.join();
        }
    }

    private static void awaitSamples(org.bmsw.recorder.Recording reading, long samples) throws Exception {
        for (long deadline = System.nanoTime() + 10_000_000_000L; reading.info().samples() < samples; Thread.sleep(20)) {
            assertTrue(System.nanoTime() < deadline, "only " + reading.info().samples() + " snapshots committed");
        }
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
