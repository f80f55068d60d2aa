package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import com.fasterxml.jackson.databind.JsonNode;

/** A second MQTT client on the broker that records everything it receives. */
final class Subscriber implements AutoCloseable {

    record Received(String topic, String payload, boolean retained) {

        JsonNode json() {
            try {
                return StatePayload.JSON.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String url, String... filters) throws MqttException {
        client = new MqttClient(url, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        for (String filter : filters) {
            client.subscribe(filter, 1, (topic, message) -> {
                synchronized (received) {
                    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
                    received.notifyAll();
                }
            });
        }
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> matching(Predicate<Received> condition) {
        return all().stream().filter(condition).toList();
    }

    List<Received> on(String topic) {
        return matching(r -> r.topic().equals(topic));
    }

    /** The first message on the topic with the payload. */
    Received await(String topic, String payload) throws InterruptedException {
        return await(r -> r.topic().equals(topic) && r.payload().equals(payload), topic + " = " + payload);
    }

    /** The first message on the topic. */
    Received await(String topic) throws InterruptedException {
        return await(r -> r.topic().equals(topic), topic);
    }

    Received await(Predicate<Received> condition, String what) throws InterruptedException {
        return awaitCount(condition, 1, what).get(0);
    }

    List<Received> awaitCount(Predicate<Received> condition, int count, String what) throws InterruptedException {
        return awaitCount(condition, count, what, Duration.ofSeconds(60)); // an upper bound for busy CI machines
    }

    List<Received> awaitCount(Predicate<Received> condition, int count, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Received> found = received.stream().filter(condition).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("expected " + count + " message(s): " + what + "; got " + found.size() + ". All topics received: "
                            + received.stream().map(r -> r.topic() + "=" + abbreviate(r.payload())).toList());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static String abbreviate(String payload) {
        return payload.length() > 40 ? payload.substring(0, 40) + "..." : payload;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
