package org.bmsw.mqtt.internal;

import static org.bmsw.mqtt.internal.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaults() {
        MqttConfig c = Fixtures.config();
        assertFalse(c.enabled(), "publishing is opt-in");
        PublisherSettings s = PublisherSettings.from(c);
        assertEquals("tcp://localhost:1883", s.brokerUrl());
        assertEquals("bmsw", s.topicPrefix());
        assertEquals("homeassistant", s.discoveryPrefix());
        assertTrue(s.discovery());
        assertEquals(1, s.qos());
        assertFalse(s.retain());
        assertEquals(Duration.ofSeconds(1), s.minInterval());
        assertEquals(1000, s.queueCapacity());
        assertFalse(s.tls());
        assertNull(s.caFile());
    }

    @Test
    void everyMistakeNamesItsKey() throws IOException {
        assertMessage("brokerUrl 'localhost:1883': expected tcp://host:port", "brokerUrl", "localhost:1883");
        assertMessage("brokerUrl 'http://x': expected", "brokerUrl", "http://x");
        assertMessage("brokerUrl 'tcp://broker:80000': expected a host name and an optional port 1..65535", "brokerUrl", "tcp://broker:80000");
        assertMessage("brokerUrl 'tcp://bro ker:1883': Illegal character", "brokerUrl", "tcp://bro ker:1883");
        assertMessage("qos 3: expected 0, 1 or 2", "qos", 3);
        assertMessage("minIntervalMillis -1", "minIntervalMillis", -1);
        assertMessage("queueCapacity 0", "queueCapacity", 0);
        assertMessage("keepAliveSeconds 1", "keepAliveSeconds", 1);
        assertMessage("topicPrefix 'bmsw/#'", "topicPrefix", "bmsw/#");
        assertMessage("topicPrefix '/bmsw'", "topicPrefix", "/bmsw");
        assertMessage("discoveryPrefix ''", "discoveryPrefix", " ");
        assertMessage("password is set without a username", "password", "secret");
        assertMessage("caFile '" + dir.resolve("missing.pem") + "': no such file", "brokerUrl", "ssl://h:8883",
                "caFile", dir.resolve("missing.pem").toString());
        Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
        assertMessage("caFile / clientCertFile are set but brokerUrl 'tcp://h:1883' is not ssl://", "brokerUrl", "tcp://h:1883",
                "caFile", pem.toString());
        assertMessage("clientCertFile and clientKeyFile: give both or neither", "brokerUrl", "ssl://h:8883",
                "clientCertFile", pem.toString());
    }

    @Test
    void tlsFromTheScheme() throws IOException {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
        PublisherSettings s = settings("brokerUrl", " ssl://broker.example:8883 ", "caFile", pem.toString());
        assertTrue(s.tls());
        assertEquals("ssl://broker.example:8883", s.brokerUrl());
        assertEquals(pem, s.caFile());
    }

    private static void assertMessage(String expected, Object... keyValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(keyValues));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected '" + expected + "...', got: " + e.getMessage());
    }
}
