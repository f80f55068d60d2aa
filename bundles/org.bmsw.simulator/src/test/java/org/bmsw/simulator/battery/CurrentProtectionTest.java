package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CurrentProtectionTest {

    static final Duration TICK = Duration.ofMillis(100);

    static BatterySimulator pack() {
        PackConfig config = PackConfig.smartBms(24).capacityAh(100).initialSoc(0.6).seed(11).tick(TICK).build();
        return new BatterySimulator(config, TestParams.lfp(24,
                "OCD", 100, "OCDDelay", 2, "OCDR", 5, "OCDRDelay", 10,
                "OCD2", 150, "OCD2Delay", 0.5, "OCD2R", 5, "OCD2RDelay", 10,
                "OCC", 60, "OCCDelay", 3, "OCCR", 2, "OCCRDelay", 10,
                "SC", 300, "SCRDelay", 20));
    }

    /** Steps tick by tick; returns the time of the first snapshot where {@code p} is active. */
    static Duration stepUntil(BatterySimulator sim, Protection p, Duration max) {
        Duration end = sim.snapshot().elapsed().plus(max);
        while (sim.snapshot().elapsed().compareTo(end) < 0) {
            if (sim.step(TICK).isProtected(p)) {
                return sim.snapshot().elapsed();
            }
        }
        return null;
    }

    @Test
    void ocdTripsAfterItsDelayAndReleasesAfterItsReleaseDelay() {
        BatterySimulator sim = pack();
        sim.setCurrentDemand(-120);
        SimulatorState first = sim.step(TICK);
        assertEquals(-120, first.measuredAmps(), 1e-9);
        Duration violationStart = first.elapsed();
        Duration trip = stepUntil(sim, Protection.OCD, Duration.ofSeconds(10));
        assertNotNull(trip, "OCD never tripped at 120 A > 100 A");
        assertEquals(violationStart.toMillis() + 2000, trip.toMillis(), TICK.toMillis(), "OCD after OCDDelay = 2 s");
        SimulatorState s = sim.snapshot();
        assertFalse(s.isProtected(Protection.OCD2), "120 A is below OCD2");
        assertFalse(s.dischargeSwitchOn());
        assertTrue(s.chargeSwitchOn(), "OCD does not cut charging");
        s = sim.step(TICK);
        assertEquals(0, s.trueAmps(), 0.0);
        Duration zeroSince = s.elapsed();
        // released once the current has been below OCDR (it is 0 now) for OCDRDelay = 10 s
        Duration release = null;
        while (release == null && s.elapsed().minus(trip).getSeconds() < 30) {
            s = sim.step(TICK);
            if (!s.isProtected(Protection.OCD)) {
                release = s.elapsed();
            }
        }
        assertNotNull(release, "OCD never released");
        assertEquals(zeroSince.toMillis() + 10_000, release.toMillis(), TICK.toMillis());
        assertTrue(s.dischargeSwitchOn(), "discharge switch closes after the release");
    }

    @Test
    void ocd2TripsFasterAtItsHigherThreshold() {
        BatterySimulator sim = pack();
        sim.setCurrentDemand(-200);
        Duration start = sim.step(TICK).elapsed();
        Duration trip = stepUntil(sim, Protection.OCD2, Duration.ofSeconds(5));
        assertNotNull(trip);
        assertEquals(start.toMillis() + 500, trip.toMillis(), TICK.toMillis(), "OCD2 after OCD2Delay = 0.5 s");
        SimulatorState s = sim.snapshot();
        assertFalse(s.isProtected(Protection.OCD), "OCD (2 s) must not have tripped before OCD2 (0.5 s) cut the current");
        assertFalse(s.dischargeSwitchOn());
        // and stays untripped: no more current flows
        s = sim.runSeconds(5);
        assertFalse(s.isProtected(Protection.OCD));
        assertEquals(0, s.trueAmps(), 0.0);
    }

    @Test
    void shortCircuitTripsImmediatelyBeforeCurrentFlows() {
        BatterySimulator sim = pack();
        sim.setCurrentDemand(-400);
        SimulatorState s = sim.step(TICK);
        assertTrue(s.isProtected(Protection.SC), "SC trips within the first tick");
        assertEquals(1, s.protectBits() & 1, "SCBit is bit 0");
        assertFalse(s.dischargeSwitchOn());
        assertEquals(0, s.trueAmps(), 0.0, "the short-circuit current never flows for a whole tick");
        assertEquals(0, s.dischargedAh(), 0.0);
        assertEquals(1, s.alarmLevel(Alarm.SC));
        assertFalse(s.isProtected(Protection.OCD2));
        // SC release after SCRDelay (20 s) without current
        assertTrue(sim.runSeconds(19.5).isProtected(Protection.SC));
        sim.setCurrentDemand(0);
        assertFalse(sim.runSeconds(1).isProtected(Protection.SC));
    }

    @Test
    void occCutsChargeOnly() {
        BatterySimulator sim = pack();
        sim.setCurrentDemand(80);
        Duration start = sim.step(TICK).elapsed();
        Duration trip = stepUntil(sim, Protection.OCC, Duration.ofSeconds(10));
        assertNotNull(trip);
        assertEquals(start.toMillis() + 3000, trip.toMillis(), TICK.toMillis());
        SimulatorState s = sim.step(TICK);
        assertFalse(s.chargeSwitchOn());
        assertTrue(s.dischargeSwitchOn());
        assertEquals(0, s.trueAmps(), 0.0);
    }

    @Test
    void belowThresholdNothingTrips() {
        BatterySimulator sim = pack();
        sim.setCurrentDemand(-99);
        SimulatorState s = sim.runSeconds(60);
        assertTrue(s.protections().isEmpty(), s.protections().toString());
        assertEquals(-99, s.trueAmps(), 1e-9);
    }

    @Test
    void measuredCurrentDrivesProtection() {
        // a sensor reading 10 % high makes 95 A look like 104.5 A: OCD trips although the true current is below 100 A
        BatterySimulator sim = pack();
        sim.setCurrentSensorError(1.10, 0);
        sim.setCurrentDemand(-95);
        assertNotNull(stepUntil(sim, Protection.OCD, Duration.ofSeconds(5)));
    }
}
