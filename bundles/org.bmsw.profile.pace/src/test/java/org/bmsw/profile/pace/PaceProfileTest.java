package org.bmsw.profile.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.bmsw.profile.modbus.TelemetryDecoder;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.TcpEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.tcp.internal.TcpTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked example: the PACE map decodes registers written here by hand from the public V1.3 document, and the
 * simulator serves a PACE BMS from the same two files, read back over RTU-over-TCP.
 */
class PaceProfileTest {

    private static RegisterDeviceProfile pace;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path file = Path.of(PaceProfileTest.class.getResource("pace-modbus.profile.json").toURI());
        RegisterProfiles.Result result = RegisterProfiles.read(file);
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        pace = result.profile();
    }

    /** Registers 0..36 as the document lays them out: a 16S pack discharging 12.34 A at 52.80 V. */
    static int[] documentedRegisters() {
        int[] r = new int[37];
        r[0] = -1234 & 0xFFFF;       // current, 10 mA, signed: -12.34 A (discharging)
        r[1] = 5280;                 // pack voltage, 10 mV: 52.80 V
        r[2] = 87;                   // SOC %
        r[3] = 99;                   // SOH %
        r[4] = 8700;                 // remaining capacity, 10 mAh: 87.00 Ah
        r[5] = 10000;                // full capacity: 100.00 Ah
        r[6] = 10500;                // design capacity: 105.00 Ah
        r[7] = 42;                   // cycles
        r[9] = 1 << 15;              // warning: SOC low
        r[10] = 1 << 6;              // protection: short circuit
        r[11] = (1 << 11) | (1 << 9) | (1 << 2); // status: discharge MOSFET on, discharging; fault: temperature sensor
        r[12] = 1 << 2;              // balancing: cell 3
        for (int cell = 0; cell < 16; cell++) {
            r[15 + cell] = 3300 + cell; // cells, mV
        }
        r[31] = 251;                 // T1 25.1 degC
        r[32] = 252;
        r[33] = 253;
        r[34] = -55 & 0xFFFF;        // T4 -5.5 degC
        r[35] = 315;                 // MOSFET 31.5 degC
        r[36] = 220;                 // environment 22.0 degC
        return r;
    }

    @Test
    void decodesTheDocumentedLayout() {
        Telemetry t = new TelemetryDecoder(pace.definition()).decode(Map.of("main", documentedRegisters()),
                new DeviceIdentity("pace.modbus", "x", "", "", "", 1, false), Instant.EPOCH);
        assertEquals(-12.34, t.pack().current(), 1e-9);
        assertEquals(52.80, t.pack().voltage(), 1e-9);
        assertEquals(87, t.pack().socPercent(), 1e-9);
        assertEquals(99, t.pack().sohPercent(), 1e-9);
        assertEquals(87.0, t.pack().remainingCapacity(), 1e-9);
        assertEquals(100.0, t.pack().fullChargeCapacity(), 1e-9);
        assertEquals(105.0, t.quantity("capacity.design").orElseThrow().value(), 1e-9);
        assertEquals(42, t.pack().cycleCount());
        assertEquals(16, t.cells().size());
        assertEquals(3.302, t.cells().get(2).volts(), 1e-9);
        assertTrue(t.cells().get(2).balancing());
        assertFalse(t.cells().get(3).balancing());
        assertEquals(List.of("T1", "T2", "T3", "T4", "MOSFET", "ENV"), t.temperatures().stream().map(x -> x.label()).toList());
        assertEquals(-5.5, t.temperatures().get(3).celsius(), 1e-9);
        assertEquals(31.5, t.temperatures().get(4).celsius(), 1e-9);
        assertTrue(t.flagGroup("ALARM").orElseThrow().flag("SOCL").orElseThrow().active());
        assertTrue(t.flagGroup("PROTECT").orElseThrow().flag("SCBit").orElseThrow().active());
        assertTrue(t.flagGroup("FAULT").orElseThrow().flag("NTC").orElseThrow().active());
        assertFalse(t.flagGroup("FAULT").orElseThrow().flag("CHG_MOS").orElseThrow().active());
        assertTrue(t.pack().dischargeEnabled());
        assertFalse(t.pack().chargeEnabled());
        assertTrue(t.flagGroup("STATUS").orElseThrow().flag("DSGNG").orElseThrow().active());
        assertEquals("PACE BMS（Modbus RS485 V1.3）", pace.displayName().text(java.util.Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void theParametersAreTheDocumentedRegisters() {
        var schema = pace.parameterSchema().orElseThrow();
        assertEquals(55, schema.keys().size());
        assertEquals(60, schema.parameter("POV_ALM").orElseThrow().location().register());
        assertEquals(114, schema.parameter("COC2_DLY").orElseThrow().location().register());
        assertEquals(57.6, schema.parameter("POV_ALM").orElseThrow().toEngineering(57600), 1e-9, "pack volts sent in mV");
        assertEquals(-20.0, schema.parameter("DUT_PROT").orElseThrow().toEngineering(-200), 1e-9);
        assertEquals(0.2, schema.parameter("SC_DLY").orElseThrow().toEngineering(8), 1e-9, "25 us steps, shown in ms");
    }

    @Test
    void theSimulatorServesAPaceBmsFromTheSameFiles() throws Exception {
        VirtualDevice device = new VirtualDevice(pace, 3, new VirtualDeviceOptions(List.of(16),
                org.bmsw.simulator.battery.Chemistry.LFP, 5, "1-0-0", 60));
        try (VirtualBus bus = new VirtualBus(List.of(device), new LineTiming(0, 10, Duration.ZERO), FaultPlan.NONE,
                Optional.empty(), 1.0);
             TcpEndpoint tcp = TcpEndpoint.start(bus, "127.0.0.1", 0);
             ByteLink link = new TcpTransport().openByteLink(LinkSettings.of("tcp", tcp.address(), 9600))) {
            var identity = pace.probe(link, 3, Duration.ofSeconds(1));
            assertEquals("BMSW-SIM PACE V1.3", identity.orElseThrow().model(), "recognised by its version text");
            try (DeviceSession session = pace.connect(link, 3)) {
                Telemetry t = session.readTelemetry();
                SimulatorState state = device.battery().snapshot();
                assertEquals(state.packVolts(), t.pack().voltage(), 0.05);
                assertEquals(state.socPercent(), t.pack().socPercent(), 1.0);
                assertEquals(16, t.cells().size());
                for (int i = 0; i < 16; i++) {
                    assertEquals(state.cells().get(i).volts(), t.cells().get(i).volts(), 0.002, "cell " + (i + 1));
                }
                assertTrue(t.pack().dischargeEnabled() && t.pack().chargeEnabled(), "both MOSFETs on at start");

                var parameters = session.parameters();
                assertEquals(3650.0, parameters.read(List.of("COV_PROT")).get("COV_PROT").value(), 1e-9);
                parameters.write(Map.of("COV_REL", 3390.0), WriteTarget.PERSISTENT);
                assertEquals(3390.0, parameters.read(List.of("COV_REL")).get("COV_REL").value(), 1e-9);
            }
        }
    }
}
