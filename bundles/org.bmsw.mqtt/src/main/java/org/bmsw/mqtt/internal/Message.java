package org.bmsw.mqtt.internal;

/** One MQTT message to publish. */
record Message(String topic, byte[] payload, int qos, boolean retained) {
}
