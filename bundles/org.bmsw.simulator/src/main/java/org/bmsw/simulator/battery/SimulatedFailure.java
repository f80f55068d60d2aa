package org.bmsw.simulator.battery;

/**
 * Failures the host can inject (the JDI tool's "simulated failures"). Each forces the flag a real fault would
 * raise, through the same logic, so the switches react as they would.
 */
public enum SimulatedFailure {
    /** Internal (daisy chain / BMU) communication lost: COMBit, alarm COMM, both switches open. */
    COMMUNICATION,
    /** Supply fault: VCC drops to 8 V, PWRBit, both switches open. */
    POWER_SUPPLY,
    /** The load never pre-charges: the pre-charge times out, PreChg, discharge stays open. */
    PRECHARGE,
    /** Charge switch fails open: alarm C_ER, no charge current. */
    CHARGE_SWITCH,
    /** Discharge switch fails open: alarm D_ER, no discharge current. */
    DISCHARGE_SWITCH,
    /** Insulation breaks down to the configured fault resistance on the positive side. */
    INSULATION,
    /** Probe T01 opens: it reads as not fitted; PreChg (the manual's "temperature malfunction" bit). */
    TEMPERATURE_SENSOR,
    /** Current sensor lost: the BMS reads 0 A whatever flows. */
    CURRENT_SENSOR
}
