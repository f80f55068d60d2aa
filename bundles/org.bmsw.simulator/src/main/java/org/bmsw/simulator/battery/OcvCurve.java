package org.bmsw.simulator.battery;

import java.util.Arrays;

/**
 * Open-circuit voltage as a function of state of charge, tabulated and linearly interpolated.
 * Outside the table the end segments are extrapolated (an over-charged or over-discharged cell keeps
 * moving), and the result is clamped to 0..5 V, the range a BMS front end measures.
 *
 * <p>Immutable and thread-safe.
 */
public final class OcvCurve {

    private final double[] soc;
    private final double[] volts;

    private OcvCurve(double[] soc, double[] volts) {
        this.soc = soc;
        this.volts = volts;
    }

    /**
     * @param soc   state of charge points, 0..1, strictly increasing, at least two
     * @param volts open-circuit voltage at each point, V, strictly increasing
     */
    public static OcvCurve of(double[] soc, double[] volts) {
        if (soc.length != volts.length || soc.length < 2) {
            throw new IllegalArgumentException("an OCV table needs at least two (soc, volts) pairs of equal length");
        }
        for (int i = 1; i < soc.length; i++) {
            if (!(soc[i] > soc[i - 1]) || !(volts[i] > volts[i - 1])) {
                throw new IllegalArgumentException("OCV table must be strictly increasing in SOC and voltage at point " + i);
            }
        }
        return new OcvCurve(soc.clone(), volts.clone());
    }

    /**
     * A curve from a table of millivolts at equally spaced SOC points (0 %, 10 %, ... 100 % for eleven
     * values), the form of the Smart BMS calibration parameters {@code Vol0..Vol10}.
     */
    public static OcvCurve fromEquallySpacedMillivolts(double... millivolts) {
        double[] s = new double[millivolts.length];
        double[] v = new double[millivolts.length];
        for (int i = 0; i < millivolts.length; i++) {
            s[i] = (double) i / (millivolts.length - 1);
            v[i] = millivolts[i] / 1000.0;
        }
        return of(s, v);
    }

    /** OCV in volts at {@code stateOfCharge} (0..1). */
    public double ocv(double stateOfCharge) {
        int n = soc.length;
        int i;
        if (stateOfCharge <= soc[0]) {
            i = 0;
        } else if (stateOfCharge >= soc[n - 1]) {
            i = n - 2;
        } else {
            int k = Arrays.binarySearch(soc, stateOfCharge);
            if (k >= 0) {
                return volts[k];
            }
            i = -k - 2;
        }
        double t = (stateOfCharge - soc[i]) / (soc[i + 1] - soc[i]);
        double v = volts[i] + t * (volts[i + 1] - volts[i]);
        return Math.max(0.0, Math.min(5.0, v));
    }

    /** The inverse: state of charge (0..1, clamped) at an open-circuit voltage in volts. */
    public double soc(double ocvVolts) {
        int n = volts.length;
        if (ocvVolts <= volts[0]) {
            return soc[0];
        }
        if (ocvVolts >= volts[n - 1]) {
            return soc[n - 1];
        }
        int k = Arrays.binarySearch(volts, ocvVolts);
        if (k >= 0) {
            return soc[k];
        }
        int i = -k - 2;
        double t = (ocvVolts - volts[i]) / (volts[i + 1] - volts[i]);
        return soc[i] + t * (soc[i + 1] - soc[i]);
    }

    /** dV/dSOC at a state of charge, V per unit SOC: how well voltage resolves SOC there. */
    public double slope(double stateOfCharge) {
        double h = 1e-4;
        return (ocv(stateOfCharge + h) - ocv(stateOfCharge - h)) / (2 * h);
    }

    public double emptyVolts() {
        return volts[0];
    }

    public double fullVolts() {
        return volts[volts.length - 1];
    }

    /** The table's SOC points (a copy). */
    public double[] socPoints() {
        return soc.clone();
    }

    /** The table's voltages (a copy). */
    public double[] voltPoints() {
        return volts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcvCurve c && Arrays.equals(soc, c.soc) && Arrays.equals(volts, c.volts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(soc) + Arrays.hashCode(volts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("OcvCurve[");
        for (int i = 0; i < soc.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Math.round(soc[i] * 1000) / 10.0).append("%=").append(volts[i]).append('V');
        }
        return b.append(']').toString();
    }
}
