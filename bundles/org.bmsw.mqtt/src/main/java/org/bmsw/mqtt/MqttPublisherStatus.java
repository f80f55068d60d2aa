package org.bmsw.mqtt;

/**
 * A moment's view of the publisher.
 *
 * @param connection where the connection to the broker stands
 * @param brokerUrl  e.g. {@code ssl://broker.example:8883}; empty when disabled
 * @param clientId   the MQTT client id in use; empty until the first connection attempt
 * @param published  state messages handed to the broker since start
 * @param dropped    snapshots dropped, oldest first, because the queue was full (broker down or slow)
 * @param queued     snapshots waiting to be published
 * @param lastError  the last connection or configuration problem, empty when none
 */
public record MqttPublisherStatus(Connection connection, String brokerUrl, String clientId, long published,
                                  long dropped, int queued, String lastError) {

    public enum Connection {
        /** {@code enabled} is false: nothing is published. */
        DISABLED,
        /** The configuration is invalid: {@code lastError} says which setting and why. */
        MISCONFIGURED,
        CONNECTING,
        CONNECTED,
        /** The broker could not be reached or refused us: waiting before the next attempt. */
        RETRYING
    }
}
