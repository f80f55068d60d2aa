package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChargeProtectionTest {

    static final Duration TICK = Duration.ofMillis(100);

    @Test
    void covDuringChargeWithAlarmLevelsInOrderBeforeTheTrip() {
        PackConfig config = PackConfig.smartBms(24).chemistry(Chemistry.LFP).capacityAh(50).initialSoc(0.95)
                .seed(5).tick(TICK).build();
        Map<String, Double> p = new HashMap<>(Map.of("COV", 3650.0, "COVDelay", 5.0, "COVR", 3450.0, "COVRDelay", 30.0,
                "COV1", 3580.0, "COV2", 3620.0, "COV3", 3650.0));
        p.put("BalV", Double.NaN); // keep the bleed out of this test
        BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaultsWith(Chemistry.LFP, 24, p));
        sim.runScenario("charge 25A until cutoff for 3h; rest 5m");
        Duration[] levelSeen = new Duration[4];
        Duration firstViolation = null;
        Duration trip = null;
        SimulatorState s = sim.snapshot();
        while (trip == null && s.elapsed().toMinutes() < 180) {
            s = sim.step(TICK);
            int level = s.alarmLevel(Alarm.COV);
            for (int l = 1; l <= level; l++) {
                if (levelSeen[l] == null) {
                    levelSeen[l] = s.elapsed();
                    double threshold = new double[] {0, 3580, 3620, 3650}[l];
                    assertTrue(s.maxCellVolts() * 1000 >= threshold, "alarm level " + l + " below its threshold");
                }
            }
            if (firstViolation == null && s.maxCellVolts() * 1000 >= 3650) {
                firstViolation = s.elapsed();
            }
            if (s.isProtected(Protection.COV)) {
                trip = s.elapsed();
            }
        }
        assertNotNull(trip, "COV never tripped");
        assertNotNull(levelSeen[1]);
        assertNotNull(levelSeen[2]);
        assertNotNull(levelSeen[3]);
        assertTrue(levelSeen[1].compareTo(levelSeen[2]) < 0, "level 1 before level 2");
        assertTrue(levelSeen[2].compareTo(levelSeen[3]) < 0, "level 2 before level 3");
        assertTrue(levelSeen[3].compareTo(trip) < 0, "level 3 before the protection");
        assertEquals(firstViolation.toMillis() + 5000, trip.toMillis(), TICK.toMillis(), "COV after COVDelay");
        assertFalse(s.chargeSwitchOn(), "COV opens the charge switch");
        assertTrue(s.dischargeSwitchOn(), "COV leaves discharge possible");
        assertEquals(100.0, s.socPercent(), 1e-9, "the BMS calls the pack full at COV");
        s = sim.step(TICK);
        assertEquals(0, s.trueAmps(), 0.0);
        // the charger has nowhere to push: the step ended on the cutoff
        assertEquals(1, s.scenario().stepIndex());
        // discharging brings the cell below COVR: release after COVRDelay
        sim.setCurrentDemand(-10);
        assertTrue(sim.runUntil(st -> !st.isProtected(Protection.COV), Duration.ofMinutes(5)));
        assertTrue(sim.snapshot().chargeSwitchOn());
    }

    @Test
    void otcFromSelfHeatingWithHighResistance() {
        // ten times the default resistance (8 mΩ on 50 Ah), a small thermal mass: 5 W per cell at 25 A and
        // 9 K/W to ambient heat a cell 45 K above ambient at steady state
        PackConfig config = PackConfig.smartBms(16).chemistry(Chemistry.LFP).capacityAh(50).initialSoc(0.2)
                .resistanceOhm(0.008).resistanceSpread(0).polarization(0, 30).resistanceTempCoefficient(0)
                .heatCapacityJPerK(100).thermalTimeConstantSeconds(900).probeSpreadCelsius(0).seed(9).build();
        Map<String, Double> p = new HashMap<>(Map.of("OTC", 60.0, "OTCDelay", 5.0, "OTCR", 55.0, "OTCRDelay", 10.0,
                "OTC1", 50.0, "OTC2", 55.0, "OTC3", 60.0, "OTD", 80.0, "BalT", 90.0));
        p.put("OTD1", Double.NaN);
        p.put("OTD2", Double.NaN);
        p.put("OTD3", Double.NaN);
        BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaultsWith(Chemistry.LFP, 16, p));
        double start = sim.snapshot().maxCelsius();
        sim.setCurrentDemand(25);
        Duration[] levelSeen = new Duration[4];
        Duration trip = null;
        SimulatorState s = sim.snapshot();
        while (trip == null && s.elapsed().toMinutes() < 60) {
            s = sim.step(Duration.ofSeconds(1));
            for (int l = 1; l <= s.alarmLevel(Alarm.OTC); l++) {
                if (levelSeen[l] == null) {
                    levelSeen[l] = s.elapsed();
                }
            }
            if (s.isProtected(Protection.OTC)) {
                trip = s.elapsed();
            }
        }
        assertNotNull(trip, "no OTC from I²R heating; max temperature " + s.maxCelsius());
        assertTrue(start < 30);
        assertTrue(s.maxCelsius() >= 60, "tripped at " + s.maxCelsius());
        assertTrue(levelSeen[1].compareTo(levelSeen[2]) < 0 && levelSeen[2].compareTo(levelSeen[3]) < 0
                && levelSeen[3].compareTo(trip) < 0, "OTC alarm levels 1, 2, 3, then the protection");
        assertFalse(s.chargeSwitchOn());
        assertTrue(s.dischargeSwitchOn(), "charge temperature protection leaves discharge on");
        assertFalse(s.isProtected(Protection.OTD));
        // no current, the pack cools: release below OTCR after OTCRDelay, and charging resumes
        assertTrue(sim.runUntil(st -> !st.isProtected(Protection.OTC), Duration.ofMinutes(30)));
        s = sim.snapshot();
        assertTrue(s.maxCelsius() < 55);
        s = sim.runSeconds(1);
        assertEquals(25, s.trueAmps(), 1e-9);
    }

    @Test
    void utcBlocksChargingInTheCold() {
        PackConfig config = PackConfig.smartBms(8).ambientCelsius(-25).initialSoc(0.5).probeSpreadCelsius(0).seed(2).build();
        BatterySimulator sim = new BatterySimulator(config, BmsParameters.defaultsWith(Chemistry.LFP, 8, Map.of("HOT_ON_T", Double.NaN)));
        SimulatorState s = sim.runSeconds(10);
        assertTrue(s.isProtected(Protection.UTC), "UTC at -25 °C");
        assertTrue(s.isProtected(Protection.UTD), "UTD at -25 °C");
        assertFalse(s.chargeSwitchOn());
        assertFalse(s.dischargeSwitchOn());
        sim.setCurrentDemand(10);
        assertEquals(0, sim.runSeconds(5).trueAmps(), 0.0);
    }

    @Test
    void heaterWarmsAColdPackWhileTheChargerIsConnected() {
        PackConfig config = PackConfig.smartBms(8).ambientCelsius(-25).initialSoc(0.5).probeSpreadCelsius(0)
                .heaterWatts(400).seed(2).build();
        BatterySimulator sim = new BatterySimulator(config);
        sim.setCurrentDemand(10); // charger connected, but UTC keeps the charge switch open
        SimulatorState s = sim.runSeconds(60);
        assertEquals(0, s.trueAmps(), 0.0);
        assertTrue(s.relayClosed(Relay.RL4), "heating relay closes after HOT_ON_TIME");
        assertTrue(sim.runUntil(st -> st.trueAmps() > 0, Duration.ofHours(6)), "charging starts once warm");
        s = sim.snapshot();
        assertTrue(s.minCelsius() > -10, "UTC released above UTCR");
    }
}
