package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CoulombCountingTest {

    static PackConfig nmc() {
        return PackConfig.smartBms(16).chemistry(Chemistry.NMC).capacityAh(100).initialSoc(0.8).seed(21).build();
    }

    @Test
    void ampHoursMatchCurrentTimesTimeAndCellSocs() {
        BatterySimulator sim = new BatterySimulator(nmc());
        List<CellState> before = sim.snapshot().cells();
        double bmsSocBefore = sim.snapshot().socPercent();
        sim.runScenario("discharge 30A for 1h; rest 20m");
        assertTrue(sim.runScenarioToEnd(Duration.ofHours(2)));
        SimulatorState s = sim.snapshot();
        double expectedAh = 30.0 * 1.0; // 30 A for one hour
        assertEquals(expectedAh, s.dischargedAh(), expectedAh * 0.001, "true Ah out");
        assertEquals(expectedAh, s.measuredDischargedAh(), expectedAh * 0.001, "an exact sensor counts the same");
        assertEquals(0, s.chargedAh(), 0.0);
        assertEquals(expectedAh * s.packVolts(), s.dischargedWh(), expectedAh * s.packVolts() * 0.05, "Wh ~ Ah × V");
        for (int i = 0; i < before.size(); i++) {
            CellState b = before.get(i);
            CellState a = s.cells().get(i);
            assertEquals(expectedAh, (b.soc() - a.soc()) * b.capacityAh(), expectedAh * 0.001, "cell " + a.index() + " SOC change × capacity");
            assertTrue(!a.balancing() && !b.balancing());
        }
        double fcc = s.fullChargeCapacityAh();
        assertEquals(100.0, fcc, 1e-9, "FCC defaults to the nominal capacity at 100 % SOH");
        assertEquals(bmsSocBefore - expectedAh / fcc * 100, s.socPercent(), 0.1, "BMS SOC follows the counted Ah (20 min rest < correction time)");
        assertEquals(s.socPercent() / 100 * fcc, s.remainingCapacityAh(), 1e-9);
    }

    @Test
    void socFromOcvAtRestIsConsistentWithCoulombCounting() {
        for (Chemistry chemistry : Chemistry.values()) {
            PackConfig config = PackConfig.smartBms(16).chemistry(chemistry).capacityAh(100).initialSoc(0.8).seed(22).build();
            BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaults(chemistry, 16));
            sim.runScenario("discharge 0.3C for 1h; rest 40m");
            // 25 min into the rest: polarization has decayed, the BMS has not yet re-estimated from OCV
            sim.runSeconds(3600 + 25 * 60);
            SimulatorState counted = sim.snapshot();
            assertEquals(0, counted.trueAmps(), 0.0);
            for (CellState c : counted.cells()) {
                double fromOcv = chemistry.ocv().soc(c.volts());
                assertEquals(c.soc(), fromOcv, 0.002, chemistry + " cell " + c.index() + ": SOC from its rest voltage");
            }
            // after 30 min of rest the BMS re-estimates SOC from OCV; it must agree with what it counted
            SimulatorState corrected = sim.runSeconds(10 * 60);
            double meanTrueSoc = corrected.cells().stream().mapToDouble(CellState::soc).average().orElseThrow() * 100;
            assertEquals(meanTrueSoc, corrected.socPercent(), 1.5, chemistry + ": OCV estimate vs true mean SOC");
            assertEquals(counted.socPercent(), corrected.socPercent(), 2.0, chemistry + ": OCV estimate vs coulomb count");
        }
    }

    @Test
    void sensorGainAndOffsetShowInMeasuredCurrentAndCount() {
        PackConfig config = nmc().toBuilder().currentSensor(1.02, 0.5).build();
        BatterySimulator sim = new BatterySimulator(config);
        SimulatorState rest = sim.snapshot();
        assertEquals(0.5, rest.measuredAmps(), 1e-9, "at rest the reading is the offset");
        assertEquals(0, rest.trueAmps(), 0.0);
        sim.setCurrentDemand(-40);
        SimulatorState s = sim.runSeconds(1800);
        assertEquals(-40, s.trueAmps(), 1e-9);
        assertEquals(1.02 * -40 + 0.5, s.measuredAmps(), 1e-9);
        assertEquals(20.0, s.dischargedAh(), 20 * 0.001);
        assertEquals((1.02 * 40 - 0.5) * 0.5, s.measuredDischargedAh(), 20 * 0.001);
    }

    @Test
    void zeroAndGainCalibrationCorrectTheReading() {
        PackConfig config = nmc().toBuilder().currentSensor(0.97, -0.8).build();
        BatterySimulator sim = new BatterySimulator(config);
        assertEquals(-0.8, sim.snapshot().measuredAmps(), 1e-9);
        sim.calibrateCurrentZero();
        assertEquals(0, sim.snapshot().measuredAmps(), 1e-9, "zero calibration at rest");
        sim.setCurrentDemand(20);
        sim.runSeconds(2);
        assertEquals(0.97 * 20, sim.snapshot().measuredAmps(), 1e-9);
        sim.calibrateCurrentGain(20);
        assertEquals(20, sim.snapshot().measuredAmps(), 1e-9, "gain calibration at a known current");
        sim.setCurrentDemand(-35);
        assertEquals(-35, sim.runSeconds(1).measuredAmps(), 1e-9, "both together correct another current");
    }

    @Test
    void selfDischargeLowersSocAtRest() {
        PackConfig config = nmc().toBuilder().selfDischargePerMonth(0.03).tick(java.time.Duration.ofSeconds(10)).build();
        BatterySimulator sim = new BatterySimulator(config);
        double before = sim.snapshot().cell(1).soc();
        double after = sim.runSeconds(3 * 86400.0).cell(1).soc();
        assertEquals(0.003, before - after, 1e-7, "3 % a month is 0.3 % in three days");
    }
}
