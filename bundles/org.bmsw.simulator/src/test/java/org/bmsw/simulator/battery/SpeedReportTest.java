package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Prints how much faster than real time the model runs; asserts nothing about speed. */
class SpeedReportTest {

    @Test
    void simulatedSecondsPerWallSecond() {
        report("24S Smart BMS", PackConfig.smartBms(24).initialSoc(0.9).seed(1).build());
        report("160S JDI (BI5148 + 7 BMU)", PackConfig.jdi(48, 16, 16, 16, 16, 16, 16, 16).initialSoc(0.9).seed(1).build());
    }

    private static void report(String name, PackConfig config) {
        BatterySimulator sim = new BatterySimulator(config);
        sim.runScenario("discharge 0.5C for 3h");
        sim.step(Duration.ofMinutes(10)); // warm up the JIT
        long t0 = System.nanoTime();
        Duration simulated = Duration.ofHours(1);
        sim.step(simulated);
        double wall = (System.nanoTime() - t0) / 1e9;
        // with a snapshot after every 1 s step (what a protocol front end polling once a second costs)
        long t1 = System.nanoTime();
        for (int i = 0; i < 600; i++) {
            sim.step(Duration.ofSeconds(1));
        }
        double wallPolled = (System.nanoTime() - t1) / 1e9;
        System.out.printf("speed %-28s %9.0f simulated s per wall s (%d cells, 100 ms tick); %9.0f with a snapshot every simulated second%n",
                name, simulated.toSeconds() / wall, config.cellCount(), 600 / wallPolled);
        assertEquals(Duration.ofMinutes(80), sim.snapshot().elapsed());
    }
}
