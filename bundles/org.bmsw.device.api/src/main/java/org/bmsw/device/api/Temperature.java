package org.bmsw.device.api;

/**
 * One temperature probe.
 *
 * @param index   1-based (T01 ...)
 * @param module  0 for the main board, 1..10 for BMUs
 * @param label   e.g. "T01", "MOS", "Charge port 1"
 * @param celsius °C, NaN when not fitted
 * @param fitted  false when the probe is absent (a Smart BMS reports such a probe as -40 °C)
 */
public record Temperature(int index, int module, String label, double celsius, boolean fitted) {
}
