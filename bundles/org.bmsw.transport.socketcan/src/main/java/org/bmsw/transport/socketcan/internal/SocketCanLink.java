package org.bmsw.transport.socketcan.internal;

import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.bmsw.transport.spi.AbstractLink;
import org.bmsw.transport.spi.FrameListeners;
import org.bmsw.transport.spi.FrameQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CAN bus behind a SocketCAN interface. One reader thread moves received frames into a queue, so a vanished
 * interface is noticed even while nobody receives; a frame is sent by the caller's thread straight to the socket.
 *
 * <p>An interface that goes down (or whose transmit queue is full) is an error the caller hears about and that is
 * counted; the link stays open and works again once the interface is up. An interface that disappears (USB adapter
 * unplugged, {@code ip link delete}) closes the link with {@link Reason#DISCONNECTED}.
 */
final class SocketCanLink extends AbstractLink implements CanLink {

    private static final Logger LOG = LoggerFactory.getLogger(SocketCanLink.class);

    /** Received frames kept for a slow consumer; beyond this the oldest go (and are counted). */
    static final int RECEIVE_QUEUE = 10_000;
    /** After a passing receive error, so an error that repeats cannot spin the reader. */
    private static final long ERROR_PAUSE_MILLIS = 50;
    /** How long closing waits for the reader to leave the socket before closing it anyway. */
    private static final long READER_STOP_MILLIS = 2_000;

    private final CanSocket socket;
    private final String name;

    private final FrameQueue received = new FrameQueue(RECEIVE_QUEUE);
    private final FrameListeners listeners;
    private volatile Thread reader;

    SocketCanLink(LinkSettings settings, CanSocket socket) {
        super(settings);
        this.socket = socket;
        this.name = "SocketCAN interface " + settings.path();
        this.listeners = new FrameListeners(settings.describe());
    }

    /** Starts receiving. */
    SocketCanLink start() {
        Thread thread = new Thread(this::readLoop, "bmsw reader " + name);
        thread.setDaemon(true);
        reader = thread;
        thread.start();
        return this;
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        ensureOpen();
        try {
            socket.send(frame);
        } catch (LinkException e) {
            if (e.reason() == Reason.DISCONNECTED) {
                throw fail(e);
            }
            ensureOpen(); // closed meanwhile: say so rather than what the dead socket said
            statistics().error(ErrorKind.OTHER, e.getMessage());
            throw e;
        }
        statistics().bytesSent(CanSocket.FRAME_BYTES);
        statistics().frameSent();
        listeners.sent(frame);
    }

    @Override
    public CanFrame receive(long timeoutNanos) throws LinkException {
        return received.poll(timeoutNanos, this::ensureOpen, name);
    }

    @Override
    public AutoCloseable listen(CanFrameListener listener) {
        return listeners.add(listener);
    }

    private void readLoop() {
        while (isOpen()) {
            CanFrame frame;
            try {
                frame = socket.receive();
            } catch (LinkException e) {
                if (!isOpen()) {
                    return;
                }
                if (e.reason() == Reason.DISCONNECTED || e.reason() == Reason.CLOSED) {
                    fail(new LinkException(Reason.DISCONNECTED, e.getMessage(), e));
                    return;
                }
                statistics().error(ErrorKind.OTHER, e.getMessage());
                LOG.debug("{}: {}", name, e.getMessage());
                pause();
                continue;
            } catch (IllegalArgumentException e) {
                statistics().error(ErrorKind.FRAMING, name + " delivered a malformed frame: " + e.getMessage());
                continue;
            } catch (RuntimeException | LinkageError e) {
                if (isOpen()) {
                    fail(new LinkException(Reason.IO, name + ": receiving failed: " + e, e));
                }
                return;
            }
            if (frame != null) {
                deliver(frame);
            }
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(CanFrame frame) {
        statistics().bytesReceived(CanSocket.FRAME_BYTES);
        statistics().frameReceived();
        listeners.received(frame); // before the reader can answer it: a trace shows the frame first
        if (!received.offer(frame)) {
            statistics().error(ErrorKind.OTHER, name + ": dropped a received frame nobody took (queue full)");
        }
    }

    /**
     * Stops the reader, then closes the socket. The order matters: a socket closed under a thread still inside
     * read() frees its descriptor number, which the next open may reuse, and the reader would read someone else's
     * socket. The reader notices within one receive timeout that the link is closed.
     */
    @Override
    protected void release() {
        received.wakeAll();
        Thread thread = reader;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(READER_STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("{}: the reader did not stop within {} ms; closing its socket anyway", name, READER_STOP_MILLIS);
            }
        }
        socket.close();
    }
}
