package org.bmsw.mqtt.internal;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bmsw.device.api.Telemetry;
import org.bmsw.simulator.battery.BatterySimulator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Benchmark (not a test): what a poll pays to hand over a snapshot, and how many 24-cell state messages per second
 * reach a subscriber through a local mosquitto. Run with scripts/bench-mqtt.sh [snapshots] [qos].
 */
public final class PublishBench {

    private PublishBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int qos = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int devices = 50;
        BatterySimulator sim = Fixtures.charging();
        List<Telemetry> snapshots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            snapshots.add(Fixtures.snapshot(sim, Fixtures.smartBmsAt(1 + i % devices)));
        }
        int stateBytes = StatePayload.of(snapshots.get(0)).length;

        // mosquitto keeps at most 1000 QoS 1 messages for a slow subscriber by default; the benchmark wants them all
        try (Mosquitto broker = new Mosquitto(Files.createTempDirectory("bmsw-mqtt-bench-"), "max_queued_messages 0").start()) {
            AtomicLong received = new AtomicLong();
            AtomicLong lastReceived = new AtomicLong();
            MqttClient subscriber = new MqttClient(broker.url(), "bench-subscriber", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(1000);
            subscriber.connect(options);
            subscriber.subscribe("bmsw/+/state", qos, (topic, message) -> {
                received.incrementAndGet();
                lastReceived.set(System.nanoTime());
            });

            TelemetryBridge bridge = new TelemetryBridge(Fixtures.settings("enabled", true, "brokerUrl", broker.url(),
                    "clientId", "bench", "minIntervalMillis", 0, "queueCapacity", count, "qos", qos), System::nanoTime).start();
            // warm up: connection, discovery of every device
            for (int i = 0; i < devices; i++) {
                bridge.offer(snapshots.get(i));
            }
            while (received.get() < devices) {
                Thread.sleep(5);
            }
            received.set(0);
            long published = bridge.status().published();

            long start = System.nanoTime();
            for (Telemetry t : snapshots) {
                bridge.offer(t);
            }
            long offered = System.nanoTime();
            while (received.get() < count && System.nanoTime() - offered < 60_000_000_000L) {
                Thread.sleep(1);
            }
            long done = lastReceived.get();
            System.out.printf("snapshots: %d of %d devices, 24 cells, state message %d bytes, QoS %d%n", count, devices,
                    stateBytes, qos);
            System.out.printf("offer() on the polling thread: %.2f us per snapshot%n", (offered - start) / 1e3 / count);
            System.out.printf("through mosquitto to a subscriber: %d received in %.2f s = %.0f state messages/s%n",
                    received.get(), (done - start) / 1e9, received.get() / ((done - start) / 1e9));
            System.out.printf("published %d, dropped %d%n", bridge.status().published() - published, bridge.status().dropped());
            bridge.close();
            subscriber.disconnect();
            subscriber.close();
        }
    }
}
