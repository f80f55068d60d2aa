package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.Cycle.Kind;
import org.bmsw.recorder.CycleOptions;
import org.junit.jupiter.api.Test;

/** The phase rules on hand-made current profiles, where every Ah is known exactly. */
class CycleAnalyzerTest {

    static final double VOLTS = 50;

    private static List<Cycle> analyse(CycleOptions options, double[][] timeAndCurrent) {
        CycleAnalyzer a = new CycleAnalyzer("d", options);
        for (double[] p : timeAndCurrent) {
            a.accept((long) (p[0] * 1000), p[1], VOLTS, 50, 3.2, 3.3, 25, Set.of(), Set.of());
        }
        return a.result();
    }

    /** One sample per second from {@code from} (inclusive) to {@code to} (exclusive) at {@code amps}. */
    private static double[][] run(int from, int to, double amps) {
        double[][] out = new double[to - from][];
        for (int t = from; t < to; t++) {
            out[t - from] = new double[] {t, amps};
        }
        return out;
    }

    private static double[][] join(double[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(double[][]::new);
    }

    private static CycleOptions options(double restAmps, int minPhaseSeconds) {
        return new CycleOptions(restAmps, Duration.ofSeconds(minPhaseSeconds), Duration.ofMinutes(5), 50, 0);
    }

    @Test
    void aShortRegenerationBlipStaysInsideTheDischarge() {
        double[][] profile = join(run(0, 900, -20), run(900, 920, 5), run(920, 1800, -20));
        List<Cycle> cycles = analyse(options(0.5, 60), profile);
        assertEquals(1, cycles.size(), cycles.toString());
        Cycle d = cycles.get(0);
        assertEquals(Kind.DISCHARGE, d.kind());
        assertEquals(1800, d.samples());
        assertEquals(Duration.ofSeconds(1799), d.duration());
        // trapezoids, split where the current crosses zero: each edge of the blip (−20 ↔ +5 A in a second) carries
        // 0.5 A·s in and 8 A·s out; 19 s at +5 A in between; the other 1,778 intervals at −20 A
        assertEquals((0.5 + 19 * 5 + 0.5) / 3600, d.ampHoursIn(), 1e-9);
        assertEquals((8 + 1778 * 20 + 8) / 3600.0, d.ampHoursOut(), 1e-9);
        assertEquals(d.ampHoursOut() * VOLTS, d.wattHoursOut(), 1e-9);
    }

    @Test
    void withoutAMinimumEveryChangeOfDirectionIsAPhase() {
        double[][] profile = join(run(0, 900, -20), run(900, 920, 5), run(920, 1800, -20));
        List<Cycle> cycles = analyse(options(0.5, 0), profile);
        assertEquals(List.of(Kind.DISCHARGE, Kind.CHARGE, Kind.DISCHARGE), cycles.stream().map(Cycle::kind).toList());
        assertEquals(cycles.get(0).end(), cycles.get(1).start(), "phases are contiguous");
        assertEquals(Duration.ofSeconds(20), cycles.get(1).duration());
    }

    @Test
    void currentWithinTheThresholdIsRestAndAGapEndsAPhase() {
        double[][] profile = join(run(0, 300, 0.3), run(300, 600, -0.4), run(600, 1200, 10), run(4800, 5400, 10));
        List<Cycle> cycles = analyse(options(0.5, 60), profile);
        assertEquals(List.of(Kind.REST, Kind.CHARGE, Kind.CHARGE), cycles.stream().map(Cycle::kind).toList());
        // the first charge interval rises from −0.4 A to 10 A: zero at 1/26 s
        assertEquals((599 * 10 + 10 / 2.0 * 25 / 26) / 3600, cycles.get(1).ampHoursIn(), 1e-12);
        assertEquals((0.4 / 2 / 26) / 3600, cycles.get(1).ampHoursOut(), 1e-12);
        assertEquals(10.0 * 599 / 3600, cycles.get(2).ampHoursIn(), 1e-9, "nothing integrated across the hour without data");
        assertEquals(Duration.ofSeconds(599), cycles.get(1).duration(), "a gap ends the phase at its last sample");
    }

    @Test
    void aChangeOfSignBetweenTwoSamplesIsSplitAtZero() {
        List<Cycle> cycles = analyse(options(0.5, 0), new double[][] {{0, 10}, {1, -10}});
        double in = cycles.stream().mapToDouble(Cycle::ampHoursIn).sum();
        double out = cycles.stream().mapToDouble(Cycle::ampHoursOut).sum();
        assertEquals(2.5 / 3600, in, 1e-12);
        assertEquals(2.5 / 3600, out, 1e-12);
    }
}
