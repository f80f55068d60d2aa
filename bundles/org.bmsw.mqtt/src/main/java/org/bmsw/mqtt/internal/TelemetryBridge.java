package org.bmsw.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLException;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots from the polling threads and publishes them from a thread of its own.
 *
 * <p>The polling threads only check the rate limit and put the snapshot into a bounded queue, dropping the
 * oldest when it is full: a broker that is down, slow or unreachable never holds up a poll. The publisher thread
 * connects (with the last will set), publishes, and after any failure reconnects with a back-off from 1 s to
 * 30 s. Connections are our own loop rather than Paho's automatic reconnect, which does not retry a first
 * connection that failed.
 */
final class TelemetryBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryBridge.class);
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 30_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int MAX_INFLIGHT = 100;
    private static final byte[] ONLINE = Topics.ONLINE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFLINE = Topics.OFFLINE.getBytes(StandardCharsets.US_ASCII);

    private final PublisherSettings settings;
    private final LongSupplier nanoClock;
    private final RateGate gate;
    private final LinkedBlockingDeque<Telemetry> snapshots;
    private final Queue<DeviceIdentity> departed = new ConcurrentLinkedQueue<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean dropReported = new AtomicBoolean();
    private final AtomicBoolean rediscover = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection = Connection.CONNECTING;
    private volatile String clientId = "";
    private volatile String lastError = "";
    private volatile MqttAsyncClient client;

    private volatile Topics topics;
    // used by the publisher thread only
    private HomeAssistantDiscovery discovery;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private int failedAttempts;

    /** @param nanoClock a monotonic clock for the rate limit ({@code System::nanoTime}) */
    TelemetryBridge(PublisherSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.gate = new RateGate(settings.minInterval());
        this.snapshots = new LinkedBlockingDeque<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "bmsw-mqtt " + settings.brokerUrl());
        thread.setDaemon(true);
    }

    TelemetryBridge start() {
        thread.start();
        return this;
    }

    /** Called on a polling thread: never blocks. */
    void offer(Telemetry snapshot) {
        if (!running || !gate.admit(Topics.deviceId(snapshot.identity()), nanoClock.getAsLong())) {
            return;
        }
        while (!snapshots.offerLast(snapshot)) {
            if (snapshots.pollFirst() != null) {
                dropped.incrementAndGet();
                if (dropReported.compareAndSet(false, true)) {
                    LOG.warn("MQTT broker {} is not keeping up ({}): dropping the oldest snapshots beyond {} queued",
                            settings.brokerUrl(), connection, settings.queueCapacity());
                }
            }
        }
    }

    /** The device's session closed: its availability goes offline. Called on any thread, never blocks. */
    void deviceGone(DeviceIdentity identity) {
        gate.forget(Topics.deviceId(identity));
        departed.add(identity);
    }

    MqttPublisherStatus status() {
        return new MqttPublisherStatus(connection, settings.brokerUrl(), clientId, published.get(), dropped.get(),
                snapshots.size(), lastError);
    }

    /** Says "offline" on the availability topic (a clean disconnect sends no will) and disconnects; bounded. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.publish(topics.bridgeAvailability(), OFFLINE, 1, true).waitForCompletion(2000);
                c.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("Leaving MQTT broker {} uncleanly: {}", settings.brokerUrl(), describe(e));
        }
        discard(c);
    }

    private void run() {
        clientId = settings.clientId().isEmpty() ? defaultClientId() : settings.clientId();
        topics = new Topics(settings.topicPrefix(), settings.discoveryPrefix(), clientId);
        discovery = new HomeAssistantDiscovery(topics);
        long retryMillis = FIRST_RETRY_MILLIS;
        try {
            while (running) {
                try {
                    if (client == null || !client.isConnected()) {
                        connect();
                        retryMillis = FIRST_RETRY_MILLIS;
                    }
                    publishPending();
                } catch (MqttException | IOException e) {
                    if (!running) {
                        return;
                    }
                    failed(e);
                    Thread.sleep(retryMillis);
                    retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            lastError = "stopped on an internal error: " + e;
            LOG.error("MQTT publishing to {} stopped", settings.brokerUrl(), e);
        }
    }

    private void connect() throws MqttException, IOException, InterruptedException {
        connection = Connection.CONNECTING;
        MqttAsyncClient previous = client;
        if (previous != null) {
            client = null;
            discard(previous);
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setMaxInflight(MAX_INFLIGHT);
        options.setWill(topics.bridgeAvailability(), OFFLINE, 1, true);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        if (settings.tls()) {
            options.setSocketFactory(TlsContexts.socketFactory(settings.caFile(), settings.clientCertFile(), settings.clientKeyFile()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        MqttAsyncClient c = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
        c.setCallback(new Callback());
        try {
            c.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS + 5));
        } catch (MqttException e) {
            discard(c);
            throw e;
        }
        client = c;
        send(new Message(topics.bridgeAvailability(), ONLINE, 1, true));
        if (settings.discovery()) {
            c.subscribe(topics.homeAssistantStatus(), 1);
        }
        // the broker may have restarted without its retained messages: announce every device again
        devices.values().forEach(DeviceState::reset);
        connection = Connection.CONNECTED;
        lastError = "";
        dropReported.set(false);
        if (failedAttempts > 0) {
            LOG.info("Connected to MQTT broker {} as {} after {} failed attempts", settings.brokerUrl(), clientId, failedAttempts);
        } else {
            LOG.info("Connected to MQTT broker {} as {}", settings.brokerUrl(), clientId);
        }
        failedAttempts = 0;
    }

    private void publishPending() throws MqttException, InterruptedException {
        if (rediscover.getAndSet(false)) {
            devices.values().forEach(DeviceState::reset);
        }
        for (DeviceIdentity gone = departed.peek(); gone != null; gone = departed.peek()) {
            String id = Topics.deviceId(gone);
            send(new Message(topics.deviceAvailability(id), OFFLINE, 1, true));
            DeviceState state = devices.get(id);
            if (state != null) {
                state.online = false;
            }
            departed.poll();
        }
        Telemetry snapshot = snapshots.pollFirst(200, TimeUnit.MILLISECONDS);
        if (snapshot == null) {
            return;
        }
        try {
            publish(snapshot);
        } catch (RuntimeException e) {
            // one bad snapshot must not stop publishing for every device
            dropped.incrementAndGet();
            LOG.error("Cannot publish the snapshot of {} to {}", snapshot.identity().describe(), settings.brokerUrl(), e);
        } catch (MqttException e) {
            // the connection went: keep the snapshot for the next one unless newer ones filled the queue
            if (!snapshots.offerFirst(snapshot)) {
                dropped.incrementAndGet();
            }
            throw e;
        }
    }

    private void publish(Telemetry snapshot) throws MqttException, InterruptedException {
        String id = Topics.deviceId(snapshot.identity());
        DeviceState device = devices.computeIfAbsent(id, k -> new DeviceState());
        if (settings.discovery()) {
            HomeAssistantDiscovery.Layout layout = HomeAssistantDiscovery.Layout.of(snapshot);
            if (!layout.equals(device.layout)) {
                List<Message> configs = discovery.configs(id, snapshot);
                Set<String> configTopics = new HashSet<>();
                for (Message config : configs) {
                    configTopics.add(config.topic());
                }
                for (String old : device.configTopics) {
                    if (!configTopics.contains(old)) {
                        send(HomeAssistantDiscovery.removal(old));
                    }
                }
                for (Message config : configs) {
                    send(config);
                }
                device.layout = layout;
                device.configTopics = configTopics;
            }
        }
        if (!device.online) {
            send(new Message(topics.deviceAvailability(id), ONLINE, 1, true));
            device.online = true;
        }
        send(new Message(topics.state(id), StatePayload.of(snapshot), settings.qos(), settings.retain()));
        published.incrementAndGet();
    }

    private void send(Message m) throws MqttException, InterruptedException {
        while (true) {
            try {
                client.publish(m.topic(), m.payload(), m.qos(), m.retained());
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(10); // acknowledgements from the broker make room
            }
        }
    }

    private void failed(Exception e) {
        failedAttempts++;
        lastError = describe(e);
        connection = Connection.RETRYING;
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            discard(c);
        }
        if (failedAttempts == 1) {
            LOG.warn("MQTT broker {} as {}: {}; retrying (every 30 s at most)", settings.brokerUrl(), clientId, lastError);
        } else {
            LOG.debug("MQTT broker {}, attempt {}: {}", settings.brokerUrl(), failedAttempts, lastError);
        }
    }

    private static void discard(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 500);
            }
        } catch (MqttException e) {
            // it is going anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client: {}", e.toString());
        }
    }

    /** What went wrong, in words a user can act on. */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return "TLS handshake failed: " + cause.getMessage()
                        + (String.valueOf(cause.getMessage()).contains("PKIX")
                        ? " (is caFile the CA that signed the broker's certificate?)" : "");
            }
        }
        if (e instanceof MqttException me) {
            Throwable cause = me.getCause();
            return switch (me.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> "the broker refused the user name or password";
                case MqttException.REASON_CODE_NOT_AUTHORIZED -> "not authorized: the broker refused the credentials of this client";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "the broker refused the client id";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker is unavailable";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker within "
                        + (CONNECT_TIMEOUT_SECONDS + 5) + " s";
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "cannot connect"
                        + (cause == null ? "" : ": " + cause.getMessage());
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost"
                        + (cause == null ? "" : ": " + cause.getMessage());
                default -> me.getMessage() + (cause == null ? "" : ": " + cause.getMessage());
            };
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String defaultClientId() {
        try {
            return "bmsw-" + Topics.safe(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return "bmsw";
        }
    }

    /** What has been published for one device on the current connection. */
    private static final class DeviceState {
        HomeAssistantDiscovery.Layout layout;
        Set<String> configTopics = Set.of();
        boolean online;

        void reset() {
            layout = null;
            online = false;
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            if (running) {
                lastError = describe(cause);
                connection = Connection.CONNECTING;
                LOG.warn("Lost the connection to MQTT broker {}: {}", settings.brokerUrl(), lastError);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Home Assistant (re)started: it wants the discovery configs again
            if (topic.equals(topics.homeAssistantStatus())
                    && Topics.ONLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8).trim())) {
                rediscover.set(true);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
