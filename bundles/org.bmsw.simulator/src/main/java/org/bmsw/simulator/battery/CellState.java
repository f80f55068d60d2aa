package org.bmsw.simulator.battery;

/**
 * One cell at the end of a step.
 *
 * @param index         1-based position in the string (B01 ...), counted from the pack's negative end
 * @param module        0 for the main board, 1..10 for BMUs
 * @param volts         terminal voltage as the BMS measures it, V: OCV + I·R0 + polarization
 * @param ocv           open-circuit voltage at the present SOC, V
 * @param soc           true state of charge, 0..1 (may leave 0..1 slightly when abused)
 * @param capacityAh    true capacity, Ah (nominal × SOH × spread)
 * @param resistanceOhm R0 at 25 °C, Ω
 * @param celsius       cell temperature, °C (the probes read groups of cells)
 * @param balancing     the cell's bleed switch is on
 */
public record CellState(int index, int module, double volts, double ocv, double soc, double capacityAh,
                        double resistanceOhm, double celsius, boolean balancing) {

    public double millivolts() {
        return volts * 1000;
    }
}
