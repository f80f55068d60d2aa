#!/bin/sh
# XCP programming throughput against links paced at their line rate: Modbus RTU function 109 at 115200 baud on a
# socat pty (the device answers as a real line would), and XCP on CAN at 250 kbit/s on an in-memory bus paced
# per frame bit. Prints each figure as a fraction of the line rate. Targets: >= 80 % on RS485, >= 70 % on CAN.
# Needs socat. Usage: scripts/bench-xcp.sh [image KiB (32)]
set -eu
cd "$(dirname "$0")/.."
KIB=${1:-32}
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }
module=bundles/org.bmsw.protocol.xcp
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.protocol.xcp.XcpBench "$KIB"
