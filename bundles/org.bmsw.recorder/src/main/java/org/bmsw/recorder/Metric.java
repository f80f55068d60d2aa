package org.bmsw.recorder;

/** Pack-level values that can be charted over a whole recording. */
public enum Metric {
    /** Pack voltage, V. */
    VOLTAGE("V"),
    /** Current, A, positive while charging. */
    CURRENT("A"),
    /** Power, W, positive while charging. */
    POWER("W"),
    /** State of charge, %. */
    SOC("%"),
    /** Lowest cell, V. */
    MIN_CELL("V"),
    /** Highest cell, V. */
    MAX_CELL("V"),
    /** Highest minus lowest cell, V. */
    CELL_SPREAD("V"),
    /** Hottest fitted probe, °C. */
    MAX_TEMPERATURE("°C"),
    /** Coldest fitted probe, °C. */
    MIN_TEMPERATURE("°C");

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
