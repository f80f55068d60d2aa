package org.bmsw.mqtt.internal;

import static org.bmsw.mqtt.internal.Eventually.waitFor;
import static org.bmsw.mqtt.internal.Fixtures.settings;
import static org.bmsw.mqtt.internal.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TLS with a CA made for the test, client certificates and a mosquitto password file. The messages are read
 * back with mosquitto_sub, a client that shares no code with ours.
 */
class TlsAndCredentialsTest {

    private static final String USER = "fleet";
    private static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;
    static Pki pki;
    static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        pki = Pki.create(dir);
        Path passwords = dir.resolve("passwords");
        Pki.run(dir, "mosquitto_passwd", "-b", "-c", passwords.toString(), USER, PASSWORD);
        broker = new Mosquitto(dir, "cafile " + pki.caCert, "certfile " + pki.serverCert, "keyfile " + pki.serverKey,
                "require_certificate true", "password_file " + passwords, "allow_anonymous false").start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static String url() {
        return "ssl://127.0.0.1:" + broker.port;
    }

    @Test
    void publishesOverTlsWithClientCertificateAndPassword() throws Exception {
        Telemetry t = snapshot(Fixtures.charging(), Fixtures.SMART_BMS);
        try (TelemetryBridge bridge = new TelemetryBridge(settings("enabled", true, "brokerUrl", url(), "clientId", "tls-ok",
                "topicPrefix", "tls", "username", USER, "password", PASSWORD, "caFile", pki.caCert.toString(),
                "clientCertFile", pki.clientCert.toString(), "clientKeyFile", pki.clientKey.toString(), "retain", true,
                "minIntervalMillis", 0), System::nanoTime).start()) {
            bridge.offer(t);
            waitFor(() -> bridge.status().published() == 1, "the snapshot is published");

            List<String> lines = mosquittoSub(2, "tls/bridge/tls-ok/availability", "tls/smartbms-a1/state");
            assertTrue(lines.contains("tls/bridge/tls-ok/availability online"), lines::toString);
            String state = lines.stream().filter(l -> l.startsWith("tls/smartbms-a1/state ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no state in " + lines));
            JsonNode json = StatePayload.JSON.readTree(state.substring(state.indexOf(' ') + 1));
            assertEquals(StatePayload.round(t.pack().socPercent(), 1), json.get("soc").asDouble());
            assertEquals(24, json.get("cells").size());
        }
    }

    @Test
    void wrongPasswordIsRefusedAndSaidSo() throws Exception {
        MqttPublisherStatus status = failingStatus("username", USER, "password", "wrong", "caFile", pki.caCert.toString(),
                "clientCertFile", pki.clientCert.toString(), "clientKeyFile", pki.clientKey.toString());
        assertTrue(status.lastError().contains("refused"), status.lastError());
    }

    @Test
    void brokerCertificateNotFromATrustedCaIsRejected() throws Exception {
        // no caFile: the Java trust store, which does not know the test CA
        MqttPublisherStatus status = failingStatus("username", USER, "password", PASSWORD,
                "clientCertFile", pki.clientCert.toString(), "clientKeyFile", pki.clientKey.toString());
        assertTrue(status.lastError().startsWith("TLS handshake failed") && status.lastError().contains("PKIX"),
                status.lastError());
    }

    @Test
    void missingClientCertificateIsRejected() throws Exception {
        MqttPublisherStatus status = failingStatus("username", USER, "password", PASSWORD, "caFile", pki.caCert.toString());
        assertTrue(status.lastError().startsWith("TLS handshake failed"), status.lastError());
    }

    /** A publisher the broker does not accept: it retries, says why, and publishes nothing. */
    private static MqttPublisherStatus failingStatus(Object... credentials) throws Exception {
        List<Object> values = new ArrayList<>(List.of("enabled", true, "brokerUrl", url(), "clientId", "tls-bad", "topicPrefix", "tls-bad",
                "minIntervalMillis", 0));
        values.addAll(List.of(credentials));
        try (TelemetryBridge bridge = new TelemetryBridge(settings(values.toArray()), System::nanoTime).start()) {
            bridge.offer(snapshot(Fixtures.charging(), Fixtures.SMART_BMS));
            waitFor(() -> bridge.status().connection() == Connection.RETRYING, "the broker refuses");
            MqttPublisherStatus status = bridge.status();
            assertEquals(0, status.published());
            assertEquals(1, status.queued(), "the snapshot waits for a connection");
            return status;
        }
    }


    /** Reads {@code count} (retained) messages with mosquitto_sub over TLS with the client certificate and password. */
    private static List<String> mosquittoSub(int count, String... topics) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port),
                "--cafile", pki.caCert.toString(), "--cert", pki.clientCert.toString(), "--key", pki.clientKey.toString(),
                "-u", USER, "-P", PASSWORD, "-v", "-C", Integer.toString(count), "-W", "10"));
        for (String topic : topics) {
            command.add("-t");
            command.add(topic);
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("mosquitto_sub is needed (Debian: mosquitto-clients)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> "mosquitto_sub: " + out);
        return out.lines().toList();
    }
}
