package org.bmsw.transport.slcan.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.bmsw.transport.api.ByteLink;
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
 * A CAN bus behind an slcan adapter. Frames are sent without waiting for the adapter's acknowledgement
 * (that would halve the frame rate); acknowledgements and BELL error replies are matched to sent frames in
 * order, and each BELL is counted as an error.
 */
final class SlcanLink extends AbstractLink implements CanLink {

    private static final Logger LOG = LoggerFactory.getLogger(SlcanLink.class);

    /** Received frames kept for a slow consumer; beyond this the oldest go (and are counted). */
    static final int RECEIVE_QUEUE = 10_000;
    /** Sent frames awaiting an acknowledgement; adapters that never acknowledge must not grow this forever. */
    private static final int UNACKNOWLEDGED = 64;
    private static final int MAX_LINE = 32;
    private static final long READ_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ByteLink bytes;
    private final String name;

    private final FrameQueue received = new FrameQueue(RECEIVE_QUEUE);
    private final FrameListeners listeners;
    /** Guards {@link #unacknowledged}: sends add, the reader's CR and BELL replies take. */
    private final ReentrantLock state = new ReentrantLock();
    private final Deque<CanFrame> unacknowledged = new ArrayDeque<>();

    private final StringBuilder line = new StringBuilder(MAX_LINE);

    SlcanLink(LinkSettings settings, ByteLink bytes) {
        super(settings);
        this.bytes = bytes;
        this.name = "slcan adapter " + settings.path();
        this.listeners = new FrameListeners(settings.describe());
    }

    /**
     * Closes a channel a previous user left open (an adapter answers BELL when it was closed), sets the bit
     * rate, opens the channel, then starts receiving.
     */
    SlcanLink open(char bitrateCode) throws LinkException {
        long deadline = System.nanoTime() + settings().openTimeout().toNanos();
        try {
            bytes.onClose(this::bytesClosed);
            bytes.discardInput();
            command("C", deadline);
            if (!command("S" + bitrateCode, deadline)) {
                throw new LinkException(Reason.INVALID_SETTINGS, name + " refused the CAN bit rate " + settings().baud()
                        + " (S" + bitrateCode + ")");
            }
            if (!command("O", deadline)) {
                throw new LinkException(Reason.IO, name + " refused to open the CAN channel (O)");
            }
        } catch (LinkException e) {
            closeWith(e);
            throw e;
        }
        Thread reader = new Thread(this::readLoop, "bmsw reader " + name);
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** Whatever closed the byte link closes this link, for the same reason; a loss is counted here too. */
    private void bytesClosed(LinkException reason) {
        LinkException ours = new LinkException(reason.reason(), name + ": " + reason.getMessage(), reason);
        if (reason.reason() == Reason.DISCONNECTED) {
            fail(ours);
        } else {
            closeWith(ours);
        }
    }

    /** Sends a command and waits for its reply: true for CR, false for BELL. Frame lines meanwhile are stale. */
    private boolean command(String command, long deadline) throws LinkException {
        bytes.write((command + "\r").getBytes(US_ASCII));
        byte[] one = new byte[1];
        line.setLength(0);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || bytes.read(one, 0, 1, left) == 0) {
                throw new LinkException(Reason.TIMEOUT, name + " did not answer '" + command + "' within "
                        + settings().openTimeout().toMillis() + " ms. Is it an slcan adapter, and is serial.baud ("
                        + bytes.settings().baud() + ") its UART rate?");
            }
            statistics().bytesReceived(1);
            if (one[0] == Slcan.BELL) {
                return false;
            }
            if (one[0] == Slcan.CR) {
                if (line.isEmpty()) {
                    return true;
                }
                line.setLength(0);
            } else if (line.length() < MAX_LINE) {
                line.append((char) one[0]);
            }
        }
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        ensureOpen();
        byte[] encoded = (Slcan.format(frame) + "\r").getBytes(US_ASCII);
        state.lock();
        try {
            if (unacknowledged.size() == UNACKNOWLEDGED) {
                unacknowledged.removeFirst();
            }
            unacknowledged.addLast(frame);
        } finally {
            state.unlock();
        }
        try {
            bytes.write(encoded);
        } catch (LinkException e) {
            ensureOpen(); // the byte link's loss closed us: say so in our words
            throw e;
        }
        statistics().bytesSent(encoded.length);
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
        byte[] buffer = new byte[4096];
        line.setLength(0);
        while (isOpen()) {
            int n;
            try {
                n = bytes.read(buffer, 0, buffer.length, READ_SLICE_NANOS);
            } catch (LinkException e) {
                // The byte link is closed or closing (nobody interrupts this thread); bytesClosed() closes
                // this link once, with the reason, so a loss is counted once.
                return;
            }
            statistics().bytesReceived(n);
            for (int i = 0; i < n; i++) {
                accept(buffer[i]);
            }
        }
    }

    private void accept(byte b) {
        if (b == Slcan.BELL) {
            line.setLength(0);
            refused();
        } else if (b == Slcan.CR) {
            String complete = line.toString();
            line.setLength(0);
            handle(complete);
        } else if (b != '\n') {
            if (line.length() == MAX_LINE) {
                statistics().error(ErrorKind.FRAMING, name + " sent a line longer than any slcan message: " + line);
                line.setLength(0);
            }
            line.append((char) (b & 0xFF));
        }
    }

    private void handle(String complete) {
        char kind = complete.isEmpty() ? '\r' : complete.charAt(0);
        switch (kind) {
            case '\r', 'z', 'Z' -> acknowledged();
            case 't', 'T', 'r', 'R' -> {
                try {
                    deliver(Slcan.parse(complete, System.nanoTime()));
                } catch (IllegalArgumentException e) {
                    statistics().error(ErrorKind.FRAMING, name + " sent a malformed frame '" + complete + "': "
                            + e.getMessage());
                }
            }
            default -> LOG.debug("{}: ignoring '{}'", name, complete); // status or version replies
        }
    }

    private void acknowledged() {
        state.lock();
        try {
            unacknowledged.pollFirst();
        } finally {
            state.unlock();
        }
    }

    private void refused() {
        CanFrame frame;
        state.lock();
        try {
            frame = unacknowledged.pollFirst();
        } finally {
            state.unlock();
        }
        String message = frame == null ? name + " reported an error (BELL)"
                : name + " refused to send " + frame + " (BELL: transmit buffer full, bus off, or channel closed)";
        statistics().error(ErrorKind.EXCEPTION_RESPONSE, message);
        LOG.debug(message);
    }

    /** Listeners first: a trace shows a frame before anything its reader sends in reply. */
    private void deliver(CanFrame frame) {
        statistics().frameReceived();
        listeners.received(frame);
        if (!received.offer(frame)) {
            statistics().error(ErrorKind.OTHER, name + ": dropped a received frame nobody took (queue full)");
        }
    }

    @Override
    protected void release() {
        received.wakeAll();
        if (bytes.isOpen()) {
            try {
                bytes.write(new byte[] {'C', Slcan.CR}); // leave the adapter off the bus
            } catch (LinkException e) {
                LOG.debug("{}: could not close the CAN channel: {}", name, e.getMessage());
            }
        }
        bytes.close();
    }
}
