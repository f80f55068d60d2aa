#!/bin/sh
# Firmware flashing benchmark, as a fraction of the line rate:
#  - RS485: Modbus RTU function 109 on a socat pty paced at the baud rate, 8E1 as OpenBLT's loader (target >= 80 %),
#    against the test device and against bmsw simulate's Smart BMS with its bootloader;
#  - CAN: XCP on CAN through slcan with the bus paced at its bit rate (target >= 70 %), for the simulated target's
#    three modes: interleaved master blocks, master blocks answered one by one, every frame answered (OpenBLT).
# Each link shows the engine's whole flash, its programming phase and the bare XCP master on the same link.
# Needs socat. Usage: scripts/bench-firmware.sh [image KiB (48)] [baud (115200)] [CAN bit/s (250000)] [runs (3)]
set -eu
cd "$(dirname "$0")/.."
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }
module=bundles/org.bmsw.firmware
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
# a private copy of the class path: other builds may reinstall a jar in ~/.m2 while the benchmark runs
lib="$module/target/bench-lib"
rm -rf "$lib" && mkdir -p "$lib"
tr ':' '\n' < "$module/target/bench.classpath" | while read -r jar; do cp "$jar" "$lib/"; done
cp -r "$module/target/test-classes" "$module/target/classes" "$lib/"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$lib/test-classes:$lib/classes:$lib/*" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.firmware.FirmwareBench "${1:-48}" "${2:-115200}" "${3:-250000}" "${4:-3}"
