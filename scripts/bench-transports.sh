#!/bin/sh
# Transport micro-benchmarks on socat ptys: serial round-trip latency and throughput, slcan frames/s.
# Needs socat, and /usr/bin/python3 for the emulated slcan adapters (standard library only).
# Usage: scripts/bench-transports.sh [round trips (5000)] [MiB (32)] [CAN frames (20000)]
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-5000}
MEGABYTES=${2:-32}
FRAMES=${3:-20000}
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }

run() { # module main-class args...
    module=bundles/$1; main=$2; shift 2
    mvn -q -o install -DskipTests -f "$module/pom.xml"
    mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
    java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$main" "$@"
}

run org.bmsw.transport.serial org.bmsw.transport.serial.internal.SerialBench "$ROUNDS" "$MEGABYTES"
run org.bmsw.transport.slcan org.bmsw.transport.slcan.internal.SlcanBench "$FRAMES"
