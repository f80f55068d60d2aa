package org.bmsw.transport.api;

/**
 * A byte stream with deadlines: RS485/RS232 or RTU over TCP. One user at a time: protocols
 * serialise transactions themselves (see {@link #lock()}).
 */
public interface ByteLink extends Link {

    /**
     * Writes all bytes, blocking until they are handed to the driver.
     *
     * @throws LinkException if the link is closed or the write fails (the link is then closed)
     */
    void write(byte[] data, int offset, int length) throws LinkException;

    default void write(byte[] data) throws LinkException {
        write(data, 0, data.length);
    }

    /**
     * Reads what is available, waiting at most {@code timeoutNanos} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing arrived before the timeout
     * @throws LinkException if the link is closed or the peer is gone (reason DISCONNECTED)
     */
    int read(byte[] buffer, int offset, int length, long timeoutNanos) throws LinkException;

    /** Drops anything received and not yet read: stale bytes from before a request. */
    void discardInput() throws LinkException;

    /**
     * The lock protocols hold for a whole request/response transaction, so several sessions
     * (several device addresses on one bus) can share the link.
     */
    java.util.concurrent.locks.Lock lock();
}
