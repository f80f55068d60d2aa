package org.bmsw.schema;

import java.util.List;
import java.util.Locale;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.internal.TextTable;

/**
 * Two value sets side by side, one row per parameter present in either, in schema order (keys the schema
 * does not know come last).
 *
 * @param rows the rows
 */
public record Comparison(List<Row> rows) {

    public enum Status {
        /** Same value on the device (equal raw values). */
        SAME,
        /** Different values. */
        CHANGED,
        /** Only the left set has the parameter. */
        ONLY_LEFT,
        /** Only the right set has the parameter. */
        ONLY_RIGHT
    }

    /**
     * One parameter.
     *
     * @param key       parameter key
     * @param group     its group; "" for keys the schema does not know
     * @param label     its label; the key itself for unknown keys
     * @param unit      its unit
     * @param left      left value; null when the left set lacks it
     * @param right     right value; null when the right set lacks it
     * @param leftText  left value as people write it ("" when absent)
     * @param rightText right value as people write it ("" when absent)
     * @param status    how the two relate
     */
    public record Row(String key, String group, LocalizedText label, String unit, Double left, Double right,
                      String leftText, String rightText, Status status) {

        public boolean differs() {
            return status != Status.SAME;
        }
    }

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** Rows whose values differ (or exist on one side only). */
    public List<Row> differences() {
        return rows.stream().filter(Row::differs).toList();
    }

    /** No difference at all. */
    public boolean identical() {
        return rows.stream().noneMatch(Row::differs);
    }

    /**
     * A plain-text table for a terminal: group, key, label (in {@code locale}'s language), both values, unit
     * and a {@code *} on differing rows; Chinese text is measured as two columns wide. Ends with a summary.
     *
     * @param leftTitle        heading of the left value column, e.g. "Device"
     * @param rightTitle       heading of the right value column, e.g. "File"
     * @param onlyDifferences  leave out rows with equal values
     */
    public String render(String leftTitle, String rightTitle, Locale locale, boolean onlyDifferences) {
        return TextTable.render(this, leftTitle, rightTitle, locale, onlyDifferences);
    }
}
