package org.bmsw.transport.api;

/** A CAN bus reached through an adapter. Frames to all ids are received; filter in the consumer. */
public interface CanLink extends Link {

    /** Queues a frame for transmission. */
    void send(CanFrame frame) throws LinkException;

    /**
     * Waits at most {@code timeoutNanos} for the next frame.
     *
     * @return the frame, or {@code null} on timeout
     */
    CanFrame receive(long timeoutNanos) throws LinkException;

    /** CAN bit rate in bit/s. */
    default int bitrate() {
        return settings().baud();
    }
}
