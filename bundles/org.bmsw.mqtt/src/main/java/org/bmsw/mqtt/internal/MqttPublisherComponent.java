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
 */
@Component(service = MqttPublisher.class, immediate = true, configurationPid = MqttConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MqttConfig.class)
public class MqttPublisherComponent implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisherComponent.class);

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
                bridge.offer(telemetry);
            }

            @Override
            public void sessionClosed(DeviceSession session, Exception reason) {
                bridge.deviceGone(session.identity());
            }
        });
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
