package org.bmsw.protocol.xcp.target;

import org.bmsw.protocol.xcp.XcpError;

/** Thrown by a target's memory to answer a command with a negative response. */
public class XcpRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final XcpError error;

    public XcpRefusal(XcpError error, String message) {
        super(message);
        this.error = error;
    }

    public XcpError error() {
        return error;
    }
}
