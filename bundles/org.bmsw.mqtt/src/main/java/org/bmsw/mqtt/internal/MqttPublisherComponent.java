package org.bmsw.mqtt.internal;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisher;
import org.bmsw.mqtt.MqttPublisherStatus;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the live telemetry and hands every snapshot to the bridge. A changed configuration restarts
 * the component, and with it the connection. Immediate: it works whether or not anyone asks for its status.
 * A replayed recording is not published: it carries the recorded device's identity, and would pass for that
 * device live (nor does its end say that device went offline).
 */
@Component(service = MqttPublisher.class, immediate = true, configurationPid = MqttConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MqttConfig.class)
public class MqttPublisherComponent implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisherComponent.class);
    /** The recorder's replay transport. */
    static final String REPLAY_TRANSPORT = "replay";

    private final TelemetryBridge bridge;
    private final AutoCloseable subscription;
    private final MqttPublisherStatus idleStatus;

    @Activate
    public MqttPublisherComponent(@Reference LiveTelemetry live, MqttConfig config) {
        PublisherSettings settings = null;
        String problem = "";
        if (config.enabled()) {
            try {
                settings = PublisherSettings.from(config);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
                LOG.error("MQTT publishing not started: configuration {}: {}", MqttConfig.PID, problem);
            }
        }
        if (settings == null) {
            bridge = null;
            subscription = null;
            idleStatus = new MqttPublisherStatus(problem.isEmpty() ? Connection.DISABLED : Connection.MISCONFIGURED,
                    config.enabled() ? config.brokerUrl() : "", "", 0, 0, 0, problem);
            return;
        }
        idleStatus = null;
        bridge = new TelemetryBridge(settings, System::nanoTime).start();
        subscription = live.subscribe(new TelemetryListener() {
            @Override
            public void snapshot(DeviceSession session, Telemetry telemetry) {
                if (!isReplay(session)) {
                    bridge.offer(telemetry);
                }
            }

            @Override
            public void sessionClosed(DeviceSession session, Exception reason) {
                if (!isReplay(session)) {
                    bridge.deviceGone(session.identity());
                }
            }
        });
    }

    private static boolean isReplay(DeviceSession session) {
        return REPLAY_TRANSPORT.equals(session.link().settings().transport());
    }

    @Deactivate
    void deactivate() {
        if (bridge == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Unsubscribing from live telemetry: {}", e.toString());
        }
        bridge.close();
    }

    @Override
    public MqttPublisherStatus status() {
        return bridge == null ? idleStatus : bridge.status();
    }
}
