package org.bmsw.transport.socketcan.internal;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkException;

/**
 * A CAN_RAW socket bound to one interface, as {@link SocketCanLink} uses it. Failures arrive already translated:
 * {@link LinkException.Reason#DISCONNECTED} means the interface is gone and the socket is useless; any other
 * reason is a passing error (interface down, transmit queue full) after which the socket still works.
 */
interface CanSocket {

    /** Size of {@code struct can_frame}: what one frame moves through the socket. */
    int FRAME_BYTES = 16;

    void send(CanFrame frame) throws LinkException;

    /**
     * Waits a short, fixed time (the socket's receive timeout) for the next frame.
     *
     * @return the frame, or {@code null} if none came in that time or the kernel delivered one this link does not
     *         carry (an error frame)
     */
    CanFrame receive() throws LinkException;

    /** Closes the socket. Must not be called while another thread is inside {@link #receive()}. */
    void close();
}
