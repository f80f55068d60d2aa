/**
 * Publishing live telemetry to an MQTT broker, for fleets: every connected device's snapshots go to a
 * state topic as JSON, with Home Assistant discovery and a last-will. The {@link org.bmsw.mqtt.MqttPublisher}
 * service tells whether the broker is reached and how many snapshots were published or dropped.
 */
@Version("1.0.0")
@Export
package org.bmsw.mqtt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
