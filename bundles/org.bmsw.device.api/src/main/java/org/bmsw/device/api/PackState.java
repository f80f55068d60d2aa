package org.bmsw.device.api;

/**
 * Pack-level values. {@link Double#NaN} (or -1 for counts) where the device does not report one.
 *
 * @param socPercent          state of charge, %
 * @param sohPercent          state of health, %
 * @param voltage             pack voltage, V
 * @param current             A; positive while charging, negative while discharging
 * @param fullChargeCapacity  Ah (FCC)
 * @param remainingCapacity   Ah (RC)
 * @param cycleCount          completed cycles, -1 unknown
 * @param runTimeSeconds      device run time, -1 unknown
 * @param chemistry           e.g. LFP, NMC; empty when unknown
 * @param cellCount           cells in series the device is configured for
 * @param chargeEnabled       charge MOSFET / relay on
 * @param dischargeEnabled    discharge MOSFET / relay on
 */
public record PackState(double socPercent, double sohPercent, double voltage, double current,
                        double fullChargeCapacity, double remainingCapacity, long cycleCount, long runTimeSeconds,
                        String chemistry, int cellCount, boolean chargeEnabled, boolean dischargeEnabled) {

    public PackState {
        chemistry = chemistry == null ? "" : chemistry;
    }

    /** W; positive while charging. */
    public double power() {
        return voltage * current;
    }

    public Direction direction(double restThresholdAmps) {
        if (Double.isNaN(current) || Math.abs(current) <= restThresholdAmps) {
            return Direction.REST;
        }
        return current > 0 ? Direction.CHARGING : Direction.DISCHARGING;
    }

    public enum Direction { CHARGING, DISCHARGING, REST }
}
