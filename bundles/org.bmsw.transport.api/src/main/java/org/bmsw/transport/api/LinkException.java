package org.bmsw.transport.api;

import java.io.IOException;

/** A link failure with a reason a program can act on and a message a person can. */
public class LinkException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a link failed. */
    public enum Reason {
        /** The port or host does not exist. */
        NOT_FOUND,
        /** Another program holds the port. */
        BUSY,
        /** The user may not open the port (on Linux: not in the {@code dialout} group). */
        PERMISSION_DENIED,
        /** Settings the transport cannot apply (baud, framing, options). */
        INVALID_SETTINGS,
        /** Nothing answered in time. */
        TIMEOUT,
        /** The peer or the adapter went away (cable pulled, USB unplugged, connection reset). */
        DISCONNECTED,
        /** The link was closed by its user. */
        CLOSED,
        /** The transport bundle providing the link stopped, was updated or removed. */
        PROVIDER_GONE,
        /** Anything else; the message says what. */
        IO
    }

    private final Reason reason;

    public LinkException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LinkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
