package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeterminismTest {

    static final String SCENARIO = "charge 0.5C until cellV>=3.6 or cutoff for 2h; rest 10m; discharge 1C until soc<=20% or cutoff; rest 5m";

    static List<SimulatorState> run(long seed) {
        PackConfig config = PackConfig.smartBms(24).capacityAh(50).initialSoc(0.7).seed(seed)
                .currentSensor(1.01, 0.2).selfDischargePerMonth(0.02).build();
        BatterySimulator sim = new BatterySimulator(config);
        sim.runScenario(SCENARIO);
        List<SimulatorState> trace = new ArrayList<>();
        for (int i = 0; i < 30 && !sim.snapshot().scenario().finished(); i++) {
            trace.add(sim.step(Duration.ofSeconds(317)));
        }
        trace.add(sim.runSeconds(3600));
        return trace;
    }

    @Test
    void sameSeedSameSnapshots() {
        List<SimulatorState> a = run(42);
        List<SimulatorState> b = run(42);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "snapshot " + i);
        }
    }

    @Test
    void differentSeedsDiffer() {
        List<SimulatorState> a = run(42);
        List<SimulatorState> b = run(43);
        assertNotEquals(a.get(0).cells(), b.get(0).cells());
        assertNotEquals(a.get(0).cell(1).capacityAh(), b.get(0).cell(1).capacityAh());
        assertNotEquals(a.get(a.size() - 1), b.get(b.size() - 1));
    }

    @Test
    void sameSeedSameEventLog() {
        BatterySimulator x = new BatterySimulator(PackConfig.smartBms(8).seed(5).initialSoc(0.9).build());
        BatterySimulator y = new BatterySimulator(PackConfig.smartBms(8).seed(5).initialSoc(0.9).build());
        for (BatterySimulator sim : List.of(x, y)) {
            sim.runScenario("charge 1C until cutoff for 1h; rest 1m; discharge 2C for 10m");
            sim.runScenarioToEnd(Duration.ofHours(2));
        }
        assertEquals(x.events(), y.events());
        assertEquals(x.snapshot(), y.snapshot());
    }

    @Test
    void chunkingOfStepsDoesNotMatter() {
        PackConfig config = PackConfig.smartBms(12).seed(8).initialSoc(0.5).build();
        BatterySimulator coarse = new BatterySimulator(config);
        BatterySimulator fine = new BatterySimulator(config);
        coarse.setCurrentDemand(-30);
        fine.setCurrentDemand(-30);
        coarse.step(Duration.ofMinutes(10));
        for (int i = 0; i < 600 * 4; i++) {
            fine.step(Duration.ofMillis(250)); // not a multiple of the 100 ms tick: the remainder carries over
        }
        assertEquals(coarse.snapshot(), fine.snapshot());
    }
}
