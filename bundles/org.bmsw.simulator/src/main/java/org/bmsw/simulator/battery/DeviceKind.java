package org.bmsw.simulator.battery;

/** Which real BMS the simulated board imitates: decides layout limits, probes and the extras it reports. */
public enum DeviceKind {
    /** Smart BMS V4.0: one board, up to 32 cells, up to 8 probes (unfitted ones read -40 °C), MOSFET switches. */
    SMART_BMS,
    /** JDI BI5116/BI5132/BI5148 BIU plus up to 10 BMUs, up to 160 cells, 4 NTC per 16 cells, relays, inputs, insulation. */
    JDI
}
