package org.bmsw.mqtt;

/** The MQTT publisher, configured under PID {@code org.bmsw.mqtt}. */
public interface MqttPublisher {

    /** Where publishing stands now. */
    MqttPublisherStatus status();
}
