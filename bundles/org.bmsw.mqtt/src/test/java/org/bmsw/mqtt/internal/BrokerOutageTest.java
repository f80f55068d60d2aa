package org.bmsw.mqtt.internal;

import static org.bmsw.mqtt.internal.Eventually.waitFor;
import static org.bmsw.mqtt.internal.Fixtures.settings;
import static org.bmsw.mqtt.internal.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.bmsw.simulator.battery.BatterySimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that is down, silent or restarting never holds up polling, and publishing resumes by itself. */
class BrokerOutageTest {

    @TempDir
    Path dir;

    @Test
    void aSilentBrokerNeverBlocksThePollingThread() throws Exception {
        // accepts TCP connections and never answers: the connect hangs until its timeout
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TelemetryBridge bridge = new TelemetryBridge(settings("enabled", true, "brokerUrl",
                    "tcp://127.0.0.1:" + blackHole.getLocalPort(), "clientId", "outage", "minIntervalMillis", 0,
                    "queueCapacity", 50), System::nanoTime).start();
            try {
                waitFor(() -> accepted.get() > 0, "the publisher connects to the silent broker");
                Telemetry t = snapshot(Fixtures.charging(), Fixtures.SMART_BMS);
                // a liveness guard, not a benchmark: blocking would take the 15 s connect timeout
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    for (int i = 0; i < 1000; i++) {
                        bridge.offer(t);
                    }
                });
                MqttPublisherStatus status = bridge.status();
                assertEquals(Connection.CONNECTING, status.connection());
                assertEquals(50, status.queued(), "the queue is bounded");
                assertEquals(950, status.dropped(), "the oldest were dropped and counted");
                assertEquals(0, status.published());
            } finally {
                assertTimeoutPreemptively(Duration.ofSeconds(10), bridge::close, "closing is bounded even mid-connect");
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void snapshotsQueuedWhileTheBrokerIsDownArePublishedWhenItComesBack() throws Exception {
        int port = Mosquitto.freePort();
        Mosquitto broker = new Mosquitto(dir, port);
        Mosquitto.assumeInstalled();
        BatterySimulator sim = Fixtures.charging();
        // retained states, one device each: a subscriber that connects after the publisher finds every state published
        TelemetryBridge bridge = new TelemetryBridge(settings("enabled", true, "brokerUrl", broker.url(), "clientId", "outage",
                "minIntervalMillis", 0, "queueCapacity", 5, "retain", true), System::nanoTime).start();
        try {
            waitFor(() -> bridge.status().connection() == Connection.RETRYING, "the first connection fails");
            assertTrue(bridge.status().lastError().contains("Connection refused"), bridge.status().lastError());
            for (int address = 1; address <= 20; address++) {
                bridge.offer(snapshot(sim, Fixtures.smartBmsAt(address), Instant.ofEpochSecond(address)));
            }
            assertEquals(15, bridge.status().dropped());

            broker.start();
            waitFor(() -> bridge.status().published() == 5, "the five newest snapshots published after the broker started");
            assertEquals(Connection.CONNECTED, bridge.status().connection());
            assertEquals("", bridge.status().lastError());
            assertEquals(Set.of(16, 17, 18, 19, 20), retainedStateAddresses(broker, 5), "the oldest were dropped");

            broker.stop(); // no persistence: its retained messages go with it
            waitFor(() -> bridge.status().connection() != Connection.CONNECTED, "the publisher notices the broker went");
            for (int address = 21; address <= 23; address++) {
                bridge.offer(snapshot(sim, Fixtures.smartBmsAt(address), Instant.ofEpochSecond(address)));
            }
            broker.start();
            waitFor(() -> bridge.status().published() == 8, "publishing resumes after the broker restarted");
            assertEquals(Set.of(21, 22, 23), retainedStateAddresses(broker, 3));
            try (Subscriber late = new Subscriber(broker.url(), "bmsw/bridge/outage/availability")) {
                assertTrue(late.await("bmsw/bridge/outage/availability", "online").retained(), "online again after the restart");
            }
            assertEquals(15, bridge.status().dropped());
        } finally {
            bridge.close();
            broker.close();
        }
    }

    private static Set<Integer> retainedStateAddresses(Mosquitto broker, int expected) throws Exception {
        try (Subscriber late = new Subscriber(broker.url(), "bmsw/+/state")) {
            Predicate<Subscriber.Received> state = r -> r.retained() && r.topic().endsWith("/state");
            late.awaitCount(state, expected, "retained states");
            Thread.sleep(200); // any further retained state arrives with the first ones
            return late.matching(state).stream()
                    .map(r -> Integer.parseInt(r.topic().replaceAll("bmsw/smartbms-a(\\d+)/state", "$1")))
                    .collect(Collectors.toSet());
        }
    }
}
