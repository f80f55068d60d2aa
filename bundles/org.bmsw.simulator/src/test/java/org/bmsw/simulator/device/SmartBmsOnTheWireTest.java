package org.bmsw.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.RawRegisterAccess;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.Protection;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Smart BMS end to end on a real pty pair: the simulator serves the shipped map on one end, the
 * real serial transport and the register profile read it on the other. Every value read must match
 * the battery model's own state, within the register resolution.
 */
class SmartBmsOnTheWireTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    @TempDir
    Path dir;

    private SocatPair socat;
    private BatterySimulator battery;
    private ByteLink link;
    private DeviceSession session;
    private RegisterDeviceProfile profile;

    @BeforeEach
    void start() throws Exception {
        socat = new SocatPair(dir).start();
        Path host = socat.a;
        Path device = socat.b;
        RegisterProfile map;
        try (InputStream in = getClass().getResourceAsStream(MAP)) {
            map = new RegisterProfileLoader().load(MAP, in);
        }
        ParameterSchema schema = ParameterSchemas.load(getClass().getResource(PARAMETERS));
        battery = new BatterySimulator(PackConfig.smartBms(24).seed(11).build());
        RtuServer server = new RtuServer(new ModbusRtuSlave(1,
                new SimulatedRegisterDevice(map, schema, battery, 1, "35-7-3")));
        Thread serving = new Thread(() -> {
            try (var in = new FileInputStream(device.toFile()); var out = new FileOutputStream(device.toFile())) {
                server.serve(in, out);
            } catch (Exception e) {
                // socat went away at the end of the test
            }
        }, "simulated smart bms");
        serving.setDaemon(true);
        serving.start();
        link = new SerialTransport().openByteLink(LinkSettings.of("serial", host.toString(), 9600));
        profile = new RegisterDeviceProfile(map, schema);
        assertTrue(profile.probe(link, 1, Duration.ofSeconds(1)).isPresent(), "the simulator identifies as a Smart BMS");
        session = profile.connect(link, 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (link != null) {
            link.close();
        }
        socat.close();
    }

    @Test
    void everyFieldMatchesTheBatteryModel() throws Exception {
        battery.setCurrentDemand(-20);
        battery.runSeconds(120);
        SimulatorState state = battery.snapshot();
        Telemetry t = session.readTelemetry();

        assertEquals("35-7-3", session.identity().firmwareVersion());
        assertEquals(state.socPercent(), t.pack().socPercent(), 0.05);
        assertEquals(state.packVolts(), t.pack().voltage(), 0.005);
        assertEquals(state.measuredAmps(), t.pack().current(), 0.05);
        assertTrue(t.pack().current() < -19, "discharging shows as negative: " + t.pack().current());
        assertEquals(state.fullChargeCapacityAh(), t.pack().fullChargeCapacity(), 0.05);
        assertEquals(state.remainingCapacityAh(), t.pack().remainingCapacity(), 0.05);
        assertEquals(24, t.pack().cellCount());
        assertEquals(24, t.cells().size());
        for (int i = 0; i < 24; i++) {
            assertEquals(state.cells().get(i).volts(), t.cells().get(i).volts(), 0.0005, "cell " + (i + 1));
        }
        assertEquals(state.probes().size(), t.temperatures().stream().filter(p -> p.index() <= state.probes().size()).count());
        for (int i = 0; i < state.probes().size(); i++) {
            var probe = state.probes().get(i);
            assertEquals(probe.fitted(), t.temperatures().get(i).fitted(), "probe " + (i + 1) + " fitted");
            if (probe.fitted()) {
                assertEquals(probe.celsius(), t.temperatures().get(i).celsius(), 0.05, "probe " + (i + 1));
            }
        }
        assertEquals(state.dischargeSwitchOn(), t.pack().dischargeEnabled());
        assertEquals(state.chargeSwitchOn(), t.pack().chargeEnabled());
        assertTrue(t.flagGroup(FlagGroup.STATUS).orElseThrow().flag("DSGNG").orElseThrow().active(), "discharging flag");
    }

    @Test
    void aProtectionTripOnTheModelShowsOnTheWire() throws Exception {
        battery.setCellSoc(5, 0.0);
        battery.setCurrentDemand(-50);
        battery.runUntil(s -> s.protections().contains(Protection.CUV), Duration.ofMinutes(10));
        Telemetry t = session.readTelemetry();
        assertEquals(List.of("CUVBit"), t.flagGroup(FlagGroup.PROTECT).orElseThrow().active().stream()
                .map(f -> f.key()).toList());
        assertEquals(Severity.FAULT, t.severity());
        assertFalse(t.pack().dischargeEnabled(), "discharge switched off");
        assertEquals(5, t.minCell().orElseThrow().index(), "the weak cell is the lowest");
    }

    @Test
    void commandsReachTheBattery() throws Exception {
        assertTrue(battery.snapshot().dischargeSwitchOn());
        session.execute("DSG_DIS");
        assertFalse(battery.snapshot().hostDischargeEnabled());
        battery.runSeconds(1);
        assertFalse(session.readTelemetry().pack().dischargeEnabled());
        session.execute("DSG_EN");
        battery.runSeconds(1);
        assertTrue(session.readTelemetry().pack().dischargeEnabled());
        DeviceException unknown = assertThrows(DeviceException.class, () -> session.execute("SELF_DESTRUCT"));
        assertEquals(DeviceException.Reason.INVALID, unknown.reason());
    }

    @Test
    void currentZeroCalibrationThroughTheCalibrationRegisters() throws Exception {
        battery.setCurrentSensorError(1.0, 0.8);
        battery.runSeconds(5);
        assertEquals(0.8, session.readTelemetry().pack().current(), 0.05, "an offset shows at rest before calibration");
        session.capability(CalibrationSupport.class).orElseThrow().calibrate(CalibrationSupport.Kind.CURRENT_ZERO, 0);
        battery.runSeconds(5);
        assertEquals(0.0, session.readTelemetry().pack().current(), 0.05, "zero after calibration");
    }

    @Test
    void registersOutsideTheMapAreRefusedAndCounted() throws Exception {
        RawRegisterAccess raw = session.capability(RawRegisterAccess.class).orElseThrow();
        DeviceException refused = assertThrows(DeviceException.class, () -> raw.readRegisters(0x5000, 1));
        assertEquals(DeviceException.Reason.REJECTED, refused.reason());
        assertTrue(refused.getMessage().contains("ILLEGAL DATA ADDRESS"), refused.getMessage());
        assertTrue(link.statistics().snapshot().errorCount() >= 1);
        assertTrue(link.statistics().framesReceived() > 0);
        assertTrue(profile.probe(link, 2, Duration.ofMillis(300)).isEmpty(), "nobody at address 2");
    }

    @Test
    void parametersReadAndWriteThroughTheSchemaAndReachTheModel() throws Exception {
        var parameters = session.parameters();
        assertTrue(parameters.keys().containsAll(List.of("COV", "CUV", "TOV", "485_BOUND", "PowerDownEn")));
        var all = parameters.read(parameters.keys());
        assertEquals(parameters.keys().size(), all.size(), "every parameter reads back");
        assertEquals(battery.parameters().get("COV"), all.get("COV").value(), 0.5, "COV as the model holds it");
        assertEquals("mV", all.get("COV").unit());

        parameters.write(java.util.Map.of("COVR", 4050.0), org.bmsw.device.api.WriteTarget.PERSISTENT);
        assertEquals(4050.0, parameters.read(List.of("COVR")).get("COVR").value(), 1e-9);
        assertEquals(4050.0, battery.parameters().get("COVR"), 1e-9, "the model's protection uses the new value");

        DeviceException outside = assertThrows(DeviceException.class,
                () -> parameters.write(java.util.Map.of("COVR", 99999.0), org.bmsw.device.api.WriteTarget.PERSISTENT));
        assertEquals(4050.0, parameters.read(List.of("COVR")).get("COVR").value(), 1e-9, "nothing written");
        assertTrue(outside.getMessage().contains("COVR"), outside.getMessage());
    }

    @Test
    void theSnapshotReadAtConnectIsOfferedOnceWithoutAnotherRead() throws Exception {
        try (DeviceSession fresh = profile.connect(link, 1)) {
            long sent = link.statistics().snapshot().bytesSent();
            Telemetry t = fresh.takeConnectSnapshot().orElseThrow(() -> new AssertionError("no connect snapshot"));
            assertEquals(sent, link.statistics().snapshot().bytesSent(), "nothing sent to the device for it");
            SimulatorState state = battery.snapshot();
            assertEquals(state.socPercent(), t.pack().socPercent(), 0.05);
            assertEquals(24, t.cells().size());
            assertEquals(state.cells().get(23).volts(), t.cells().get(23).volts(), 0.0005);
            assertEquals(fresh.identity(), t.identity());
            assertTrue(fresh.takeConnectSnapshot().isEmpty(), "given once");
        }
    }

    @Test
    void afterAWriteOrWhenStaleTheConnectSnapshotIsNotOffered() throws Exception {
        try (DeviceSession written = profile.connect(link, 1)) {
            written.parameters().write(java.util.Map.of("COVR", 4050.0), org.bmsw.device.api.WriteTarget.PERSISTENT);
            assertTrue(written.takeConnectSnapshot().isEmpty(), "the write may have changed what the device reports");
        }
        try (DeviceSession waited = profile.connect(link, 1)) {
            Thread.sleep(600);
            assertTrue(waited.takeConnectSnapshot().isEmpty(), "older than 500 ms: polling reads afresh");
        }
    }

    @Test
    void connectingToWhatTheProbeFoundReadsTheModelOnceNotTwice() throws Exception {
        long before = link.statistics().framesSent();
        var probed = profile.probe(link, 1, Duration.ofSeconds(1)).orElseThrow();
        try (DeviceSession fresh = profile.connect(link, 1, probed)) {
            assertEquals(2, link.statistics().framesSent() - before, "the probe's model read, then the telemetry blocks");
            assertEquals("SMARTBMS-V4", fresh.identity().model());
            assertEquals("35-7-3", fresh.identity().firmwareVersion());
        }
        long plain = link.statistics().framesSent();
        try (DeviceSession again = profile.connect(link, 1)) {
            assertEquals(2, link.statistics().framesSent() - plain, "without a probe: the model, then the blocks");
        }
        long other = link.statistics().framesSent();
        var elsewhere = new org.bmsw.device.api.DeviceIdentity(profile.id(), "SMARTBMS-V4", "", "", "", 2, false);
        try (DeviceSession third = profile.connect(link, 1, elsewhere)) {
            assertEquals(2, link.statistics().framesSent() - other, "a probe of another address is not taken as this one's");
        }
    }
}
