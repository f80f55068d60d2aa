package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A 1C discharge from full of a 24S LFP pack runs into CUV on its weakest cell. */
class UnderVoltageProtectionTest {

    static final Duration TICK = Duration.ofMillis(100);
    static final double CUV_MV = 2900;
    static final double CUV_DELAY_S = 5;
    static final double CUVR_MV = 2920;
    static final double CUVR_DELAY_S = 30;

    @Test
    void cuvTripsOnWeakestCellAfterDelayCutsDischargeAndReleasesAfterRecovery() {
        PackConfig config = PackConfig.smartBms(24).chemistry(Chemistry.LFP).capacityAh(50)
                .initialSoc(1.0).initialSocSpread(0).capacitySpread(0.03).seed(7).tick(TICK).build();
        BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaultsWith(Chemistry.LFP, 24, Map.of(
                "CUV", CUV_MV, "CUVDelay", CUV_DELAY_S, "CUVR", CUVR_MV, "CUVRDelay", CUVR_DELAY_S)));
        CellState weakest = sim.snapshot().cells().stream().min(Comparator.comparingDouble(CellState::capacityAh)).orElseThrow();
        sim.runScenario("discharge 1C until cutoff; rest 10m");

        // coarse approach, well above the threshold
        while (sim.snapshot().minCellVolts() > CUV_MV / 1000 + 0.1) {
            sim.step(Duration.ofSeconds(5));
            assertTrue(sim.snapshot().elapsed().compareTo(Duration.ofMinutes(70)) < 0, "1C should empty the pack within 70 min");
        }
        assertEquals(-50.0, sim.snapshot().trueAmps(), 1e-9, "1C of 50 Ah");
        assertTrue(sim.snapshot().protections().isEmpty());

        // tick by tick: find the first violation (min cell <= CUV) ourselves
        Duration firstViolation = null;
        Duration trip = null;
        SimulatorState s = sim.snapshot();
        while (trip == null) {
            s = sim.step(TICK);
            if (firstViolation == null && s.minCellVolts() * 1000 <= CUV_MV) {
                firstViolation = s.elapsed();
                assertEquals(weakest.index(), s.minCell().index(), "the cell with the least capacity empties first");
            }
            if (firstViolation != null && trip == null && !s.isProtected(Protection.CUV)) {
                assertTrue(s.minCellVolts() * 1000 <= CUV_MV, "violation stays continuous until the trip");
            }
            if (s.isProtected(Protection.CUV)) {
                trip = s.elapsed();
            }
            assertTrue(s.elapsed().compareTo(Duration.ofMinutes(75)) < 0, "CUV never tripped");
        }
        long expectedTrip = firstViolation.toMillis() + (long) (CUV_DELAY_S * 1000);
        assertTrue(Math.abs(trip.toMillis() - expectedTrip) <= TICK.toMillis(),
                "trip at " + trip + ", expected first violation " + firstViolation + " + " + CUV_DELAY_S + " s");
        assertFalse(s.dischargeSwitchOn(), "CUV opens the discharge switch");
        assertTrue(s.chargeSwitchOn(), "CUV leaves the charge switch closed");
        assertEquals(1 << 8, s.protectBits() & (1 << 8), "CUVBit is bit 8 in the manual's order");

        s = sim.step(TICK);
        assertEquals(0.0, s.trueAmps(), 0.0, "no discharge current once the switch is open");
        assertEquals(0.0, s.measuredAmps(), 1e-9);

        // recovery: the cell relaxes above CUVR; release after CUVRDelay of that
        Duration aboveSince = null;
        Duration release = null;
        while (release == null) {
            s = sim.step(TICK);
            if (!s.isProtected(Protection.CUV)) {
                release = s.elapsed();
                break;
            }
            if (s.minCellVolts() * 1000 > CUVR_MV) {
                if (aboveSince == null) {
                    aboveSince = s.elapsed();
                }
            } else {
                aboveSince = null;
            }
            assertTrue(s.elapsed().minus(trip).compareTo(Duration.ofMinutes(5)) < 0, "CUV never released");
        }
        assertTrue(aboveSince != null, "released without the cell recovering above CUVR");
        long expectedRelease = aboveSince.toMillis() + (long) (CUVR_DELAY_S * 1000);
        assertTrue(Math.abs(release.toMillis() - expectedRelease) <= TICK.toMillis(),
                "release at " + release + ", expected " + aboveSince + " + " + CUVR_DELAY_S + " s");
        assertTrue(s.dischargeSwitchOn(), "discharge switch closes again after the release");
        assertEquals(0.0, s.trueAmps(), 0.0, "the scenario rests after the cutoff");
    }

    @Test
    void noReleaseWhileCellStaysBelowReleaseThreshold() {
        PackConfig config = PackConfig.smartBms(24).chemistry(Chemistry.LFP).capacityAh(50)
                .initialSoc(0.03).initialSocSpread(0).seed(3).build();
        // CUVR far above what the empty cell relaxes to: the protection must hold
        BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaultsWith(Chemistry.LFP, 24, Map.of(
                "CUV", 2900.0, "CUVDelay", 1.0, "CUVR", 3150.0, "CUVRDelay", 5.0)));
        sim.runScenario("discharge 1C until cutoff; rest 10m");
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.CUV), Duration.ofMinutes(10)));
        SimulatorState s = sim.runSeconds(600);
        assertTrue(s.minCellVolts() * 1000 < 3150);
        assertTrue(s.isProtected(Protection.CUV));
        assertFalse(s.dischargeSwitchOn());
    }
}
