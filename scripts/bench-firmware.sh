#!/bin/sh
# Firmware flashing benchmark: a whole flash over Modbus RTU function 109 on a socat pty paced at the baud rate
# (target >= 80 % of the line rate), and as XCP on CAN through slcan with the bus paced at its bit rate (>= 70 %).
# Needs socat. Usage: scripts/bench-firmware.sh [image KiB (48)] [baud (115200)] [CAN bit/s (250000)]
set -eu
cd "$(dirname "$0")/.."
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }
module=bundles/org.bmsw.firmware
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.firmware.FirmwareBench "${1:-48}" "${2:-115200}" "${3:-250000}"
