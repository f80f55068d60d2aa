#!/bin/sh
# Recorder benchmark: ingest of 24-cell snapshots through the recorder's live path into SQLite (target >= 50,000
# snapshots/s), and charting a 30-day 1 Hz record (2.6 M snapshots) with min/max decimation (target < 1 s).
# Needs about 1 GB of free disk for 30 days. Usage: scripts/bench-recorder.sh [days (30)] [folder to keep the record in]
set -eu
cd "$(dirname "$0")/.."
module=bundles/org.bmsw.recorder
mvn -q -o install -DskipTests -f "$module/pom.xml"
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -f "$module/pom.xml"
java -Xmx1g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.bmsw.recorder.internal.RecorderBench "$@"
