package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
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
            DeviceSession session = session(Fixtures.SMART_BMS);

            live.listener.snapshot(session, Fixtures.snapshot(Fixtures.charging(), Fixtures.SMART_BMS));
            subscriber.await("bmsw/smartbms-a1/state");
            assertEquals(Connection.CONNECTED, component.status().connection());
            assertEquals("component", component.status().clientId());
            assertEquals(1, component.status().published());

            live.listener.sessionClosed(session, null);
            subscriber.await("bmsw/smartbms-a1/availability", "offline");

            component.deactivate();
            assertTrue(live.unsubscribed.get());
            subscriber.await("bmsw/bridge/component/availability", "offline");
        }
    }

    /** A session that only knows who it is: all the component asks of it. */
    private static DeviceSession session(DeviceIdentity identity) {
        return (DeviceSession) Proxy.newProxyInstance(DeviceSession.class.getClassLoader(), new Class<?>[] {DeviceSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "identity" -> identity;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + identity.describe();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
