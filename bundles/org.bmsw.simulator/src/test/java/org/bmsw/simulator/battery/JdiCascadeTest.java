package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.junit.jupiter.api.Test;

class JdiCascadeTest {

    /** BI5148 (48 cells) + seven BM5116 (16 each) = 160 cells. */
    static PackConfig bi5148With7Bmus() {
        return PackConfig.jdi(48, 16, 16, 16, 16, 16, 16, 16).chemistry(Chemistry.LFP).capacityAh(100).initialSoc(0.6).seed(160).build();
    }

    @Test
    void oneHundredSixtyCellsReportFortyProbes() {
        PackConfig config = bi5148With7Bmus();
        assertEquals(160, config.cellCount());
        assertEquals(8, config.moduleCount());
        BatterySimulator sim = new BatterySimulator(config);
        assertTrue(sim.runUntil(st -> st.relayClosed(Relay.RL1), Duration.ofSeconds(3)), "pre-charge completes");
        sim.runScenario("discharge 0.5C for 10m; rest 5m");
        assertTrue(sim.runScenarioToEnd(Duration.ofMinutes(20)));
        SimulatorState s = sim.snapshot();
        assertEquals(160, s.cells().size());
        assertEquals(40, s.probes().size(), "4 NTC per 16 cells");
        assertTrue(s.probes().stream().allMatch(ProbeState::fitted));
        Map<Integer, Long> probesPerModule = s.probes().stream().collect(Collectors.groupingBy(ProbeState::module, Collectors.counting()));
        assertEquals(12L, probesPerModule.get(0), "BI5148: T1..T12");
        for (int m = 1; m <= 7; m++) {
            assertEquals(4L, probesPerModule.get(m), "BMU " + m);
        }
        Map<Integer, Long> cellsPerModule = s.cells().stream().collect(Collectors.groupingBy(CellState::module, Collectors.counting()));
        assertEquals(48L, cellsPerModule.get(0));
        assertEquals(16L, cellsPerModule.get(7));
        assertEquals(160, s.cell(160).index());
        assertEquals(7, s.cell(160).module());
        // every probe sits on 4 cells of its own module
        for (ProbeState p : s.probes()) {
            assertEquals(4, p.lastCell() - p.firstCell() + 1);
            assertEquals(p.module(), s.cell(p.firstCell()).module());
            assertEquals(p.module(), s.cell(p.lastCell()).module());
        }
        assertEquals(50.0 * 10 / 60, s.dischargedAh(), 0.01);
        double sum = s.cells().stream().mapToDouble(CellState::volts).sum();
        assertEquals(sum, s.packVolts(), 1e-9);

        Telemetry t = TelemetryMapper.toTelemetry(s, new DeviceIdentity("jdi", "BI5148", "", "", "", 1, false), Instant.EPOCH);
        assertEquals(160, t.cells().size());
        assertEquals(40, t.temperatures().size());
        assertEquals(160, t.pack().cellCount());
        assertTrue(t.flagGroup(FlagGroup.RELAY).isPresent());
        assertTrue(t.flagGroup(FlagGroup.INPUT).isPresent());
        assertTrue(t.quantity("insulation.positive").isPresent());
        assertEquals(Severity.NORMAL, t.severity());
    }

    @Test
    void prechargeThenDischargeRelay() {
        BatterySimulator sim = new BatterySimulator(PackConfig.jdi(32).capacityAh(50).initialSoc(0.5).seed(1).build());
        SimulatorState s = sim.snapshot();
        assertTrue(s.relayClosed(Relay.RL2), "pre-charge relay closes first");
        assertFalse(s.relayClosed(Relay.RL1));
        assertTrue(s.relayClosed(Relay.RL3), "charge relay");
        assertTrue(s.loadVolts() < 1);
        s = sim.runSeconds(2);
        assertTrue(s.relayClosed(Relay.RL1), "discharge relay after pre-charge");
        assertFalse(s.relayClosed(Relay.RL2), "pre-charge relay opens");
        assertEquals(s.packVolts(), s.loadVolts(), 1e-9);
        // KeyOn off opens the discharge relay and stops the load
        sim.setCurrentDemand(-20);
        assertEquals(-20, sim.runSeconds(1).trueAmps(), 1e-9);
        sim.setDigitalInput(DigitalInput.KEY_ON, false);
        s = sim.runSeconds(1);
        assertFalse(s.relayClosed(Relay.RL1));
        assertEquals(0, s.trueAmps(), 0.0);
        assertEquals(0, s.keyOnVolts(), 0.0);
        // KeyOn again: pre-charge, then current
        sim.setDigitalInput(DigitalInput.KEY_ON, true);
        assertTrue(sim.snapshot().relayClosed(Relay.RL2));
        assertEquals(-20, sim.runSeconds(3).trueAmps(), 1e-9);
    }

    @Test
    void prechargeFailureRaisesPreChg() {
        BatterySimulator sim = new BatterySimulator(PackConfig.jdi(16).initialSoc(0.5).seed(1).build());
        sim.injectFailure(SimulatedFailure.PRECHARGE);
        sim.command(ControlCommand.RESET);
        SimulatorState s = sim.runSeconds(5);
        assertTrue(s.isProtected(Protection.PRECHG));
        assertTrue(s.faults().contains(Fault.PRECHARGE));
        assertFalse(s.relayClosed(Relay.RL1));
        assertFalse(s.relayClosed(Relay.RL2));
        assertTrue(s.chargeSwitchOn(), "charging is still possible");
    }

    @Test
    void insulationFaultIsReported() {
        BatterySimulator sim = new BatterySimulator(PackConfig.jdi(16).initialSoc(0.5).seed(1).insulationFaultKOhm(30).build());
        assertFalse(sim.snapshot().faults().contains(Fault.INSULATION_LOW));
        SimulatorState s = sim.injectFailure(SimulatedFailure.INSULATION);
        assertEquals(30, s.insulationPositiveKOhm(), 0.0);
        assertTrue(s.faults().contains(Fault.INSULATION_LOW), "30 kΩ is below MR = 100 kΩ");
        Telemetry t = TelemetryMapper.toTelemetry(s, new DeviceIdentity("jdi", "BI5116", "", "", "", 1, false), Instant.EPOCH);
        assertTrue(t.quantity("insulation.positive").orElseThrow().flagged());
        assertFalse(t.quantity("insulation.negative").orElseThrow().flagged());
        assertEquals(Severity.FAULT, t.severity());
        s = sim.clearFailure(SimulatedFailure.INSULATION);
        assertFalse(s.faults().contains(Fault.INSULATION_LOW));
    }

    @Test
    void supplyAndInputs() {
        BatterySimulator sim = new BatterySimulator(PackConfig.jdi(16).initialSoc(0.5).seed(1).supplyVolts(13.2).build());
        SimulatorState s = sim.snapshot();
        assertEquals(13.2, s.vccVolts(), 0.0);
        assertEquals(13.2, s.keyOnVolts(), 0.0);
        assertEquals(0, s.wakeUpVolts(), 0.0);
        assertTrue(s.inputActive(DigitalInput.KEY_ON));
        assertFalse(s.inputActive(DigitalInput.CHARGER_WAKEUP));
        sim.setCurrentDemand(10);
        s = sim.runSeconds(1);
        assertTrue(s.inputActive(DigitalInput.CHARGER_WAKEUP), "a charger wakes the charge input");
        assertTrue(s.inputActive(DigitalInput.CC2));
        assertEquals(13.2, s.wakeUpVolts(), 0.0);
        assertEquals(10, s.chargerAmps(), 1e-9);
        s = sim.setSupplyVolts(7.5);
        assertTrue(s.isProtected(Protection.PWR));
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.dischargeSwitchOn());
        s = sim.setSupplyVolts(12);
        s = sim.runSeconds(1);
        assertFalse(s.isProtected(Protection.PWR));
        assertThrows(IllegalArgumentException.class, () -> sim.setRelay(Relay.RL1, true));
        assertTrue(sim.setRelay(Relay.RL6, true).relayClosed(Relay.RL6));
    }

    @Test
    void layoutLimits() {
        assertThrows(IllegalArgumentException.class, () -> PackConfig.jdi(48, 48, 48, 32).build(), "176 cells");
        assertThrows(IllegalArgumentException.class, () -> PackConfig.jdi(16, 16, 16, 16, 16, 16, 16, 16, 16, 8, 8, 8).build(), "11 BMUs");
        assertThrows(IllegalArgumentException.class, () -> PackConfig.jdi(64).build(), "64 cells on one board");
        assertThrows(IllegalArgumentException.class, () -> PackConfig.smartBms(33).build());
        assertThrows(IllegalArgumentException.class, () -> PackConfig.smartBms(16).probes(9).build());
        assertEquals(160, PackConfig.jdi(16, 16, 16, 16, 16, 16, 16, 16, 16, 16).build().cellCount());
        assertEquals(1, PackConfig.smartBms(1).build().cellCount());
    }

    @Test
    void smartBmsUnfittedProbes() {
        SimulatorState s = new BatterySimulator(PackConfig.smartBms(24).seed(1).build()).snapshot();
        assertEquals(6, s.probes().size());
        assertEquals(4, s.probes().stream().filter(ProbeState::fitted).count());
        ProbeState t5 = s.probes().get(4);
        assertFalse(t5.fitted());
        assertTrue(Double.isNaN(t5.celsius()));
        assertEquals(-40.0, t5.reportedCelsius(), 0.0);
        Telemetry t = TelemetryMapper.toTelemetry(s, new DeviceIdentity("smartbms", "Smart BMS V4.0", "", "", "", 1, false), Instant.EPOCH);
        assertEquals(6, t.temperatures().size());
        assertFalse(t.temperatures().get(5).fitted());
        assertTrue(t.flagGroup(FlagGroup.RELAY).isEmpty());
        assertEquals(16, t.flagGroup(FlagGroup.PROTECT).orElseThrow().flags().size());
        assertEquals("SCBit", t.flagGroup(FlagGroup.PROTECT).orElseThrow().flags().get(0).key());
        assertEquals("PreChg", t.flagGroup(FlagGroup.PROTECT).orElseThrow().flags().get(15).key());
    }
}
