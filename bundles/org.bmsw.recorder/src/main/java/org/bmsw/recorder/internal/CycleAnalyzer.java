package org.bmsw.recorder.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.Cycle.Kind;
import org.bmsw.recorder.CycleOptions;

/**
 * Splits one device's snapshots, in time order, into charge, discharge and rest phases.
 *
 * <p>Each snapshot is classified by its current against the rest threshold. A different class has to last
 * {@link CycleOptions#minPhase()} before it becomes a phase of its own; until then it is pending, and when the
 * current returns it is folded into the phase around it, so a short blip of regeneration inside a discharge
 * stays part of the discharge. The interval between two snapshots belongs to the later one, and no interval
 * longer than {@link CycleOptions#maxGap()} is integrated: a gap ends the phase.
 */
final class CycleAnalyzer {

    private final String device;
    private final CycleOptions options;
    private final long minPhaseMillis;
    private final long maxGapMillis;
    private final List<Cycle> cycles = new ArrayList<>();
    private Phase current;
    private Phase pending;
    private long prevTime;
    private double prevCurrent;
    private double prevPower;

    CycleAnalyzer(String device, CycleOptions options) {
        this.device = device;
        this.options = options;
        this.minPhaseMillis = options.minPhase().toMillis();
        this.maxGapMillis = options.maxGap().toMillis();
    }

    /**
     * The next snapshot. {@code protections} and {@code alarms} are the flag keys active at it (not copied: the
     * caller may reuse the sets).
     */
    void accept(long time, double current, double voltage, double soc, double minCell, double maxCell, double maxTemp,
                Set<String> protections, Set<String> alarms) {
        Kind kind = classify(current);
        double power = voltage * current;
        if (this.current == null || time - prevTime > maxGapMillis) {
            if (this.current != null) {
                finish(prevTime);
            }
            this.current = new Phase(kind == null ? Kind.REST : kind, time);
            this.current.add(time, current, soc, minCell, maxCell, maxTemp, protections, alarms);
            remember(time, current, power);
            return;
        }
        if (kind == null) {
            kind = pending != null ? pending.kind : this.current.kind;
        }
        Phase target;
        if (kind == this.current.kind) {
            if (pending != null) {
                this.current.absorb(pending);
                pending = null;
            }
            target = this.current;
        } else {
            if (pending != null && pending.kind != kind) {
                this.current.absorb(pending);
                pending = null;
            }
            if (pending == null) {
                pending = new Phase(kind, time);
            }
            target = pending;
        }
        target.integrate(prevTime, prevCurrent, prevPower, time, current, power);
        target.add(time, current, soc, minCell, maxCell, maxTemp, protections, alarms);
        if (pending != null && time - pending.start >= minPhaseMillis) {
            cycles.add(this.current.toCycle(device, pending.start));
            this.current = pending;
            pending = null;
        }
        remember(time, current, power);
    }

    private void remember(long time, double current, double power) {
        prevTime = time;
        prevCurrent = current;
        prevPower = power;
    }

    private Kind classify(double amps) {
        if (Double.isNaN(amps)) {
            return null;
        }
        if (Math.abs(amps) <= options.restThresholdAmps()) {
            return Kind.REST;
        }
        return amps > 0 ? Kind.CHARGE : Kind.DISCHARGE;
    }

    private void finish(long end) {
        if (pending != null) {
            current.absorb(pending);
            pending = null;
        }
        cycles.add(current.toCycle(device, end));
        current = null;
    }

    /** The phases found; the last one ends at the last snapshot. */
    List<Cycle> result() {
        if (current != null) {
            finish(prevTime);
        }
        return List.copyOf(cycles);
    }

    /**
     * Capacity from each charge or discharge that moved SOC by at least {@link CycleOptions#minSocSwing()}:
     * net Ah over the SOC swing, scaled to 100 %.
     *
     * @param nominalAh 100 % health, NaN when unknown
     */
    static CapacityTrend capacityTrend(String device, List<Cycle> cycles, CycleOptions options, double nominalAh) {
        List<CapacityTrend.Point> points = new ArrayList<>();
        for (Cycle c : cycles) {
            if (c.kind() == Kind.REST) {
                continue;
            }
            double swing = Math.abs(c.endSoc() - c.startSoc());
            if (!(swing >= options.minSocSwing())) {
                continue;
            }
            double ah = c.kind() == Kind.CHARGE ? c.ampHoursIn() - c.ampHoursOut() : c.ampHoursOut() - c.ampHoursIn();
            double capacity = ah / swing * 100;
            points.add(new CapacityTrend.Point(c.end(), c.kind(), ah, swing, capacity, capacity / nominalAh * 100));
        }
        if (points.isEmpty()) {
            return new CapacityTrend(device, nominalAh, points, Double.NaN, Double.NaN);
        }
        // least squares line of capacity over the point number
        int n = points.size();
        double reference = Double.isNaN(nominalAh) ? points.get(0).capacityAh() : nominalAh;
        double slope = Double.NaN;
        double last = points.get(n - 1).capacityAh();
        if (n >= 2) {
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++) {
                double y = points.get(i).capacityAh();
                sx += i;
                sy += y;
                sxx += (double) i * i;
                sxy += i * y;
            }
            slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            last = intercept + slope * (n - 1);
        }
        return new CapacityTrend(device, nominalAh, points, last / nominalAh * 100, slope / reference * 100);
    }

    /** Figures of one phase while it is being gathered. */
    private static final class Phase {
        final Kind kind;
        final long start;
        long last;
        long samples;
        double ahIn, ahOut, whIn, whOut;
        double startSoc = Double.NaN, endSoc = Double.NaN;
        double minCell = Double.NaN, maxCell = Double.NaN, maxSpread = Double.NaN, maxTemp = Double.NaN, peak = Double.NaN;
        final Set<String> protections = new HashSet<>();
        final Set<String> alarms = new HashSet<>();

        Phase(Kind kind, long start) {
            this.kind = kind;
            this.start = start;
            this.last = start;
        }

        void add(long time, double current, double soc, double minCell, double maxCell, double maxTemp,
                 Set<String> protections, Set<String> alarms) {
            last = time;
            samples++;
            if (!Double.isNaN(soc)) {
                if (Double.isNaN(startSoc)) {
                    startSoc = soc;
                }
                endSoc = soc;
            }
            this.minCell = min(this.minCell, minCell);
            this.maxCell = max(this.maxCell, maxCell);
            this.maxSpread = max(this.maxSpread, maxCell - minCell);
            this.maxTemp = max(this.maxTemp, maxTemp);
            this.peak = max(this.peak, Math.abs(current));
            if (!protections.isEmpty()) {
                this.protections.addAll(protections);
            }
            if (!alarms.isEmpty()) {
                this.alarms.addAll(alarms);
            }
        }

        /** Trapezoids of current and power over (t0, t1], split at a change of sign. */
        void integrate(long t0, double i0, double p0, long t1, double i1, double p1) {
            double hours = (t1 - t0) / 3_600_000.0;
            double[] ah = split(i0, i1, hours);
            if (!Double.isNaN(ah[0])) {
                ahIn += ah[0];
                ahOut += ah[1];
            }
            double[] wh = split(p0, p1, hours);
            if (!Double.isNaN(wh[0])) {
                whIn += wh[0];
                whOut += wh[1];
            }
        }

        /** {positive area, negative area as a positive number} of a straight line from a to b over h. */
        private static double[] split(double a, double b, double h) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            if (a >= 0 && b >= 0) {
                return new double[] {(a + b) / 2 * h, 0};
            }
            if (a <= 0 && b <= 0) {
                return new double[] {0, -(a + b) / 2 * h};
            }
            double f = a / (a - b);
            double first = a / 2 * f * h;
            double second = b / 2 * (1 - f) * h;
            return a > 0 ? new double[] {first, -second} : new double[] {second, -first};
        }

        void absorb(Phase other) {
            last = Math.max(last, other.last);
            samples += other.samples;
            ahIn += other.ahIn;
            ahOut += other.ahOut;
            whIn += other.whIn;
            whOut += other.whOut;
            if (Double.isNaN(startSoc)) {
                startSoc = other.startSoc;
            }
            if (!Double.isNaN(other.endSoc)) {
                endSoc = other.endSoc;
            }
            minCell = min(minCell, other.minCell);
            maxCell = max(maxCell, other.maxCell);
            maxSpread = max(maxSpread, other.maxSpread);
            maxTemp = max(maxTemp, other.maxTemp);
            peak = max(peak, other.peak);
            protections.addAll(other.protections);
            alarms.addAll(other.alarms);
        }

        Cycle toCycle(String device, long end) {
            return new Cycle(device, kind, Instant.ofEpochMilli(start), Instant.ofEpochMilli(Math.max(end, last)), samples,
                    ahIn, ahOut, whIn, whOut, startSoc, endSoc, minCell, maxCell, maxSpread, maxTemp, peak, protections, alarms);
        }

        private static double min(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
        }

        private static double max(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }
    }
}
