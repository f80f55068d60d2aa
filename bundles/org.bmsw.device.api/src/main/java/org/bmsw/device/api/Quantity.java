package org.bmsw.device.api;

/**
 * A further measurement a device reports.
 *
 * @param key      stable key, e.g. {@code insulation.positive}, {@code voltage.keyon}, {@code charger.current}
 * @param label    display name
 * @param value    in {@code unit}, NaN when absent
 * @param unit     e.g. V, A, kΩ, %
 * @param category for grouping on screen, e.g. "power", "insulation", "charger"
 * @param flagged  the device or profile marks this value as out of its expected range
 */
public record Quantity(String key, LocalizedText label, double value, String unit, String category, boolean flagged) {
}
