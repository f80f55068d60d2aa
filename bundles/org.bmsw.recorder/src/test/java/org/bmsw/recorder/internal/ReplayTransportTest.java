package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bmsw.core.ConnectRequest;
import org.bmsw.core.TelemetryListener;
import org.bmsw.core.internal.CoreServices;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.internal.cli.TestProfiles;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording replayed through the core as if its devices were connected: the {@code replay} transport lists it as a
 * port, the connection service recognises its devices with the {@code replay} profile (a register profile being
 * present costs nothing), live telemetry polls them, and the recorder does not record them again.
 */
class ReplayTransportTest {

    static final Instant EPOCH = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path data;

    String id;
    List<Telemetry> recordedA;
    CoreServices core;
    RecorderImpl recorder;

    /** Two minutes of two packs at 1 s, recorded earlier. */
    @BeforeEach
    void record() throws Exception {
        DrivenLiveTelemetry driven = new DrivenLiveTelemetry();
        RecorderImpl earlier = new RecorderImpl(driven, Defaults.settings(), data.resolve("records"));
        SimulatedDevice a = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(16).capacityAh(40).initialSoc(0.6).seed(3)
                .build()), "/dev/ttyUSB0", 1, EPOCH);
        SimulatedDevice b = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(8).capacityAh(10).initialSoc(0.5).seed(4)
                .build()), "/dev/ttyUSB0", 2, EPOCH);
        a.simulator().runScenario("discharge 30A for 1h");
        id = earlier.start(new RecordingRequest("two packs", Duration.ZERO, Set.of(), null)).id();
        for (int s = 0; s < 120; s++) {
            driven.publish(a, a.step(Duration.ofSeconds(1)));
            driven.publish(b, b.step(Duration.ofSeconds(1)));
        }
        earlier.stop(id);
        try (Recording r = earlier.open(id)) {
            recordedA = r.samples(a.key(), null, null); // as stored (cells in single precision)
        }
        earlier.deactivate();

        core = new CoreServices(100, List.of(), List.of(TestProfiles.smartBms()));
        recorder = new RecorderImpl(core.live, Defaults.settings(), data.resolve("records"));
        core.add(new ReplayTransport(recorder), new ReplayProfile());
    }

    @AfterEach
    void close() throws Exception {
        recorder.deactivate();
        core.close();
    }

    @Test
    void aReplayIsConnectedAndPolledLikeADeviceAndNotRecordedAgain() throws Exception {
        var ports = core.transports.listPorts().ports();
        assertTrue(ports.stream().anyMatch(p -> p.transport().equals("replay") && p.path().equals(id)
                && p.description().equals("two packs (2 devices, 240 snapshots)")), ports.toString());

        Map<DeviceSession, List<Telemetry>> polled = new ConcurrentHashMap<>();
        List<Exception> closed = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = core.live.subscribe(new TelemetryListener() {
            @Override
            public void snapshot(DeviceSession session, Telemetry telemetry) {
                polled.computeIfAbsent(session, s -> new CopyOnWriteArrayList<>()).add(telemetry);
            }

            @Override
            public void sessionClosed(DeviceSession session, Exception reason) {
                closed.add(reason);
            }
        });
        String everything = recorder.start(RecordingRequest.everything("while replaying")).id();

        long t0 = System.nanoTime();
        DeviceSession first = core.connections.connect(ConnectRequest.auto(LinkSettings.of("replay", id + "?speed=20", 9600), 1));
        long recognisedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(recognisedMillis < 1000, "recognised in " + recognisedMillis + " ms beside a register profile");
        DeviceSession second = core.connections.connect(ConnectRequest.auto(LinkSettings.of("replay", id + "?speed=20", 9600), 2));
        assertSame(first.link(), second.link(), "one replay, one link, two devices");
        assertEquals(recordedA.get(0).identity(), first.identity(), "the device as it was recorded");
        assertEquals("replay", first.link().settings().transport());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (polled.getOrDefault(first, List.of()).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Telemetry> seen = polled.get(first);
        assertTrue(seen != null && seen.size() >= 5, "live telemetry polls the replay: " + seen);
        for (Telemetry t : seen) {
            assertTrue(recordedA.stream().anyMatch(r -> cells(r).equals(cells(t)) && r.pack().equals(t.pack())),
                    "a recorded snapshot: " + t.pack());
            assertTrue(Duration.between(t.time(), Instant.now()).abs().toSeconds() < 5, "re-timed to look live: " + t.time());
        }
        assertTrue(polled.containsKey(second), "the second device is polled too");

        // 120 s at 20x: done in about 6 s, then the sessions end and the link closes
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((first.isOpen() || second.isOpen()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(first.isOpen() || second.isOpen(), "the replay ended");
        assertFalse(first.link().isOpen());
        assertTrue(closed.stream().anyMatch(e -> e.getMessage().contains("the replay ended")), closed.toString());
        assertTrue(core.connections.sessions().isEmpty());
        subscription.close();

        recorder.stop(everything);
        try (Recording r = recorder.open(everything)) {
            assertEquals(0, r.info().samples(), "a replay is not recorded again");
        }
    }

    private static List<Double> cells(Telemetry t) {
        return t.cells().stream().map(CellVoltage::volts).toList();
    }

    @Test
    void disconnectingStopsTheReplay() throws Exception {
        DeviceSession session = core.connections.connect(new ConnectRequest(LinkSettings.of("replay", id, 9600), 2,
                java.util.Optional.of("replay"), null));
        assertEquals(8, session.readTelemetry().cells().size(), "the 8-cell pack at address 2");
        CanLink link = (CanLink) session.link();
        List<String> traced = new CopyOnWriteArrayList<>();
        try (AutoCloseable trace = link.listen((frame, sent) -> traced.add((sent ? "Tx " : "Rx ") + frame))) {
            link.send(CanFrame.data(0x7E0, false, (byte) 1));
            assertEquals(null, link.receive(20_000_000L));
        }
        assertEquals(List.of("Tx 7E0 [1] 01"), traced, "a trace of a replay's silent bus hears only what is sent to it");
        session.close();
        assertFalse(session.link().isOpen(), "the last session gone, the link closes");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (replayThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, replayThreads(), "the replay thread ended");
    }

    private static long replayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("bmsw-replay")).count();
    }

    @Test
    void wrongAddressesIdsAndSpeedsSayWhatIsWrong() {
        DeviceException noDevice = assertThrows(DeviceException.class, () -> core.connections.connect(
                ConnectRequest.auto(LinkSettings.of("replay", id, 9600), 9)));
        assertTrue(noDevice.getMessage().contains("No device answered at address 9"), noDevice.getMessage());
        DeviceException noRecording = assertThrows(DeviceException.class, () -> core.connections.connect(
                ConnectRequest.auto(LinkSettings.of("replay", "20200101-000000", 9600), 1)));
        assertEquals(DeviceException.Reason.LINK, noRecording.reason());
        assertTrue(noRecording.getMessage().contains("Cannot replay 20200101-000000: There is no recording"), noRecording.getMessage());
        DeviceException badSpeed = assertThrows(DeviceException.class, () -> core.connections.connect(
                ConnectRequest.auto(LinkSettings.of("replay", id + "?speed=0", 9600), 1)));
        assertTrue(badSpeed.getMessage().contains("the replay speed must be a factor above 0"), badSpeed.getMessage());
        DeviceException notReplay = assertThrows(DeviceException.class, () -> new ReplayProfile().connect(
                new ReplayLink(LinkSettings.of("x", "y", 1)), 1));
        assertTrue(notReplay.getMessage().contains("has no device at address 1"), notReplay.getMessage());
    }
}
