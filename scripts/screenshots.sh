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
