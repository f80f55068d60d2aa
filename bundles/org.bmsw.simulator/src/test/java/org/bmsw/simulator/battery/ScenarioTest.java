package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void parsesTheBriefExample() {
        Scenario s = Scenario.parse("charge 25A until cellV>=3.6 for 3h; rest 30m; discharge 50A until soc<=5%");
        assertEquals(3, s.steps().size());
        ScenarioStep charge = s.steps().get(0);
        assertEquals(ScenarioStep.Kind.CHARGE, charge.kind());
        assertEquals(25, charge.amount(), 0.0);
        assertEquals(ScenarioStep.Unit.AMPS, charge.unit());
        assertEquals(List.of(new Condition(Condition.Variable.CELL_V, Condition.Op.GE, 3.6)), charge.until());
        assertEquals(Duration.ofHours(3), charge.maxDuration());
        ScenarioStep rest = s.steps().get(1);
        assertEquals(ScenarioStep.Kind.REST, rest.kind());
        assertEquals(Duration.ofMinutes(30), rest.maxDuration());
        assertTrue(rest.until().isEmpty());
        ScenarioStep discharge = s.steps().get(2);
        assertEquals(ScenarioStep.Kind.DISCHARGE, discharge.kind());
        assertEquals(50, discharge.amount(), 0.0);
        assertEquals(List.of(new Condition(Condition.Variable.SOC, Condition.Op.LE, 5)), discharge.until());
        assertNull(discharge.maxDuration());
    }

    @Test
    void unitsConditionsRepeatAndComments() {
        Scenario s = Scenario.parse("""
                # a cycling test
                repeat 2 {
                  charge 0.5C cv 87.6V until current<=2 or cutoff, temp>=45C for 1h30m
                  rest 10 m
                  discharge 2kW until minCellV<=2900mV
                }
                discharge 500mA until packV<70 for 90s
                """);
        assertEquals(7, s.steps().size());
        ScenarioStep c = s.steps().get(0);
        assertEquals(ScenarioStep.Unit.C_RATE, c.unit());
        assertEquals(0.5, c.amount(), 0.0);
        assertEquals(87.6, c.cvVolts(), 1e-12);
        assertEquals(3, c.until().size());
        assertEquals(Condition.cutoff(), c.until().get(1));
        assertEquals(new Condition(Condition.Variable.TEMP, Condition.Op.GE, 45), c.until().get(2));
        assertEquals(Duration.ofMinutes(90), c.maxDuration());
        assertEquals(Duration.ofMinutes(10), s.steps().get(1).maxDuration());
        ScenarioStep d = s.steps().get(2);
        assertEquals(ScenarioStep.Unit.WATTS, d.unit());
        assertEquals(2000, d.amount(), 0.0);
        assertEquals(2.9, d.until().get(0).threshold(), 1e-12);
        assertEquals(s.steps().get(0), s.steps().get(3), "repeat copies the block");
        ScenarioStep last = s.steps().get(6);
        assertEquals(0.5, last.amount(), 1e-12);
        assertEquals(Condition.Op.LT, last.until().get(0).op());
        assertEquals(Duration.ofSeconds(90), last.maxDuration());
    }

    @Test
    void textFormRoundTrips() {
        Scenario s = Scenario.parse("charge 0.5C cv 58.4V until current<=2.5 or cutoff for 4h; rest 1h30m; "
                + "discharge 1.5kW until soc<=10% or temp>=50C; rest until minTemp<=30 for 2h; discharge 20A until cellV<=2.9");
        assertEquals(s, Scenario.parse(s.toString()));
    }

    @Test
    void errorsNameTheStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("charge 25 until cellV>=3.6"));
        assertTrue(e.getMessage().contains("charge 25"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("jump 3A"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("discharge 5A until voltage"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("discharge 5A until soc<=5V"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("rest for 3 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("repeat 2 { rest 1m"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("discharge 5A cv 50V"));
    }

    @Test
    void runsStepByStepAndStopsOnConditions() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(16).capacityAh(40).initialSoc(0.5).seed(3).build());
        sim.runScenario("discharge 20A for 10m; rest 5m; charge 1C until soc>=60% for 1h");
        SimulatorState s = sim.runSeconds(1);
        assertEquals(0, s.scenario().stepIndex());
        assertEquals(-20, s.trueAmps(), 1e-9);
        s = sim.runSeconds(600);
        assertEquals(1, s.scenario().stepIndex());
        assertEquals(0, s.trueAmps(), 0.0);
        assertTrue(sim.runScenarioToEnd(Duration.ofHours(2)));
        s = sim.snapshot();
        assertTrue(s.scenario().finished());
        assertTrue(s.socPercent() >= 60 && s.socPercent() < 60.1, "stopped right at 60 %: " + s.socPercent());
        // the snapshot's current is that of the last tick, the one in which the step ended
        assertEquals(0, sim.runSeconds(0.1).trueAmps(), 0.0, "a finished scenario rests");
    }

    @Test
    void constantPowerAndCvTaper() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(16).capacityAh(40).initialSoc(0.6).seed(3).build());
        sim.runScenario("discharge 1kW for 5m");
        SimulatorState s = sim.runSeconds(120);
        assertEquals(-1000, s.packWatts(), 1.0, "constant power at the terminals");
        // CV: the charger holds the pack at 16 × 3.45 V and the current tapers
        double cv = 16 * 3.45;
        BatterySimulator chg = new BatterySimulator(PackConfig.smartBms(16).capacityAh(40).initialSoc(0.9).seed(3).build(),
                TestParams.lfp(16, "BalV", Double.NaN));
        chg.runScenario("charge 20A cv " + cv + "V until current<=1 for 3h");
        double maxPack = 0;
        while (!chg.snapshot().scenario().finished()) {
            maxPack = Math.max(maxPack, chg.step(Duration.ofSeconds(10)).packVolts());
        }
        assertTrue(maxPack <= cv + 0.01, "pack held at CV: " + maxPack);
        assertTrue(chg.snapshot().elapsed().compareTo(Duration.ofHours(3)) < 0, "ended on the taper, not on time");
        assertFalse(chg.snapshot().isProtected(Protection.COV));
    }

    @Test
    void chargerRespectsSwitchState() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(8).initialSoc(0.5).seed(1).build());
        sim.command(ControlCommand.CHG_DIS);
        sim.runScenario("charge 10A for 1m; discharge 10A for 1m");
        SimulatorState s = sim.runSeconds(30);
        assertEquals(0, s.trueAmps(), 0.0, "charge switch open: no charge current");
        s = sim.runSeconds(60);
        assertEquals(-10, s.trueAmps(), 1e-9, "discharge still works");
    }
}
