package org.bmsw.simulator.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.tcp.internal.TcpTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running buses end to end: a Smart BMS bus with two addresses on a socat pty pair the bus makes itself and on a
 * TCP port, read by masters nobody here wrote (mbpoll, pymodbus) and by our own; parameter writes surviving a
 * restart through the state file; a line cut mid-frame.
 */
class VirtualBusTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";
    private static final String PYTHON = "/usr/bin/python3";

    private static RegisterDeviceProfile smartBms;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadProfile() throws Exception {
        try (InputStream in = VirtualBusTest.class.getResourceAsStream(MAP)) {
            smartBms = new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in),
                    ParameterSchemas.load(VirtualBusTest.class.getResource(PARAMETERS)));
        }
    }

    private VirtualBus bus(Optional<Path> state, FaultPlan faults, int... addresses) throws Exception {
        List<VirtualDevice> devices = new ArrayList<>();
        for (int address : addresses) {
            devices.add(new VirtualDevice(smartBms, address, VirtualDeviceOptions.defaults().withSeed(address)));
        }
        // unpaced: these tests are about serving and state, and pacing on a loaded machine only adds gaps
        return new VirtualBus(devices, new LineTiming(0, 10, Duration.ZERO), faults, state, 1.0);
    }

    @Test
    void mbpollAndPymodbusReadTheVirtualSmartBmsOnThePtyTheBusMade() throws Exception {
        try (VirtualBus bus = bus(Optional.empty(), FaultPlan.NONE, 1, 2);
             PtyEndpoint pty = PtyEndpoint.start(bus, dir.resolve("bms"))) {
            for (int address : new int[] {1, 2}) {
                SimulatorState state = bus.device(address).orElseThrow().battery().snapshot();
                int[] mbpoll = registers(run("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-1", "-0", "-a",
                        Integer.toString(address), "-t", "3", "-r", "0", "-c", "72", pty.address()), true);
                int[] pymodbus = registers(run(PYTHON, script(), "serial", pty.address(), Integer.toString(address),
                        "4", "0", "72"), false);
                assertEquals(72, mbpoll.length);
                assertTrue(Arrays.equals(mbpoll, pymodbus) || sameButLive(mbpoll, pymodbus),
                        "mbpoll and pymodbus see the same registers: " + Arrays.toString(mbpoll) + " vs "
                                + Arrays.toString(pymodbus));
                assertEquals(state.socPercent(), mbpoll[0] / 10.0, 0.15, "SOC at address " + address);
                assertEquals(state.packVolts(), mbpoll[1] / 100.0, 0.05, "pack voltage at address " + address);
                assertEquals(24, mbpoll[9], "cell count");
                for (int cell = 0; cell < 24; cell++) {
                    assertEquals(state.cells().get(cell).volts() * 1000, mbpoll[32 + cell], 2.0, "cell " + (cell + 1));
                }
            }
            int[] identity = registers(run(PYTHON, script(), "serial", pty.address(), "1", "4", "240", "8"), false);
            StringBuilder ascii = new StringBuilder();
            for (int word : identity) {
                ascii.append((char) (word >> 8)).append((char) (word & 0xff));
            }
            assertTrue(ascii.toString().startsWith("SMARTBMS-V4"), ascii.toString());
        }
    }

    /** Registers of a live battery may move between two reads: allow the last digit of SOC and voltages. */
    private static boolean sameButLive(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 2) {
                return false;
            }
        }
        return true;
    }

    @Test
    void ourMasterAndPymodbusReadTheBusOverTcp() throws Exception {
        try (VirtualBus bus = bus(Optional.empty(), FaultPlan.NONE, 7);
             TcpEndpoint tcp = TcpEndpoint.start(bus, "127.0.0.1", 0);
             ByteLink link = new TcpTransport().openByteLink(LinkSettings.of("tcp", tcp.address(), 9600))) {
            assertTrue(smartBms.probe(link, 7, Duration.ofSeconds(1)).isPresent());
            DeviceSession session = smartBms.connect(link, 7);
            Telemetry telemetry = session.readTelemetry();
            SimulatorState state = bus.device(7).orElseThrow().battery().snapshot();
            assertEquals(state.packVolts(), telemetry.pack().voltage(), 0.05);
            assertEquals(24, telemetry.cells().size());
            int[] holding = registers(run(PYTHON, script(), "tcp", tcp.address(), "7", "4", "9", "1"), false);
            assertEquals(24, holding[0]);
            assertFalse(smartBms.probe(link, 8, Duration.ofMillis(300)).isPresent(), "nobody at address 8");
        }
    }

    @Test
    void parameterWritesSurviveARestartThroughTheStateFile() throws Exception {
        Path state = dir.resolve("state.json");
        double before;
        try (VirtualBus bus = bus(Optional.of(state), FaultPlan.NONE, 1);
             PtyEndpoint pty = PtyEndpoint.start(bus, dir.resolve("bms"));
             ByteLink link = new SerialTransport().openByteLink(LinkSettings.of("serial", pty.address(), 9600))) {
            DeviceSession session = smartBms.connect(link, 1);
            before = session.parameters().read(List.of("COV")).get("COV").value();
            session.parameters().write(Map.of("COV", before - 50), WriteTarget.PERSISTENT);
        }
        assertTrue(Files.readString(state, StandardCharsets.UTF_8).contains("\"COV\""), "state file written on close");
        try (VirtualBus bus = bus(Optional.of(state), FaultPlan.NONE, 1)) {
            assertEquals(before - 50, bus.device(1).orElseThrow().parameterValues().get("COV"), 1e-9);
        }
    }

    @Test
    void aBrokenStateFileIsRefusedWithItsLine() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"format\":\"bmsw-simulator-state/1\",\n\"devices\": {\"1\": }}");
        var e = assertThrows(java.io.IOException.class, () -> bus(Optional.of(state), FaultPlan.NONE, 1));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aLineCutMidFrameDropsTheClientAndTheNextOneIsServed() throws Exception {
        FaultPlan cutEveryReply = new FaultPlan(5, 0, 0, 0, 0, 0, 0, Duration.ZERO, 1.0);
        try (VirtualBus bus = bus(Optional.empty(), cutEveryReply, 1);
             TcpEndpoint tcp = TcpEndpoint.start(bus, "127.0.0.1", 0)) {
            ByteLink link = new TcpTransport().openByteLink(LinkSettings.of("tcp", tcp.address(), 9600));
            DeviceException cut = assertThrows(DeviceException.class,
                    () -> smartBms.connect(link, 1).readTelemetry());
            assertTrue(bus.faultsInjected() >= 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (link.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(link.isOpen(), "the gateway dropped the connection: " + cut.getMessage());
        }
    }

    private static String script() throws Exception {
        Path script = Files.createTempFile("pymodbus_client", ".py");
        try (InputStream in = VirtualBusTest.class.getResourceAsStream("pymodbus_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        return script.toString();
    }

    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return fail(command[0] + " is needed (apt-get install mbpoll python3-pymodbus): " + e.getMessage());
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    /** mbpoll prints "[ref]: \tvalue" lines; the python client one line of numbers. */
    private static int[] registers(String output, boolean mbpoll) {
        if (!mbpoll) {
            return Arrays.stream(output.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        }
        return output.lines().filter(l -> l.startsWith("["))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim().split("\\s+")[0]) & 0xFFFF).toArray();
    }
}
