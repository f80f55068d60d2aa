package org.bmsw.mqtt.internal;

import static org.bmsw.mqtt.internal.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component's wiring: configuration, subscription to the live telemetry and its end. The live telemetry
 * is a stand-in here (the core's own is proven with real devices elsewhere); the broker is real.
 */
class MqttPublisherComponentTest {

    @TempDir
    Path dir;

    /** Records the one listener the component subscribes. */
    static final class FakeLive implements LiveTelemetry {
        TelemetryListener listener;
        final AtomicBoolean unsubscribed = new AtomicBoolean();

        @Override
        public AutoCloseable subscribe(TelemetryListener l) {
            listener = l;
            return () -> unsubscribed.set(true);
        }

        @Override
        public Optional<Telemetry> latest(DeviceSession session) {
            return Optional.empty();
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public AutoCloseable pause(DeviceSession session) {
            throw new UnsupportedOperationException("the publisher never pauses polling");
        }
    }

    @Test
    void disabledByDefaultAndThenSubscribesToNothing() {
        FakeLive live = new FakeLive();
        MqttPublisherComponent component = new MqttPublisherComponent(live, Fixtures.config());
        assertNull(live.listener);
        assertEquals(Connection.DISABLED, component.status().connection());
        component.deactivate();
    }

    @Test
    void anInvalidConfigurationIsReportedNotStarted() {
        FakeLive live = new FakeLive();
        MqttPublisherComponent component = new MqttPublisherComponent(live, Fixtures.config("enabled", true, "qos", 3));
        assertNull(live.listener);
        MqttPublisherStatus status = component.status();
        assertEquals(Connection.MISCONFIGURED, status.connection());
        assertEquals("qos 3: expected 0, 1 or 2", status.lastError());
    }

    @Test
    void publishesWhatTheLiveTelemetryDelivers() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             Subscriber subscriber = new Subscriber(broker.url(), "bmsw/#")) {
            FakeLive live = new FakeLive();
            MqttPublisherComponent component = new MqttPublisherComponent(live, Fixtures.config("enabled", true,
                    "brokerUrl", broker.url(), "clientId", "component"));
            assertNotNull(live.listener, "subscribed to the live telemetry");
            DeviceSession session = session(Fixtures.SMART_BMS, "serial");

            live.listener.snapshot(session, Fixtures.snapshot(Fixtures.charging(), Fixtures.SMART_BMS));
            subscriber.await("bmsw/smartbms-a1/state");
            waitFor(() -> component.status().published() == 1, "the state is counted");
            assertEquals(Connection.CONNECTED, component.status().connection());
            assertEquals("component", component.status().clientId());

            live.listener.sessionClosed(session, null);
            subscriber.await("bmsw/smartbms-a1/availability", "offline");

            component.deactivate();
            assertTrue(live.unsubscribed.get());
            subscriber.await("bmsw/bridge/component/availability", "offline");
        }
    }

    @Test
    void aReplayInTheWindowIsNotPublishedAsTheLiveDevice() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             Subscriber subscriber = new Subscriber(broker.url(), "#")) {
            FakeLive live = new FakeLive();
            MqttPublisherComponent component = new MqttPublisherComponent(live, Fixtures.config("enabled", true,
                    "brokerUrl", broker.url(), "clientId", "replaying"));
            // a recording of the pack at address 1 replayed in the window, beside a live pack at address 2
            DeviceSession replay = session(Fixtures.SMART_BMS, "replay");
            DeviceSession other = session(Fixtures.smartBmsAt(2), "serial");

            live.listener.snapshot(replay, Fixtures.snapshot(Fixtures.charging(), Fixtures.SMART_BMS));
            live.listener.snapshot(other, Fixtures.snapshot(Fixtures.charging(), Fixtures.smartBmsAt(2)));
            subscriber.await("bmsw/smartbms-a2/state"); // published in order: the replay's state would be here first
            live.listener.sessionClosed(replay, null);
            live.listener.sessionClosed(other, null);
            subscriber.await("bmsw/smartbms-a2/availability", "offline"); // likewise the replay's "offline"

            assertTrue(subscriber.matching(r -> r.topic().contains("smartbms-a2")).size() > 2, "discovery, state, availability");
            assertEquals(List.of(), subscriber.matching(r -> r.topic().contains("smartbms-a1")).stream().map(Subscriber.Received::topic).toList(),
                    "nothing about the recorded device, not even its discovery");
            assertEquals(1, component.status().published(), "the replay's state was never sent, so never counted");
            component.deactivate();
        }
    }

    /** A session that only knows who it is and which transport its link is: all the component asks of it. */
    private static DeviceSession session(DeviceIdentity identity, String transport) {
        LinkSettings settings = LinkSettings.of(transport, "/dev/ttyUSB0", 9600);
        Link link = (Link) Proxy.newProxyInstance(Link.class.getClassLoader(), new Class<?>[] {Link.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "settings" -> settings;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> settings.describe();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DeviceSession) Proxy.newProxyInstance(DeviceSession.class.getClassLoader(), new Class<?>[] {DeviceSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "identity" -> identity;
                    case "link" -> link;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + identity.describe();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
