package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.jdi.JdiFixtures.Pack;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.transport.api.LinkKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every model, and cascades of 160 cells, over CAN through slcan: the simulator broadcasts with the shipped DBC
 * on one adapter, the CAN profile (which parses the same DBC at run time) decodes on the other; parameters go
 * through XCP calibration pages on the same bus.
 */
class JdiOnCanTest {

    static final List<Pack> PACKS = JdiFixtures.PACKS;
    /** Long enough for every 1 s message, with all its pages, to arrive after connecting. */
    private static final long ONE_CYCLE_MILLIS = 1300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @FieldSource("PACKS")
    void telemetryFromTheBroadcastMatchesTheBatteryModel(Pack pack) throws Exception {
        BatterySimulator battery = JdiFixtures.battery(pack);
        DeviceProfile profile = JdiFixtures.canProfile();
        assertEquals(Set.of(LinkKind.CAN), profile.linkKinds());
        try (SlcanBus bus = new SlcanBus(dir); SimulatedCanDevice device = simulated(battery, bus)) {
            assertEquals(pack.model(), profile.probe(bus.host, 1, Duration.ofSeconds(2)).orElseThrow().model(),
                    "the model comes from the broadcast");
            try (DeviceSession session = profile.connect(bus.host, 1)) {
                assertEquals(JdiData.PROFILE_ID, session.identity().profileId(), "parameter files are interchangeable");
                Thread.sleep(ONE_CYCLE_MILLIS);
                JdiFixtures.assertMatches(battery.snapshot(), session.readTelemetry(), pack, 1.0);
            }
        }
    }

    @Test
    void calibrationThenFlashThroughXcpCalibrationPages() throws Exception {
        BatterySimulator battery = JdiFixtures.battery(PACKS.get(3));
        try (SlcanBus bus = new SlcanBus(dir); SimulatedCanDevice device = simulated(battery, bus);
             DeviceSession session = JdiFixtures.canProfile().connect(bus.host, 1)) {
            ParameterAccess parameters = session.parameters();
            assertTrue(parameters.stagesInRam());
            Map<String, Double> all = new java.util.LinkedHashMap<>();
            parameters.read(parameters.keys()).forEach((k, v) -> all.put(k, v.value()));
            assertEquals(device.device().ramValues(), all, "every parameter reads over XCP as the device holds it");

            parameters.write(Map.of("COV", 3600.0, "OTD", 58.5), WriteTarget.RAM); // Calibration: the RAM page
            assertEquals(3600, battery.parameters().get("COV"), 1e-9, "the BMS works with the RAM page at once");
            assertEquals(58.5, battery.parameters().get("OTD"), 1e-9);
            assertEquals(Set.of("COV", "OTD"), parameters.unpersisted());
            device.restart();
            assertEquals(3650, read(parameters, "COV"), 1e-9, "not flashed: gone after the restart");
            assertEquals(3650, battery.parameters().get("COV"), 1e-9);

            parameters.write(Map.of("COV", 3600.0), WriteTarget.RAM);
            parameters.persist(); // Flash: COPY_CAL_PAGE RAM -> flash
            assertEquals(Set.of(), parameters.unpersisted());
            device.restart();
            assertEquals(3600, read(parameters, "COV"), 1e-9, "flashed: survives the restart");
            assertEquals(3600, device.device().flashedValues().get("COV"), 1e-9);

            parameters.write(Map.of("SOC", 30.0), WriteTarget.RAM);
            assertEquals(30, battery.snapshot().socPercent(), 1e-9, "the manual's SOC example over CAN");
        }
    }

    /** The simulator's CAN device, from the CAN profile's own data. */
    private static SimulatedCanDevice simulated(BatterySimulator battery, SlcanBus bus) throws Exception {
        return new SimulatedCanDevice(JdiFixtures.canProfile(), battery, bus.device, "2-1-0");
    }

    private static double read(ParameterAccess parameters, String key) throws DeviceException {
        return parameters.read(List.of(key)).get(key).value();
    }

    @Test
    void aDeviceThatStopsBroadcastingIsNotShownWithOldValues() throws Exception {
        BatterySimulator battery = JdiFixtures.battery(PACKS.get(0));
        try (SlcanBus bus = new SlcanBus(dir); SimulatedCanDevice device = simulated(battery, bus);
             DeviceSession session = JdiFixtures.canProfile().connect(bus.host, 1)) {
            Thread.sleep(ONE_CYCLE_MILLIS);
            assertEquals(16, session.readTelemetry().cells().size());
            device.broadcaster().close();
            Thread.sleep(3200);
            DeviceException stale = assertThrows(DeviceException.class, session::readTelemetry);
            assertEquals(DeviceException.Reason.TIMEOUT, stale.reason());
            assertTrue(stale.getMessage().contains("has stopped broadcasting"), stale.getMessage());
        }
    }

    @Test
    void nothingOnTheBusIsNotAJdi() throws Exception {
        try (SlcanBus bus = new SlcanBus(dir)) {
            DeviceProfile profile = JdiFixtures.canProfile();
            assertTrue(profile.probe(bus.host, 1, Duration.ofMillis(300)).isEmpty());
            DeviceException e = assertThrows(DeviceException.class, () -> profile.connect(bus.host, 1));
            assertEquals(DeviceException.Reason.TIMEOUT, e.reason());
        }
    }
}
