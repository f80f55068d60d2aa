package org.bmsw.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Smart BMS on a bad line, over a real pty: dropped, corrupted, truncated, readdressed, refused and
 * late replies never produce a wrong value, every one is counted, and the same seed fails the same way.
 */
class FaultyLineTest {

    @TempDir
    Path dir;

    private final java.util.Deque<AutoCloseable> cleanup = new java.util.ArrayDeque<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private DeviceSession connect(FaultPlan faults, int baud, BatterySimulator battery) throws Exception {
        SocatPair socat = new SocatPair(dir, "line" + cleanup.size()).start();
        cleanup.push(socat);
        Path host = socat.a;
        Path device = socat.b;
        RegisterProfile map;
        try (InputStream in = getClass().getResourceAsStream("/org/bmsw/profile/smartbms/smartbms-v4.profile.json")) {
            map = new RegisterProfileLoader().load("smartbms-v4.profile.json", in);
        }
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, new SimulatedRegisterDevice(map, null, battery, 1, "35-7-3")));
        SimulatedLine line = new SimulatedLine(server, baud, 10, Duration.ofMillis(2), FaultPlan.NONE);
        SimulatedLine faulty = new SimulatedLine(server, baud, 10, Duration.ofMillis(2), faults);
        // identification goes over a clean line, so the session opens; the faults start after
        var which = new java.util.concurrent.atomic.AtomicReference<>(line);
        Thread serving = new Thread(() -> {
            try (var in = new FileInputStream(device.toFile()); var out = new FileOutputStream(device.toFile())) {
                byte[] buf = new byte[1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    which.get().serveChunk(buf, n, out);
                }
            } catch (Exception e) {
                // the pty went away at the end of the test
            }
        }, "simulated line");
        serving.setDaemon(true);
        serving.start();
        ByteLink link = new SerialTransport().openByteLink(LinkSettings.of("serial", host.toString(), 9600));
        cleanup.push(link::close);
        DeviceSession session = new RegisterDeviceProfile(map).connect(link, 1);
        which.set(faulty);
        return session;
    }

    @Test
    void badRepliesNeverYieldAWrongValueAndAreCounted() throws Exception {
        BatterySimulator battery = new BatterySimulator(PackConfig.smartBms(24).seed(3).build());
        battery.setCurrentDemand(-12.5);
        battery.runSeconds(30);
        SimulatorState truth = battery.snapshot();
        // each drop or late reply costs the master's 1 s timeout: few of those, more of the quick kinds
        DeviceSession session = connect(new FaultPlan(77, 0.03, 0.08, 0.08, 0.08, 0.06, 0.03, Duration.ofMillis(1200), 0),
                0, battery);
        int good = 0;
        int failed = 0;
        for (int i = 0; i < 30; i++) {
            try {
                Telemetry t = session.readTelemetry();
                good++;
                assertEquals(truth.packVolts(), t.pack().voltage(), 0.005, "read " + i);
                assertEquals(truth.measuredAmps(), t.pack().current(), 0.05, "read " + i);
                for (int c = 0; c < 24; c++) {
                    assertEquals(truth.cells().get(c).volts(), t.cells().get(c).volts(), 0.0005, "read " + i + " cell " + c);
                }
            } catch (DeviceException e) {
                failed++;
            }
        }
        var stats = session.link().statistics().snapshot();
        assertTrue(good > 15, "most reads get through the retries: " + good);
        assertTrue(stats.errorCount() > 0, "faults are counted: " + stats.errors());
        assertTrue(failed > 0 || stats.errorCount() > 0);
    }

    @Test
    void theSameSeedFailsTheSameWay() throws Exception {
        // no drops or delays here: they only cost time, and the sequence is what is compared
        FaultPlan plan = new FaultPlan(2024, 0, 0.1, 0.1, 0.1, 0.1, 0, Duration.ZERO, 0);
        List<String> first = outcomes(connect(plan, 0, new BatterySimulator(PackConfig.smartBms(8).seed(1).build())));
        List<String> second = outcomes(connect(plan, 0, new BatterySimulator(PackConfig.smartBms(8).seed(1).build())));
        assertEquals(first, second);
        assertTrue(first.stream().anyMatch(o -> !o.equals("ok")), "the plan did inject failures: " + first);
        List<String> other = outcomes(connect(new FaultPlan(99, 0, 0.1, 0.1, 0.1, 0.1, 0, Duration.ZERO, 0), 0,
                new BatterySimulator(PackConfig.smartBms(8).seed(1).build())));
        assertTrue(!other.equals(first), "another seed fails differently");
    }

    private static List<String> outcomes(DeviceSession session) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                session.readTelemetry();
                outcomes.add("ok");
            } catch (DeviceException e) {
                outcomes.add(e.reason().name());
            }
        }
        return outcomes;
    }

    @Test
    void repliesArePacedAtTheBaudRate() throws Exception {
        DeviceSession session = connect(FaultPlan.NONE, 9600, new BatterySimulator(PackConfig.smartBms(24).seed(1).build()));
        session.readTelemetry();
        long start = System.nanoTime();
        session.readTelemetry();
        double millis = (System.nanoTime() - start) / 1e6;
        // the reply alone is 5 + 144 bytes: 149 characters of 10 bits at 9600 baud = 155 ms on the wire
        assertTrue(millis >= 155, "a 72-register reply cannot arrive faster than the line allows: " + millis + " ms");
    }
}
