#!/bin/sh
# A screenshot of each workbench page, for the README, into docs/screenshots/: the real window on a
# private Xvfb display, connected to the simulated Smart BMS over a real socat pty pair.
# Needs: xvfb, imagemagick (import), socat, fonts-noto-cjk (the Chinese screens).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE="$ROOT/bundles/org.bmsw.workbench"
OUT="$ROOT/docs/screenshots"
DISPLAY_NUMBER=${SCREENSHOT_DISPLAY:-:93}

cd "$MODULE"
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
Xvfb "$DISPLAY_NUMBER" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT INT TERM
sleep 1
DISPLAY="$DISPLAY_NUMBER" java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
    org.bmsw.workbench.internal.ScreenshotTour "$OUT"

# The pages other bundles contribute, in the built distribution as a user starts it: a private copy whose desktop
# feature connects at start and opens on the page (the window reopens the page shown last).
DIST=${BMSW_HOME:-$ROOT/launcher/target/bmsw}
[ -x "$DIST/bin/bmsw" ] || { echo "no distribution at $DIST: build it first (mvn -q install -DskipTests)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM
cp -r "$DIST" "$WORK/bmsw"
FEATURE="$WORK/bmsw/features/desktop.feature"
cp "$FEATURE" "$WORK/desktop.feature.orig"
export BMSW_DATA_DIR="$WORK/data"
# a recording to show on the Records page: the simulated Smart BMS discharging for a while
"$WORK/bmsw/bin/bmsw" record start --port sim:smartbms.v4 --interval 1000 --count 20 --name "simulated pack" >/dev/null

# shoot PAGE PORT PROFILE NAME
shoot() {
  cp "$WORK/desktop.feature.orig" "$FEATURE"
  printf '\nconfig.org.bmsw.workbench[page] = %s\nconfig.org.bmsw.workbench[port] = %s\nconfig.org.bmsw.workbench[profile] = %s\nconfig.org.bmsw.workbench[baud] = 250000\nconfig.org.bmsw.workbench[windowX] = 0\nconfig.org.bmsw.workbench[windowY] = 0\nconfig.org.bmsw.workbench[windowWidth] = 1280\nconfig.org.bmsw.workbench[windowHeight] = 900\n' \
    "$1" "$2" "$3" >> "$FEATURE"
  rm -rf "$WORK/config"
  DISPLAY="$DISPLAY_NUMBER" BMSW_CONFIG_DIR="$WORK/config" "$WORK/bmsw/bin/bmsw" >/dev/null 2>&1 &
  PID=$!
  sleep 10
  DISPLAY="$DISPLAY_NUMBER" import -window root "$OUT/$4.png"
  kill "$PID"; wait "$PID" 2>/dev/null || true
  echo "  $4.png"
}
shoot calibration sim:smartbms.v4 "" calibration
shoot firmware sim:smartbms.v4 "" firmware
shoot records sim:smartbms.v4 "" records
shoot cantrace sim:jdi.bi51.can jdi.bi51.can cantrace
