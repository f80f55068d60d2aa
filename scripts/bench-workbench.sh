#!/bin/sh
# Workbench benchmarks on the built distribution ($BMSW_HOME, default launcher/target/bmsw), each under a
# private Xvfb, with fresh settings and data directories:
#
#  1. cold start: from spawning bin/bmsw to the first live snapshot drawn on the Overview, the window
#     connecting by itself (autoConnect) to the built-in simulator, sim:smartbms.v4, whose line is paced at
#     the baud rate: at 9600 bit/s (the Smart BMS default, where the bytes on the wire take ~0.25 s) and
#     at 115200 bit/s (the software's own share). Median of $RUNS runs (default 5) each, the variants in turn; the window's own
#     WINDOW time is printed alongside. The first start of the copied distribution writes its class
#     archive (see bin/bmsw) and is printed on its own; the runs use the archive, as every start after
#     the first does; a third variant goes without it (BMSW_CDS=off). Times count from the script's clock
#     reading just before the spawn (-Dbmsw.announce.origin).
#  2. refresh cost: a simulated JDI BI5148 (48 cells, `bmsw simulate` in its own process, discharging at
#     60 A at 30x speed so the cells change between snapshots) on a pty at 115200 bit/s, polled every
#     200 ms (5 Hz), Overview on screen; after a 10 s warm-up, CPU over 30 s
#     of the window's UI thread, of the whole workbench process (polling, Modbus, decoding, drawing)
#     and of the X server, in % of one core.
#
# The settings the runs need (connect at start, port, poll interval) are defaults in a private copy of
# the distribution's features, so the distribution itself is left untouched.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST=${BMSW_HOME:-$ROOT/launcher/target/bmsw}
RUNS=${RUNS:-5}
MEASURE=${MEASURE_SECONDS:-30}
DISPLAY_NUMBER=${BENCH_DISPLAY:-:94}
[ -x "$DIST/bin/bmsw" ] || { echo "no distribution at $DIST: build it first (mvn -q install -DskipTests)" >&2; exit 1; }

WORK=$(mktemp -d)
BMSW_PID=
SIM_PID=
cleanup() {
  [ -n "$BMSW_PID" ] && kill "$BMSW_PID" 2>/dev/null || true
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
  kill "$XVFB" 2>/dev/null || true
  rm -rf "$WORK"
}
Xvfb "$DISPLAY_NUMBER" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap cleanup EXIT INT TERM
sleep 1
cp -r "$DIST" "$WORK/bmsw"
FEATURE="$WORK/bmsw/features/workbench.feature"
cp "$FEATURE" "$WORK/workbench.feature.orig"
HZ=$(getconf CLK_TCK)

# configure PORT BAUD POLL_MS: connect there at start, poll every POLL_MS
configure() {
  cp "$WORK/workbench.feature.orig" "$FEATURE"
  printf '\nconfig.org.bmsw.workbench[autoConnect] = true\nconfig.org.bmsw.workbench[port] = %s\nconfig.org.bmsw.workbench[baud] = %s\nconfig.org.bmsw.workbench[windowX] = 0\nconfig.org.bmsw.workbench[windowY] = 0\nconfig.org.bmsw.core.live[intervalMillis] = %s\n' \
    "$1" "$2" "$3" >> "$FEATURE"
}

# start OUT [JAVA_OPTS]: the workbench with fresh settings, output to OUT; sets BMSW_PID. The class
# archive (bin/bmsw) lives in $WORK/cache: the first start makes it, the later ones use it.
start() {
  : > "$1"
  rm -rf "$WORK/config" "$WORK/data"
  # the milestones count from this clock reading, taken just before the spawn
  origin=$(date +%s%3N)
  BMSW_CACHE_DIR="$WORK/cache" DISPLAY="$DISPLAY_NUMBER" \
    BMSW_JAVA_OPTS="-Dbmsw.announce.ready=true -Dbmsw.announce.origin=$origin ${2:-}" \
    "$WORK/bmsw/bin/bmsw" --features desktop --config-dir "$WORK/config" --data-dir "$WORK/data" >"$1" 2>"$1.err" &
  BMSW_PID=$!
}

# await WORD OUT SECONDS: until a line starting with WORD appears
await() {
  n=0
  while ! grep -q "^$1 " "$2"; do
    n=$((n + 1))
    if [ $n -gt $(($3 * 20)) ] || ! kill -0 "$BMSW_PID" 2>/dev/null; then
      echo "no $1 within $3 s; the workbench said:" >&2; tail -20 "$2.err" >&2; exit 1
    fi
    sleep 0.05
  done
}

stop() {
  kill -TERM "$BMSW_PID" 2>/dev/null || true
  wait "$BMSW_PID" 2>/dev/null || true
  BMSW_PID=
}

# cpu_ticks: "busy steal total" jiffies of all CPUs so far (/proc/stat); steal is time the host gave to others
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# stolen BEFORE: the share of CPU time the host (a VM's hypervisor) took away since BEFORE, in %
stolen() { echo "$1 $(cpu_ticks)" | awk '{ t = $6 - $3; printf "%.0f", (t > 0 ? 100 * ($5 - $2) / t : 0) }'; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# ticks PID [TID]: user + system CPU ticks of a process or one of its threads
ticks() {
  if [ -n "${2:-}" ]; then f=/proc/$1/task/$2/stat; else f=/proc/$1/stat; fi
  sed 's/.*) //' "$f" | awk '{ print $12 + $13 }'
}

echo "BMS Workbench window benchmarks ($(nproc) cores, $DIST)"
echo
# one_start VARIANT BAUD CDS: a cold start connecting to sim:smartbms.v4 at BAUD, with the class archive or
# without (CDS=off); prints "window/telemetry" ms and keeps both for the variant's medians
one_start() {
  configure "sim:smartbms.v4" "$2" 1000
  BMSW_CDS=$3 start "$WORK/run"
  await TELEMETRY "$WORK/run" 30
  await WINDOW "$WORK/run" 30
  t=$(awk '/^TELEMETRY /{ print $2 }' "$WORK/run"); w=$(awk '/^WINDOW /{ print $2 }' "$WORK/run")
  echo "$t" >> "$WORK/$1.telemetry"; echo "$w" >> "$WORK/$1.window"
  stop
  printf '  %s) %s/%s' "$1" "$w" "$t"
}

echo "1. Cold start to the first live telemetry on screen: $RUNS runs of each variant, the variants in turn so that"
echo "   a drift of the machine's speed touches them alike"
echo "   a) sim:smartbms.v4 at 9600 bit/s, the Smart BMS default (model, firmware version and first snapshot are"
echo "      ~0.25 s of wire time)"
echo "   b) the same at 115200 bit/s (~0.03 s of wire time): the software's own share"
echo "   c) as a), without the class archive (BMSW_CDS=off)"
ticks_before=$(cpu_ticks)
# the very first start of the copied distribution writes its class archive (see bin/bmsw); every later one uses it
configure "sim:smartbms.v4" 9600 1000
start "$WORK/first"
await TELEMETRY "$WORK/first" 30
await WINDOW "$WORK/first" 30
echo "   first start (writes the class archive): window visible $(awk '/^WINDOW /{ print $2 }' "$WORK/first") ms," \
  "first telemetry on screen $(awk '/^TELEMETRY /{ print $2 }' "$WORK/first") ms"
stop
i=1
while [ $i -le "$RUNS" ]; do
  printf '   run %s (window/telemetry ms):' "$i"
  one_start a 9600 on
  one_start b 115200 on
  one_start c 9600 off
  echo
  i=$((i + 1))
done
unset BMSW_CDS # a shell may keep an assignment made for a function call
for variant in a b c; do
  echo "   median $variant): window $(median < "$WORK/$variant.window") ms, first telemetry $(median < "$WORK/$variant.telemetry") ms" \
    "(target <= 1500 ms)"
done
echo "   (CPU time taken by the host meanwhile, steal: $(stolen "$ticks_before") %; above a few % the figures are not comparable)"
echo

echo "2. Refreshing 48 cells at 5 Hz (simulated JDI BI5148 on a pty at 115200 bit/s, poll every 200 ms)"
DISPLAY= "$WORK/bmsw/bin/bmsw" simulate --profile jdi.bi51 --modules 48 --pty "$WORK/jdi" --baud 115200 \
  --speed 30 --scenario 'discharge 60A for 10h' >"$WORK/sim.out" 2>&1 &
SIM_PID=$!
n=0
until [ -e "$WORK/jdi" ]; do
  n=$((n + 1)); [ $n -gt 400 ] && { echo "bmsw simulate did not make $WORK/jdi:" >&2; cat "$WORK/sim.out" >&2; exit 1; }
  sleep 0.05
done
configure "serial:$WORK/jdi" 115200 200
start "$WORK/refresh" "-Dbmsw.announce.refresh=true"
await TELEMETRY "$WORK/refresh" 30
sleep 10
ui=
for t in /proc/$BMSW_PID/task/*; do
  if [ "$(cat "$t/comm")" = bmsw-ui ]; then ui=$(basename "$t"); fi
done
[ -n "$ui" ] || { echo "no bmsw-ui thread in the workbench process" >&2; exit 1; }
p0=$(ticks "$BMSW_PID"); u0=$(ticks "$BMSW_PID" "$ui"); x0=$(ticks "$XVFB"); s0=$(date +%s%N)
sleep "$MEASURE"
p1=$(ticks "$BMSW_PID"); u1=$(ticks "$BMSW_PID" "$ui"); x1=$(ticks "$XVFB"); s1=$(date +%s%N)
stop
seconds=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
pct() { awk -v a="$1" -v b="$2" -v hz="$HZ" -v s="$seconds" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / s }'; }
rate=$(awk '/^REFRESH /{ n += $2; ms += $3 } END { if (ms > 0) printf "%.1f", n * 1000 / ms; else print "?" }' "$WORK/refresh")
paints=$(awk '/^REFRESH /{ n += $4; ms += $3 } END { if (ms > 0) printf "%.1f", n * 1000 / ms; else print "?" }' "$WORK/refresh")
echo "   snapshots drawn: $rate per second; the 48-cell grid repainted $paints times per second"
echo "   UI thread (drawing 48 cells, charts, values): $(pct "$u0" "$u1") % of one core (target < 5 %)"
echo "   whole workbench process (polling + decoding + drawing): $(pct "$p0" "$p1") % of one core"
echo "   X server (Xvfb, rendering): $(pct "$x0" "$x1") % of one core"
