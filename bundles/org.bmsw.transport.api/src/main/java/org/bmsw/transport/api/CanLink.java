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

    /**
     * Every frame received or sent from now on also goes to {@code listener} (received frames still go to
     * {@link #receive}); close the handle to remove it. Listeners are called on the link's threads and must not
     * block.
     *
     * @throws UnsupportedOperationException when this link cannot tell anyone of its frames
     */
    default AutoCloseable listen(CanFrameListener listener) {
        throw new UnsupportedOperationException(settings().describe() + " offers no frame listener");
    }

    /** CAN bit rate in bit/s. */
    default int bitrate() {
        return settings().baud();
    }
}
