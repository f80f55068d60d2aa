package org.bmsw.device.api;

import java.util.Set;

/**
 * Calibrations the device performs itself from a reference value the user supplies (e.g. the Smart
 * BMS "Cal_Cur": zero offset, then real current while charging). Guided procedures wrap this with
 * preconditions, backup and verification.
 */
public interface CalibrationSupport {

    enum Kind {
        /** Zero offset of the current sensor at rest; reference 0 A. */
        CURRENT_ZERO,
        /** Gain of the current sensor from a reference current, A, positive while charging. */
        CURRENT_GAIN
    }

    Set<Kind> kinds();

    /**
     * Asks the device to calibrate.
     *
     * @param reference the reference value in A, in this API's sign convention (positive = charging);
     *                  the profile converts to the device's own convention
     */
    void calibrate(Kind kind, double reference) throws DeviceException;
}
