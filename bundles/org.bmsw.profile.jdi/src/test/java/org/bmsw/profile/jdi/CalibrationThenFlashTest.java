package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.jdi.JdiFixtures.Pack;
import org.bmsw.profile.jdi.JdiOnRs485Test.Rs485;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.SimulatedFailure;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's parameter workflow over RS485: Read, then Calibration (RAM), then Flash, as separate steps. A value
 * calibrated but not flashed is gone after a restart; a flashed one survives it.
 */
class CalibrationThenFlashTest {

    private static final Pack PACK = JdiFixtures.PACKS.get(1);

    @TempDir
    Path dir;

    private BatterySimulator battery;
    private Rs485 bus;
    private ParameterAccess parameters;

    @BeforeEach
    void connect() throws Exception {
        battery = JdiFixtures.battery(PACK);
        bus = new Rs485(dir, battery);
        parameters = bus.session.parameters();
    }

    @AfterEach
    void disconnect() throws Exception {
        bus.close();
    }

    private double read(String key) throws Exception {
        return parameters.read(List.of(key)).get(key).value();
    }

    @Test
    void aCalibratedValueIsLostOnRestartUnlessFlashed() throws Exception {
        assertTrue(parameters.stagesInRam());
        double flashed = read("COV");
        assertEquals(3650, flashed, 1e-9, "Read");

        parameters.write(Map.of("COV", 3600.0), WriteTarget.RAM); // Calibration
        assertEquals(3600, read("COV"), 1e-9);
        assertEquals(3600, battery.parameters().get("COV"), 1e-9, "the BMS works with the RAM value at once");
        assertEquals(Set.of("COV"), parameters.unpersisted(), "shown as not flashed");
        assertEquals(Set.of("COV"), bus.device.unflashedKeys());

        bus.session.execute("RESET"); // restart without Flash
        assertEquals(flashed, read("COV"), 1e-9, "the RAM value is gone");
        assertEquals(flashed, battery.parameters().get("COV"), 1e-9);

        parameters.write(Map.of("COV", 3600.0), WriteTarget.RAM); // Calibration
        parameters.persist(); // Flash
        assertEquals(Set.of(), parameters.unpersisted());
        assertEquals(Set.of(), bus.device.unflashedKeys());
        bus.device.restart();
        assertEquals(3600, read("COV"), 1e-9, "the flashed value survives");
        assertEquals(3600, battery.parameters().get("COV"), 1e-9);
    }

    @Test
    void theManualsSocExample() throws Exception {
        assertEquals(65535, read("SOC"), 1e-9, "the field reads 65535 until a value is entered");
        parameters.write(Map.of("SOC", 30.0), WriteTarget.RAM); // double click, 30, Calibration
        assertEquals(30, battery.snapshot().socPercent(), 1e-9, "the BMS's SOC is 30 % at once");
        assertEquals(30, read("SOC"), 1e-9);
        parameters.persist(); // Flash
        assertEquals(30, bus.session.readTelemetry().pack().socPercent(), 0.05);
        bus.device.restart();
        assertEquals(65535, read("SOC"), 1e-9, "nothing pending after the restart");
        assertEquals(30, battery.snapshot().socPercent(), 0.05, "the SOC itself is kept by the BMS");
    }

    @Test
    void aSimulatedFailureActsAndIsGoneAfterARestartWhenNotFlashed() throws Exception {
        parameters.write(Map.of("SIM_INSULATION", 1.0), WriteTarget.RAM);
        var t = bus.session.readTelemetry();
        assertTrue(t.flagGroup(FlagGroup.FAULT).orElseThrow().flag("INSULATION_LOW").orElseThrow().active());
        assertTrue(t.quantity("insulation.positive").orElseThrow().flagged());
        assertTrue(battery.snapshot().failures().contains(SimulatedFailure.INSULATION));
        bus.device.restart();
        assertFalse(battery.snapshot().failures().contains(SimulatedFailure.INSULATION));
        assertEquals(0, read("SIM_INSULATION"), 1e-9);
    }

    @Test
    void aPersistentWriteFlashesAndTheFlashedStateMovesToAnotherDevice() throws Exception {
        parameters.write(Map.of("CUV", 2700.0, "CUVR", 3050.0), WriteTarget.PERSISTENT);
        assertEquals(Set.of(), parameters.unpersisted());
        Map<String, Double> flashed = bus.device.flashedValues();
        assertEquals(2700, flashed.get("CUV"), 1e-9);

        BatterySimulator other = JdiFixtures.battery(PACK);
        SimulatedRegisterDevice restored = new SimulatedRegisterDevice(JdiFixtures.map(), JdiFixtures.schema(), other, 1,
                "2-1-0");
        assertEquals(Map.of(), restored.importFlashed(flashed), "a state file restores every value");
        assertEquals(flashed, restored.flashedValues());
        assertEquals(2700, other.parameters().get("CUV"), 1e-9, "and the model runs on them");
        assertEquals(Map.of("NOPE", "not a register parameter of jdi.bi51"), restored.importFlashed(Map.of("NOPE", 1.0)));
    }

    /** {@code bmsw simulate --state}: a JDI keeps only what was flashed across a simulator restart, as the device would. */
    @Test
    void theSimulatorsStateFileKeepsFlashedValuesOnly() throws Exception {
        RegisterDeviceProfile jdi = new RegisterDeviceProfile(JdiFixtures.map(), JdiFixtures.schema());
        VirtualDeviceOptions options = new VirtualDeviceOptions(List.of(16), Chemistry.LFP, 1, "2-1-0", Double.NaN);
        Path state = dir.resolve("state.json");
        double defaultCov;
        try (VirtualBus simulator = new VirtualBus(List.of(new VirtualDevice(jdi, 1, options)), new LineTiming(0, 10, Duration.ZERO),
                FaultPlan.NONE, Optional.of(state), 1.0);
             PtyEndpoint pty = PtyEndpoint.start(simulator, dir.resolve("jdi"));
             ByteLink link = new SerialTransport().openByteLink(LinkSettings.of("serial", pty.address(), 9600))) {
            ParameterAccess access = jdi.connect(link, 1).parameters();
            defaultCov = access.read(List.of("COV")).get("COV").value();
            access.write(Map.of("CUV", 2700.0, "CUVR", 3050.0), WriteTarget.PERSISTENT);
            access.write(Map.of("COV", defaultCov - 20), WriteTarget.RAM);
            assertEquals(Set.of("COV"), access.unpersisted());
        }
        try (VirtualBus simulator = new VirtualBus(List.of(new VirtualDevice(jdi, 1, options)), new LineTiming(0, 10, Duration.ZERO),
                FaultPlan.NONE, Optional.of(state), 1.0)) {
            Map<String, Double> restarted = simulator.device(1).orElseThrow().registers().ramValues();
            assertEquals(2700, restarted.get("CUV"), 1e-9, "flashed before the restart");
            assertEquals(defaultCov, restarted.get("COV"), 1e-9, "calibrated, never flashed: gone");
        }
    }

    @Test
    void exportAndImportInTheSchemaEnginesFileFormat() throws Exception {
        var schema = JdiFixtures.schema();
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        parameters.read(parameters.keys()).forEach((k, v) -> values.put(k, v.value()));
        assertEquals(schema.keys(), values.keySet(), "every parameter reads over RS485");
        Path file = dir.resolve("jdi.json");
        ParameterFiles.write(schema, ParameterFiles.export(schema, bus.session.identity(), values, null,
                OffsetDateTime.now()), file);
        ImportResult imported = ParameterFiles.read(schema, file);
        assertTrue(imported.ok(), imported.problems().toString());
        assertEquals(values, imported.parameterFile().orElseThrow().values(), "65535 in the SOC field imports as 'not set'");
    }
}
