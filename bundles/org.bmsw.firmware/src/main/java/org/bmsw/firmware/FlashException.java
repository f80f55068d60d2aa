package org.bmsw.firmware;

/**
 * A flash that did not complete: in which phase, why, and in what state it left the device (always one from which
 * flashing again completes).
 */
public class FlashException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The validation refused the image or a confirmation is missing; nothing was sent. */
        REFUSED,
        /** The parameter backup failed; nothing on the device was changed. */
        BACKUP_FAILED,
        /** No bootloader answered, or it cannot be programmed by this master. */
        NO_BOOTLOADER,
        /** The device stopped answering or refused a command, after every retry. */
        DEVICE,
        /** The programmed bytes are not the image's. */
        VERIFY_FAILED,
        /** Cancelled by the caller, between blocks. */
        CANCELLED
    }

    private final Reason reason;
    private final FlashPhase phase;
    private final boolean eraseStarted;
    private final String problem;
    private final String deviceState;

    public FlashException(Reason reason, FlashPhase phase, boolean eraseStarted, String problem, String deviceState,
                          Throwable cause) {
        super(problem + " (" + phase + "). " + deviceState, cause);
        this.reason = reason;
        this.phase = phase;
        this.eraseStarted = eraseStarted;
        this.problem = problem;
        this.deviceState = deviceState;
    }

    /** What went wrong, without the phase and the device's state. */
    public String problem() {
        return problem;
    }

    public Reason reason() {
        return reason;
    }

    /** The phase that did not complete. */
    public FlashPhase phase() {
        return phase;
    }

    /** True if the bootloader was asked to erase: only flashing again brings a new application. */
    public boolean eraseStarted() {
        return eraseStarted;
    }

    /** In what state the device was left and what to do next, in words. */
    public String deviceState() {
        return deviceState;
    }
}
