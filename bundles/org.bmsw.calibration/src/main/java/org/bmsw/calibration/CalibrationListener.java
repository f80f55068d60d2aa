package org.bmsw.calibration;

import org.bmsw.device.api.LocalizedText;

/** Progress of a running procedure; called on the procedure's thread. */
@FunctionalInterface
public interface CalibrationListener {

    CalibrationListener NONE = (stage, message) -> {
    };

    enum Stage {
        /** Access, inputs and the device's present values. */
        CHECKING,
        /** Reading until the precondition holds steadily. */
        WAITING,
        /** Saving the affected parameters. */
        BACKING_UP,
        /** Writing to the device. */
        WRITING,
        /** Reading again to check the result. */
        VERIFYING,
        /** Putting the backed-up values back after a failure. */
        RESTORING,
        /** Finished, whatever the outcome. */
        DONE
    }

    void progress(Stage stage, LocalizedText message);
}
