package org.bmsw.simulator.battery;

/**
 * One temperature probe.
 *
 * @param index   1-based (T01 ...), numbered across modules
 * @param module  0 for the main board, 1..10 for BMUs
 * @param label   "T01" ...
 * @param celsius the reading, °C; NaN when not fitted (a Smart BMS puts such a probe on the wire as -40 °C)
 * @param fitted  the probe exists and reads
 * @param firstCell 1-based index of the first cell this probe sits on (0 when not fitted)
 * @param lastCell  1-based index of the last cell (0 when not fitted)
 */
public record ProbeState(int index, int module, String label, double celsius, boolean fitted, int firstCell, int lastCell) {

    /** What a Smart BMS reports for an absent probe. */
    public static final double NOT_FITTED_CELSIUS = -40.0;

    /** The reading with the Smart BMS convention for absent probes (-40 °C). */
    public double reportedCelsius() {
        return fitted ? celsius : NOT_FITTED_CELSIUS;
    }
}
