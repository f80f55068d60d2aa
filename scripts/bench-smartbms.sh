#!/bin/sh
# Smart BMS snapshot benchmark: a full 24-cell snapshot at 9600 baud over a pty paced at the baud
# rate, against the theoretical wire time and against mbpoll on the same simulated device.
# Needs socat and mbpoll. Usage: scripts/bench-smartbms.sh [reads (30)]
set -eu
cd "$(dirname "$0")/.."
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }
command -v mbpoll >/dev/null || { echo "mbpoll is needed: apt-get install mbpoll" >&2; exit 1; }
module=bundles/org.bmsw.simulator
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.simulator.device.SmartBmsBench "${1:-30}"
