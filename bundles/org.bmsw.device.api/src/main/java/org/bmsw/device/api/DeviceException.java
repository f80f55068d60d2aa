package org.bmsw.device.api;

/** A device-level failure: what went wrong, in words, with a reason programs can act on. */
public class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The link failed or closed; the cause is the link's exception. */
        LINK,
        /** The device did not answer in time (after retries). */
        TIMEOUT,
        /** The answer was malformed (checksum, length, wrong address) after retries. */
        PROTOCOL,
        /** The device answered with a refusal (e.g. a Modbus exception response). */
        REJECTED,
        /** The device or profile cannot do this. */
        UNSUPPORTED,
        /** The value or request was refused before anything was sent. */
        INVALID,
        /** The session was closed. */
        CLOSED
    }

    private final Reason reason;

    public DeviceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeviceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
