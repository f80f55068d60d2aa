package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Pack-voltage and cell-difference protections, and the Smart BMS timed pre-charge. */
class PackProtectionTest {

    @Test
    void tovCutsChargeAtPackLevel() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(16).initialSoc(0.9).seed(1).build(),
                TestParams.lfp(16, "TOV", 16 * 3.40, "TOVDelay", 1, "TOVR", 16 * 3.35, "TOVRDelay", 5, "BalV", Double.NaN));
        sim.setCurrentDemand(20);
        assertTrue(sim.runUntil(st -> st.packVolts() >= 16 * 3.40, Duration.ofHours(1)));
        Duration first = sim.snapshot().elapsed();
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.TOV), Duration.ofSeconds(5)));
        assertEquals(first.toMillis() + 1000, sim.snapshot().elapsed().toMillis(), 100);
        SimulatorState s = sim.runSeconds(0.1);
        assertFalse(s.chargeSwitchOn());
        assertTrue(s.dischargeSwitchOn());
        assertFalse(s.isProtected(Protection.COV), "the pack limit came first");
        assertEquals(1 << 5, s.protectBits() & (1 << 5), "TOVBit is bit 5");
    }

    @Test
    void tuvCutsDischargeAtPackLevel() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(16).initialSoc(0.3).seed(1).build(),
                TestParams.lfp(16, "TUV", 16 * 3.10, "TUVDelay", 1, "TUVR", 16 * 3.15, "TUVRDelay", 5));
        sim.setCurrentDemand(-50);
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.TUV), Duration.ofHours(1)));
        assertFalse(sim.runSeconds(0.1).dischargeSwitchOn());
        assertFalse(sim.snapshot().isProtected(Protection.CUV));
    }

    @Test
    void cellDifferenceCutsBoth() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).initialSocSpread(0).seed(1).build(),
                TestParams.lfp(8, "VDF", 100, "VDFDelay", 3, "VDFR", 50, "VDFRDelay", 2, "BalV", Double.NaN,
                        "VDF1", 60, "VDF2", 80, "VDF3", 100));
        sim.setCellSoc(4, 0.03); // ~3.0 V among 3.24 V cells
        assertTrue(sim.snapshot().cellSpreadMillivolts() > 100);
        assertFalse(sim.runSeconds(2.9).isProtected(Protection.VDIF));
        SimulatorState s = sim.runSeconds(0.2);
        assertTrue(s.isProtected(Protection.VDIF));
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.dischargeSwitchOn());
        assertEquals(3, s.alarmLevel(Alarm.VDIFF));
        sim.setCellSoc(4, 0.5);
        assertFalse(sim.runSeconds(2.1).isProtected(Protection.VDIF));
    }

    @Test
    void smartBmsTimedPrecharge() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build(),
                TestParams.lfp(8, "PRECHG_TIME", 2));
        assertFalse(sim.snapshot().dischargeSwitchOn());
        assertFalse(sim.runSeconds(1.9).dischargeSwitchOn());
        assertTrue(sim.runSeconds(0.1).dischargeSwitchOn());
    }
}
