package org.bmsw.device.api;

/**
 * One cell.
 *
 * @param index     1-based position in the pack (B01 ...)
 * @param module    0 for the main board (BIU), 1..10 for cascaded BMUs
 * @param volts     V, NaN when not measured
 * @param balancing the cell's balancing switch is on
 */
public record CellVoltage(int index, int module, double volts, boolean balancing) {
}
