package org.bmsw.mqtt.internal;

import java.time.Duration;

import org.bmsw.simulator.battery.BatterySimulator;

/**
 * The program the last-will test kills: publishes the simulator's snapshots every 100 ms until it dies.
 * Arguments: broker URL, client id.
 */
public final class PublishingChild {

    private PublishingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        TelemetryBridge bridge = new TelemetryBridge(Fixtures.settings("enabled", true, "brokerUrl", args[0], "clientId", args[1],
                "minIntervalMillis", 0), System::nanoTime).start();
        BatterySimulator sim = Fixtures.charging();
        while (true) {
            sim.step(Duration.ofMillis(100));
            bridge.offer(Fixtures.snapshot(sim, Fixtures.SMART_BMS));
            Thread.sleep(100);
        }
    }
}
