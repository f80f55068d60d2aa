package org.bmsw.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The checked configuration. Every problem is reported with the configuration key, so a user can fix it in
 * {@code org.bmsw.mqtt.cfg}.
 *
 * @param clientId       empty: derived from the host name when connecting
 * @param caFile         null: the Java trust store
 * @param clientCertFile null: no client certificate
 */
record PublisherSettings(String brokerUrl, String clientId, String username, String password, Path caFile,
                         Path clientCertFile, Path clientKeyFile, String topicPrefix, boolean discovery,
                         String discoveryPrefix, int qos, boolean retain, Duration minInterval, int queueCapacity,
                         int keepAliveSeconds) {

    boolean tls() {
        return brokerUrl.startsWith("ssl://") || brokerUrl.startsWith("wss://");
    }

    static PublisherSettings from(MqttConfig c) {
        String url = c.brokerUrl().trim();
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!(scheme.equals("tcp") || scheme.equals("ssl") || scheme.equals("ws") || scheme.equals("wss"))
                || url.length() <= scheme.length() + 3) {
            throw new IllegalArgumentException("brokerUrl '" + url + "': expected tcp://host:port or ssl://host:port (also ws://, wss://)");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getPort() > 65535 || (uri.getPort() < 1 && uri.getPort() != -1)) {
                throw new URISyntaxException(url, "expected a host name and an optional port 1..65535");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl '" + url + "': " + e.getReason() + " (e.g. tcp://broker.local:1883)");
        }
        String clientId = c.clientId().trim();
        if (clientId.length() > 65535) {
            throw new IllegalArgumentException("clientId: longer than MQTT allows (65535)");
        }
        Path ca = optionalFile("caFile", c.caFile());
        Path cert = optionalFile("clientCertFile", c.clientCertFile());
        Path key = optionalFile("clientKeyFile", c.clientKeyFile());
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("clientCertFile and clientKeyFile: give both or neither");
        }
        PublisherSettings settings = new PublisherSettings(url, clientId, c.username().trim(), c.password(), ca, cert, key,
                topicPrefix("topicPrefix", c.topicPrefix()), c.discovery(), topicPrefix("discoveryPrefix", c.discoveryPrefix()),
                c.qos(), c.retain(), Duration.ofMillis(c.minIntervalMillis()), c.queueCapacity(), c.keepAliveSeconds());
        if ((ca != null || cert != null) && !settings.tls()) {
            throw new IllegalArgumentException("caFile / clientCertFile are set but brokerUrl '" + url + "' is not ssl:// or wss://");
        }
        if (c.qos() < 0 || c.qos() > 2) {
            throw new IllegalArgumentException("qos " + c.qos() + ": expected 0, 1 or 2");
        }
        if (c.minIntervalMillis() < 0) {
            throw new IllegalArgumentException("minIntervalMillis " + c.minIntervalMillis() + ": must not be negative");
        }
        if (c.queueCapacity() < 1) {
            throw new IllegalArgumentException("queueCapacity " + c.queueCapacity() + ": must be at least 1");
        }
        if (c.keepAliveSeconds() < 5) {
            throw new IllegalArgumentException("keepAliveSeconds " + c.keepAliveSeconds() + ": must be at least 5");
        }
        if (!c.password().isEmpty() && settings.username().isEmpty()) {
            throw new IllegalArgumentException("password is set without a username");
        }
        return settings;
    }

    private static Path optionalFile(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value.trim());
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(key + " '" + path + "': no such file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(key + " '" + path + "': not readable by this user");
        }
        return path;
    }

    /** A topic level path: no wildcards, no empty levels, no leading or trailing slash. */
    private static String topicPrefix(String key, String value) {
        String prefix = value == null ? "" : value.trim();
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")
                || prefix.contains("+") || prefix.contains("#") || prefix.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(key + " '" + prefix
                    + "': expected topic levels like 'bmsw' or 'site1/bmsw' (no + or #, no leading, trailing or double /)");
        }
        return prefix;
    }
}
