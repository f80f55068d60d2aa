#!/bin/sh
# MQTT publisher benchmark: what handing a 24-cell snapshot to the publisher costs the polling thread, and how
# many state messages per second reach a subscriber through a local mosquitto.
# Needs mosquitto. Usage: scripts/bench-mqtt.sh [snapshots (20000)] [qos (1)]
set -eu
cd "$(dirname "$0")/.."
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || { echo "mosquitto is needed: apt-get install mosquitto" >&2; exit 1; }
module=bundles/org.bmsw.mqtt
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.mqtt.internal.PublishBench "${1:-20000}" "${2:-1}"
