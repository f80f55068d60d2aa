package org.bmsw.protocol.xcp;

import java.time.Duration;

/**
 * Carries XCP packets between the master and one slave: a framing on a link (Modbus RTU function 109, CAN).
 * Implementations for the links of this platform come from {@link XcpTransports}.
 */
public interface XcpTransport {

    /** The largest XCP packet this framing carries, in either direction (251 in Modbus function 109, 8 on CAN). */
    int maxPacketLength();

    /**
     * Sends one command packet and returns the slave's response packet (PID first). Stale input from before the
     * command is dropped first.
     *
     * @throws XcpException {@code TIMEOUT} when no response came within {@code timeout}, {@code PROTOCOL} for a
     *                      garbled reply, {@code LINK} when the link failed, {@code CLOSED} when interrupted
     */
    byte[] exchange(byte[] command, Duration timeout) throws XcpException;

    /** True if {@link #send} works: packets can go out without waiting for an answer (master block mode). */
    default boolean supportsBlockMode() {
        return false;
    }

    /**
     * Sends a packet the slave does not answer (all but the last packet of a block).
     *
     * @throws UnsupportedOperationException unless {@link #supportsBlockMode()}
     */
    default void send(byte[] command) throws XcpException {
        throw new UnsupportedOperationException(describe() + " cannot send XCP packets without a response");
    }

    /**
     * Waits for the next response packet without sending anything: the answers to requests sent ahead of them
     * (interleaved mode). Works where {@link #supportsBlockMode()}.
     *
     * @throws XcpException {@code TIMEOUT} when none came within {@code timeout}
     */
    default byte[] receive(Duration timeout) throws XcpException {
        throw new UnsupportedOperationException(describe() + " cannot wait for XCP responses on their own");
    }

    /** Where this transport reaches, for messages: "Modbus unit 1 (function 109) on serial:/dev/ttyUSB0@115200 8E1". */
    String describe();
}
