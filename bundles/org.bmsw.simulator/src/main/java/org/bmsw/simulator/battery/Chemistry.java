package org.bmsw.simulator.battery;

/**
 * Cell chemistries the simulator knows, each with its physical OCV(SOC) curve.
 *
 * <p>The LFP curve passes through the 10 %-step table of the Smart BMS manual's LFP calibration parameters
 * ({@code Vol0..Vol10} = 2500, 3150, 3195 ... 3290, 3550 mV) with extra points at the knees; the NMC curve is a
 * typical 3.0–4.2 V one (the manual's 4.2 V example table rises implausibly fast from 10 % to 20 %).
 */
public enum Chemistry {

    /**
     * Lithium iron phosphate: knee near 2.5 V empty, flat plateau ~3.2–3.3 V, steep knee to 3.55 V at rest when full
     * (the manual's Vol10); under charge current the terminal voltage reaches 3.65 V just past 100 %.
     */
    LFP(3.2,
            new double[] {0.00, 0.02, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.95, 0.98, 0.995, 1.00},
            new double[] {2.50, 2.85, 3.05, 3.15, 3.195, 3.213, 3.227, 3.236, 3.245, 3.265, 3.280, 3.290, 3.305, 3.335, 3.40, 3.55}),

    /** Lithium nickel manganese cobalt oxide: ~3.0 V empty to 4.2 V full. */
    NMC(3.7,
            new double[] {0.00, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 1.00},
            new double[] {3.00, 3.30, 3.45, 3.55, 3.62, 3.67, 3.72, 3.79, 3.87, 3.95, 4.06, 4.20});

    private final double nominalVolts;
    private final OcvCurve ocv;

    Chemistry(double nominalVolts, double[] soc, double[] volts) {
        this.nominalVolts = nominalVolts;
        this.ocv = OcvCurve.of(soc, volts);
    }

    /** The physical OCV(SOC) curve of a cell of this chemistry. */
    public OcvCurve ocv() {
        return ocv;
    }

    /** Nominal cell voltage, V. */
    public double nominalVolts() {
        return nominalVolts;
    }
}
