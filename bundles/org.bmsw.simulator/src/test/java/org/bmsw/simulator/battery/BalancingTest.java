package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class BalancingTest {

    static final int[] HIGH = {3, 7, 12};

    /** 16 LFP cells near the top knee, three of them 0.8 % SOC higher; at rest. */
    static BatterySimulator pack(Object... params) {
        PackConfig config = PackConfig.smartBms(16).capacityAh(20).initialSoc(0.985).initialSocSpread(0).seed(4)
                .balanceCurrentAmps(0.1).build();
        BatterySimulator sim = new BatterySimulator(config, TestParams.lfp(16, params));
        for (int i : HIGH) {
            sim.setCellSoc(i, 0.993);
        }
        return sim;
    }

    static Set<Integer> balancingCells(SimulatorState s) {
        Set<Integer> set = new TreeSet<>();
        for (CellState c : s.cells()) {
            if (c.balancing()) {
                set.add(c.index());
            }
        }
        return set;
    }

    @Test
    void engagesAboveBalVWithSpreadAndReducesIt() {
        BatterySimulator sim = pack("BalV", 3350, "BalVdiff", 30, "BalPer", 50, "BalT", 60);
        SimulatorState s0 = sim.snapshot();
        double spread0 = s0.cellSpreadMillivolts();
        assertTrue(s0.maxCellVolts() * 1000 >= 3350, "precondition: max above BalV, " + s0.maxCellVolts());
        assertTrue(spread0 >= 30, "precondition: spread above BalVdiff, " + spread0);
        SimulatorState s1 = sim.runSeconds(1);
        Set<Integer> expected = new TreeSet<>();
        for (CellState c : s1.cells()) {
            if (c.volts() * 1000 >= s1.minCellVolts() * 1000 + 30) {
                expected.add(c.index());
            }
        }
        assertEquals(Set.of(3, 7, 12), expected, "precondition: the three high cells are the ones above min + BalVdiff");
        assertEquals(expected, balancingCells(s1));
        assertEquals(3, s1.balancingCells());

        double socBefore = s1.cell(3).soc();
        SimulatorState s2 = sim.runSeconds(3600);
        // bleed = 0.1 A at 50 % duty for an hour on a 20 Ah cell
        assertEquals(0.1 * 0.5 * 1.0 / s1.cell(3).capacityAh(), socBefore - s2.cell(3).soc(), 1e-4, "bled charge");
        assertEquals(s1.cell(1).soc(), s2.cell(1).soc(), 1e-12, "a cell that does not balance keeps its charge at rest");
        assertTrue(s2.cellSpreadMillivolts() < spread0 * 0.7, "spread " + spread0 + " -> " + s2.cellSpreadMillivolts());
        // eventually balanced: nothing bleeds and the spread is below BalVdiff
        SimulatorState s3 = sim.runSeconds(6 * 3600);
        assertTrue(s3.cellSpreadMillivolts() < 30, "spread after 7 h " + s3.cellSpreadMillivolts());
        assertEquals(0, s3.balancingCells());
    }

    @Test
    void notBelowBalV() {
        BatterySimulator sim = pack("BalV", 3600, "BalVdiff", 30, "BalPer", 50);
        double spread = sim.snapshot().cellSpreadMillivolts();
        assertTrue(sim.snapshot().maxCellVolts() * 1000 < 3600);
        SimulatorState s = sim.runSeconds(3600);
        assertEquals(0, s.balancingCells());
        assertEquals(spread, s.cellSpreadMillivolts(), 1e-9);
    }

    @Test
    void notWithSpreadBelowBalVdiff() {
        BatterySimulator sim = pack("BalV", 3350, "BalVdiff", 300, "BalPer", 50);
        assertTrue(sim.snapshot().cellSpreadMillivolts() < 300);
        assertEquals(0, sim.runSeconds(600).balancingCells());
    }

    @Test
    void notAboveBalT() {
        BatterySimulator sim = pack("BalV", 3350, "BalVdiff", 30, "BalPer", 50, "BalT", 40, "OTC", 80, "OTD", 80);
        sim.setAmbientCelsius(45);
        sim.setCellTemperatures(45);
        assertEquals(0, sim.runSeconds(60).balancingCells());
        sim.setAmbientCelsius(25);
        sim.setCellTemperatures(25);
        assertEquals(3, sim.runSeconds(1).balancingCells());
    }
}
