package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.CellState;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.DigitalInput;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.ProbeState;
import org.bmsw.simulator.battery.Relay;
import org.bmsw.simulator.battery.SimulatorState;

/** The shipped JDI files, simulated packs of every model, and how a snapshot must match the battery model. */
final class JdiFixtures {

    private JdiFixtures() {
    }

    /** A pack: the BIU's cells first, then each BMU's. */
    record Pack(String name, String model, int... modules) {
        int cells() {
            int sum = 0;
            for (int m : modules) {
                sum += m;
            }
            return sum;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Pack> PACKS = List.of(
            new Pack("BI5116", "BI5116", 16),
            new Pack("BI5132", "BI5132", 32),
            new Pack("BI5148", "BI5148", 48),
            new Pack("BI5148 + 7 BMUs, 160 cells", "BI5148", 48, 16, 16, 16, 16, 16, 16, 16),
            new Pack("BI5116 + 9 BMUs, 160 cells", "BI5116", 16, 16, 16, 16, 16, 16, 16, 16, 16, 16));

    /** The shipped profile as the profile engine reads this bundle: the register profile and its CAN profile. */
    static RegisterProfiles.Result profiles() throws Exception {
        try (InputStream in = JdiData.registerProfile().openStream()) {
            RegisterProfiles.Result result = RegisterProfiles.read(JdiData.REGISTER_PROFILE, in.readAllBytes(),
                    name -> Optional.ofNullable(JdiData.beside(name)));
            assertTrue(result.problems().isEmpty(), result.problems().toString());
            return result;
        }
    }

    /** The CAN profile, {@value JdiData#CAN_PROFILE_ID}, from the data alone. */
    static CanDeviceProfile canProfile() throws Exception {
        CanDeviceProfile can = profiles().can();
        assertEquals(JdiData.CAN_PROFILE_ID, can.id());
        return can;
    }

    static RegisterProfile map() throws Exception {
        try (InputStream in = JdiData.registerProfile().openStream()) {
            return new RegisterProfileLoader().load(JdiData.REGISTER_PROFILE, in);
        }
    }

    static ParameterSchema schema() throws Exception {
        return ParameterSchemas.load(JdiData.parameters());
    }

    static Dbc dbc() throws Exception {
        return Dbc.load(JdiData.dbc());
    }

    /** A discharging pack with its pre-charge done, so every relay and flag has a meaningful state. */
    static BatterySimulator battery(Pack pack) {
        BatterySimulator battery = new BatterySimulator(PackConfig.jdi(pack.modules()).chemistry(Chemistry.LFP)
                .capacityAh(100).initialSoc(0.7).seed(pack.cells()).build());
        battery.runSeconds(3);
        battery.setCurrentDemand(-42.5);
        battery.runSeconds(60);
        battery.setRelay(Relay.RL6, true);
        return battery;
    }

    /**
     * Every value of the snapshot matches the model's state within the wire's resolution.
     *
     * @param temperatureStep the resolution of probe temperatures on this wire, °C
     */
    static void assertMatches(SimulatorState s, Telemetry t, Pack pack, double temperatureStep) {
        assertEquals(pack.model(), t.identity().model());
        assertEquals(pack.cells(), t.pack().cellCount());
        assertEquals(pack.cells(), t.cells().size());
        assertEquals(s.socPercent(), t.pack().socPercent(), 0.051);
        assertEquals(s.packVolts(), t.pack().voltage(), 0.051);
        assertEquals(s.measuredAmps(), t.pack().current(), 0.051);
        assertTrue(t.pack().current() < -40, "discharging reads negative: " + t.pack().current());
        assertEquals(s.sohPercent(), t.pack().sohPercent(), 0.051);
        assertEquals(s.remainingCapacityAh(), t.pack().remainingCapacity(), 0.051);
        for (CellState cell : s.cells()) {
            var read = t.cells().get(cell.index() - 1);
            assertEquals(cell.index(), read.index());
            assertEquals(cell.module(), read.module(), "module of cell " + cell.index());
            assertEquals(cell.volts(), read.volts(), 0.00051, "cell " + cell.index());
            assertEquals(cell.balancing(), read.balancing(), "balancing of cell " + cell.index());
        }
        assertEquals(s.probes().size(), t.temperatures().size(), "4 NTC per 16 cells");
        assertEquals(pack.cells() / 4, t.temperatures().size());
        for (ProbeState probe : s.probes()) {
            var read = t.temperatures().get(probe.index() - 1);
            assertEquals(probe.module(), read.module(), "module of probe " + probe.index());
            assertEquals(probe.celsius(), read.celsius(), temperatureStep / 2 + 1e-9, "probe " + probe.index());
        }
        Map<Integer, Long> perModule = t.cells().stream().collect(Collectors.groupingBy(c -> c.module(), Collectors.counting()));
        for (int m = 0; m < pack.modules().length; m++) {
            assertEquals(pack.modules()[m], perModule.get(m).intValue(), "cells on module " + m);
        }
        assertEquals(pack.modules().length - 1, t.quantity("modules.bmu").orElseThrow().value(), 1e-9, "BMU count");
        for (Relay relay : Relay.values()) {
            assertEquals(s.relayClosed(relay), t.flagGroup(FlagGroup.RELAY).orElseThrow().flag(relay.name()).orElseThrow()
                    .active(), relay.name());
        }
        for (DigitalInput input : DigitalInput.values()) {
            assertEquals(s.inputActive(input), t.flagGroup(FlagGroup.INPUT).orElseThrow().flag(input.flagKey()).orElseThrow()
                    .active(), input.flagKey());
        }
        assertTrue(t.flagGroup(FlagGroup.RELAY).orElseThrow().flag("RL1").orElseThrow().active(), "discharge relay closed");
        assertTrue(t.flagGroup(FlagGroup.RELAY).orElseThrow().flag("RL6").orElseThrow().active(), "host relay RL6");
        assertTrue(t.pack().dischargeEnabled());
        assertEquals(s.keyOnVolts(), t.quantity("voltage.keyon").orElseThrow().value(), 0.0051);
        assertEquals(s.wakeUpVolts(), t.quantity("voltage.wakeup").orElseThrow().value(), 0.0051);
        assertEquals(s.vccVolts(), t.quantity("voltage.vcc").orElseThrow().value(), 0.0051);
        assertEquals(s.insulationPositiveKOhm(), t.quantity("insulation.positive").orElseThrow().value(), 0.51);
        assertEquals(s.insulationNegativeKOhm(), t.quantity("insulation.negative").orElseThrow().value(), 0.51);
        assertEquals(s.loadVolts(), t.quantity("voltage.hv2").orElseThrow().value(), 0.051, "HV2");
        assertEquals(s.chargerVolts(), t.quantity("charger.voltage").orElseThrow().value(), 0.051);
        assertEquals(s.sopDischargeWatts() / 1000, t.quantity("sop.discharge").orElseThrow().value(), 0.051);
        assertEquals("kΩ", t.quantity("insulation.positive").orElseThrow().unit());
        for (var alarm : s.alarms().entrySet()) {
            assertEquals(alarm.getValue(), t.flagGroup(FlagGroup.ALARM).orElseThrow().flag(alarm.getKey().flagKey())
                    .orElseThrow().level(), alarm.getKey().flagKey());
        }
        assertEquals(s.alarms().isEmpty() && s.protections().isEmpty() && s.faults().isEmpty(),
                t.severity() == org.bmsw.device.api.Severity.NORMAL, "green when nothing is active");
    }
}
