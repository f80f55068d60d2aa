package org.bmsw.protocol.xcp;

import java.util.Optional;
import java.util.OptionalInt;

import org.bmsw.device.api.DeviceException;

/**
 * A failed XCP command. {@link Reason#REJECTED} for a negative response ({@link #errorCode()} says which),
 * {@link Reason#TIMEOUT} when the slave stayed silent (after the retries XCP allows), {@link Reason#PROTOCOL}
 * for a reply that is not a valid response to the command, {@link Reason#LINK} when the link failed,
 * {@link Reason#INVALID} for a command refused before sending (too long for the negotiated packet size, not
 * connected), {@link Reason#UNSUPPORTED} for slave features this master does not handle, and
 * {@link Reason#CLOSED} when the calling thread was interrupted (cancelled). Messages name the slave, the
 * command and what went wrong.
 */
public class XcpException extends DeviceException {

    private static final long serialVersionUID = 1L;

    private final int commandCode;
    private final int errorCode;

    public XcpException(Reason reason, String message, int commandCode, int errorCode, Throwable cause) {
        super(reason, message, cause);
        this.commandCode = commandCode;
        this.errorCode = errorCode;
    }

    public XcpException(Reason reason, String message, XcpCommand command, Throwable cause) {
        this(reason, message, command == null ? -1 : command.code(), -1, cause);
    }

    /** The command that failed, empty if it is not one this module knows. */
    public Optional<XcpCommand> command() {
        return commandCode < 0 ? Optional.empty() : XcpCommand.of(commandCode);
    }

    /** The packet identifier of the command that failed, -1 if none. */
    public int commandCode() {
        return commandCode;
    }

    /** The error code of a negative response ({@link Reason#REJECTED}), empty otherwise. */
    public OptionalInt errorCode() {
        return errorCode < 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }

    /** The negative response's error as a known {@link XcpError}, empty if none or unknown. */
    public Optional<XcpError> error() {
        return errorCode < 0 ? Optional.empty() : XcpError.of(errorCode);
    }
}
