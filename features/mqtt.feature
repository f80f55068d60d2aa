# Fleets: live telemetry to an MQTT broker with Home Assistant discovery. Off until configured
# (PID org.bmsw.mqtt, e.g. plugins/org.bmsw.mqtt.cfg); disabled it starts no thread.
name = mqtt
version = 1.0.0
description = Publish live telemetry to an MQTT broker (Eclipse Paho), with Home Assistant discovery
includes = core, schema
bundles = \
  org.eclipse.paho.client.mqttv3, \
  org.bmsw.mqtt
