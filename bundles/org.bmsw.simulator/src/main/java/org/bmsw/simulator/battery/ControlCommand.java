package org.bmsw.simulator.battery;

/**
 * The CTRL buttons of the Smart BMS tool. Host disable commands win over everything; host enable commands only
 * withdraw a host disable — they never override an active protection.
 */
public enum ControlCommand {
    /** Withdraw a host "charge disable". */
    CHG_EN,
    /** Keep the charge switch open until {@link #CHG_EN}. */
    CHG_DIS,
    /** Withdraw a host "discharge disable". */
    DSG_EN,
    /** Keep the discharge switch open until {@link #DSG_EN}. */
    DSG_DIS,
    /** Reboot the BMS logic: clear tripped protections, timers and host disables, wake up. Cells are untouched. */
    RESET,
    /** Restore the parameters the simulator was created with (factory values). */
    RESTORE
}
