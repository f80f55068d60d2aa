package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BmsBehaviourTest {

    @Test
    void hostCommandsOverrideButNeverDefeatProtections() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build());
        SimulatorState s = sim.command(ControlCommand.CHG_DIS);
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.hostChargeEnabled());
        assertTrue(s.dischargeSwitchOn());
        assertEquals(0b01, s.statusBits() & 0b11, "DSGEN only");
        s = sim.command(ControlCommand.CHG_EN);
        assertTrue(s.chargeSwitchOn());
        s = sim.command(ControlCommand.DSG_DIS);
        assertFalse(s.dischargeSwitchOn());
        sim.setCurrentDemand(-10);
        assertEquals(0, sim.runSeconds(1).trueAmps(), 0.0);
        sim.command(ControlCommand.DSG_EN);
        s = sim.runSeconds(1);
        assertEquals(-10, s.trueAmps(), 1e-9);
        assertTrue(s.discharging(), "DSGNG above SHIELD_I");
        assertEquals(1 << 6, s.statusBits() & (1 << 6));
        // a forced protection cannot be overridden by CHG_EN
        sim.forceProtection(Protection.COV, true);
        s = sim.command(ControlCommand.CHG_EN);
        assertFalse(s.chargeSwitchOn());
        assertTrue(s.isProtected(Protection.COV));
        s = sim.forceProtection(Protection.COV, false);
        assertTrue(s.chargeSwitchOn());
    }

    @Test
    void resetClearsTrippedProtections() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build(),
                TestParams.lfp(8, "OCD", 50, "OCDDelay", 1, "OCDRDelay", 600));
        sim.setCurrentDemand(-60);
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.OCD), Duration.ofSeconds(5)));
        sim.setCurrentDemand(0);
        assertTrue(sim.runSeconds(10).isProtected(Protection.OCD), "release delay 600 s");
        SimulatorState s = sim.command(ControlCommand.RESET);
        assertFalse(s.isProtected(Protection.OCD));
        assertTrue(s.dischargeSwitchOn());
    }

    @Test
    void sleepsAfterDelayAtRestAndWakesOnCharger() {
        PackConfig config = PackConfig.smartBms(8).initialSoc(0.04).initialSocSpread(0).seed(1).build();
        BatterySimulator sim = new BatterySimulator(config, TestParams.lfp(8, "PowerDownEn", 1, "FastVoltage", 2200,
                "FastDelay", 10, "MidVoltage", 3200, "MidDelay", 5, "SlowVoltage", 3300, "SlowDelay", 600, "SHIELD_I", 0.5,
                "CUV", 2500, "CUV1", Double.NaN, "CUV2", Double.NaN, "CUV3", Double.NaN));
        assertTrue(sim.snapshot().minCellVolts() < 3.2, "precondition: below MidVoltage");
        // a load keeps it awake
        sim.setCurrentDemand(-2);
        assertFalse(sim.runSeconds(600).sleeping());
        sim.setCurrentDemand(0);
        SimulatorState s = sim.runSeconds(5 * 60 - 1);
        assertFalse(s.sleeping(), "MidDelay is 5 minutes");
        s = sim.runSeconds(1.1);
        assertTrue(s.sleeping());
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.dischargeSwitchOn());
        sim.setCurrentDemand(-5);
        assertEquals(0, sim.runSeconds(10).trueAmps(), 0.0, "asleep: no discharge");
        sim.setCurrentDemand(5);
        s = sim.runSeconds(1);
        assertFalse(s.sleeping(), "a charger wakes it");
        assertEquals(5, sim.runSeconds(1).trueAmps(), 1e-9);
    }

    @Test
    void noSleepWhenDisabledOrAboveThresholds() {
        PackConfig config = PackConfig.smartBms(8).initialSoc(0.04).initialSocSpread(0).seed(1).build();
        BatterySimulator off = new BatterySimulator(config, TestParams.lfp(8, "PowerDownEn", 0, "MidDelay", 1));
        assertFalse(off.runSeconds(3600).sleeping());
        BatterySimulator high = new BatterySimulator(config.toBuilder().initialSoc(0.9).build(),
                TestParams.lfp(8, "MidDelay", 1, "SlowVoltage", 3250, "SlowDelay", 1));
        assertFalse(high.runSeconds(3600).sleeping(), "a full LFP pack rests above 3250 mV");
    }

    @Test
    void simulatedFailuresForceFlags() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build());
        SimulatorState s = sim.injectFailure(SimulatedFailure.COMMUNICATION);
        assertTrue(s.isProtected(Protection.COM));
        assertEquals(1, s.alarmLevel(Alarm.COMM));
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.dischargeSwitchOn());
        s = sim.clearFailure(SimulatedFailure.COMMUNICATION);
        assertFalse(s.isProtected(Protection.COM));
        assertTrue(s.dischargeSwitchOn());
        s = sim.injectFailure(SimulatedFailure.DISCHARGE_SWITCH);
        assertEquals(1, s.alarmLevel(Alarm.D_ER));
        assertFalse(s.dischargeSwitchOn());
        assertTrue(s.chargeSwitchOn());
        s = sim.forceAlarm(Alarm.OTD, 2);
        assertEquals(2, s.alarmLevel(Alarm.OTD));
        s = sim.injectFailure(SimulatedFailure.CURRENT_SENSOR);
        sim.setCurrentDemand(10);
        s = sim.runSeconds(1);
        assertEquals(10, s.trueAmps(), 1e-9);
        assertEquals(0, s.measuredAmps(), 0.0, "a lost sensor reads nothing");
        s = sim.injectFailure(SimulatedFailure.TEMPERATURE_SENSOR);
        assertFalse(s.probes().get(0).fitted());
        assertTrue(s.isProtected(Protection.PRECHG), "the manual's 16th bit: temperature malfunction / PreChg");
    }

    @Test
    void parametersChangeAtRuntimeAndRestore() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build());
        double factory = sim.parameters().get("COV");
        sim.setParameter("COV", 3000);
        assertEquals(3000, sim.parameters().get("COV"), 0.0);
        assertTrue(sim.runSeconds(10).isProtected(Protection.COV), "a cell at 3.2 V is over a 3.0 V limit");
        sim.command(ControlCommand.RESTORE);
        assertEquals(factory, sim.parameters().get("COV"), 0.0);
        assertTrue(sim.runUntil(st -> !st.isProtected(Protection.COV), Duration.ofMinutes(2)));
        sim.setParameter("COV", Double.NaN);
        assertFalse(sim.parameters().containsKey("COV"));
    }

    @Test
    void stateIsThreadSafeUnderConcurrentReadersAndCommands() throws Exception {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).initialSoc(0.5).seed(1).build());
        sim.setCurrentDemand(-20);
        Thread stepper = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                sim.step(Duration.ofSeconds(1));
            }
        });
        Thread commander = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                sim.command(i % 2 == 0 ? ControlCommand.CHG_DIS : ControlCommand.CHG_EN);
                sim.setParameters(Map.of("BalV", 3400.0 + i % 3));
            }
        });
        stepper.start();
        commander.start();
        for (int i = 0; i < 2000; i++) {
            SimulatorState s = sim.snapshot();
            assertEquals(24, s.cells().size());
            assertEquals(s.cells().stream().mapToDouble(CellState::volts).sum(), s.packVolts(), 1e-9);
        }
        stepper.join();
        commander.join();
        assertEquals(Duration.ofSeconds(2000), sim.snapshot().elapsed());
    }
}
