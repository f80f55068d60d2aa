package org.bmsw.protocol.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkStatistics;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;

/**
 * One or more {@link ModbusRtuSlave}s on one byte stream: splits the incoming bytes into request frames
 * ({@link RtuFrameSplitter}), lets every slave that accepts the address handle each frame, and sends the replies.
 * This is what a virtual device on a pty or a TCP socket runs.
 */
public final class RtuServer {

    /** How long the line must be quiet before pending bytes count as one (unknown-length) frame or garbage. */
    public static final Duration DEFAULT_END_OF_FRAME_SILENCE = Duration.ofMillis(100);

    private final List<ModbusRtuSlave> slaves;
    private final RtuFrameSplitter splitter = RtuFrameSplitter.forRequests();
    private volatile Duration endOfFrameSilence = DEFAULT_END_OF_FRAME_SILENCE;
    private long replies;

    public RtuServer(Collection<ModbusRtuSlave> slaves) {
        this.slaves = List.copyOf(slaves);
        if (this.slaves.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one slave");
        }
        Set<Integer> seen = new HashSet<>();
        for (ModbusRtuSlave slave : this.slaves) {
            if (!seen.add(slave.unit())) {
                throw new IllegalArgumentException("two slaves with address " + slave.unit());
            }
            slave.userRequestLengths().forEach(splitter::withFunction);
        }
    }

    public RtuServer(ModbusRtuSlave... slaves) {
        this(List.of(slaves));
    }

    /**
     * How long the line must be quiet before pending bytes are taken as a frame of unknown length or dropped.
     * Longer than any pause inside a frame (USB adapters deliver in bursts), shorter than the master's timeout.
     */
    public RtuServer withEndOfFrameSilence(Duration silence) {
        if (silence.isNegative() || silence.isZero()) {
            throw new IllegalArgumentException("silence must be positive: " + silence);
        }
        this.endOfFrameSilence = silence;
        return this;
    }

    public List<ModbusRtuSlave> slaves() {
        return slaves;
    }

    /** Feeds received bytes; returns the replies to send, in order. */
    public synchronized List<byte[]> accept(byte[] data, int offset, int length) {
        return dispatch(splitter.feed(data, offset, length));
    }

    /** The line fell silent; returns replies to a frame of unknown length that this ended, if any. */
    public synchronized List<byte[]> endOfFrame() {
        return dispatch(splitter.endOfFrame());
    }

    /** Valid frames seen (for any address). */
    public synchronized long framesSeen() {
        return splitter.frameCount();
    }

    /** Replies produced. */
    public synchronized long repliesSent() {
        return replies;
    }

    /** Bytes dropped as garbage. */
    public synchronized long discardedBytes() {
        return splitter.discardedBytes();
    }

    private List<byte[]> dispatch(List<byte[]> frames) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] frame : frames) {
            for (ModbusRtuSlave slave : slaves) {
                byte[] reply = slave.handle(frame);
                if (reply != null) {
                    out.add(reply);
                    replies++;
                }
            }
        }
        return out;
    }

    /**
     * Serves {@code link} until the thread is interrupted or the link closes. Counts frames received and sent and
     * dropped garbage ({@link ErrorKind#FRAMING}) in the link's statistics.
     *
     * @throws LinkException if the link failed for another reason than being closed by its user
     */
    public void serve(ByteLink link) throws LinkException {
        Objects.requireNonNull(link, "link");
        LinkStatistics stats = link.statistics();
        byte[] buf = new byte[1024];
        long silenceNanos = endOfFrameSilence.toNanos();
        while (!Thread.currentThread().isInterrupted() && link.isOpen()) {
            int n;
            try {
                n = link.read(buf, 0, buf.length, silenceNanos);
            } catch (LinkException e) {
                if (e.reason() == LinkException.Reason.CLOSED || !link.isOpen() && isQuietEnd(e)) {
                    return;
                }
                throw e;
            }
            long framesBefore = framesSeen();
            long discardedBefore = discardedBytes();
            List<byte[]> out = n > 0 ? accept(buf, 0, n) : pendingBytes() > 0 ? endOfFrame() : List.of();
            for (long i = framesBefore; i < framesSeen(); i++) {
                stats.frameReceived();
            }
            long dropped = discardedBytes() - discardedBefore;
            if (dropped > 0) {
                stats.error(ErrorKind.FRAMING, "dropped " + dropped + " bytes that were no valid request frame");
            }
            for (byte[] reply : out) {
                link.write(reply);
                stats.frameSent();
            }
        }
    }

    private static boolean isQuietEnd(LinkException e) {
        return e.reason() == LinkException.Reason.PROVIDER_GONE || e.reason() == LinkException.Reason.DISCONNECTED;
    }

    private synchronized int pendingBytes() {
        return splitter.pending();
    }

    /**
     * Serves a plain stream pair until end of stream or interruption. Streams have no read timeouts, so frames
     * of unknown length (functions neither standard nor registered) are not recognised here; use
     * {@link #serve(ByteLink)} for those.
     */
    public void serve(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1024];
        while (!Thread.currentThread().isInterrupted()) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            for (byte[] reply : accept(buf, 0, n)) {
                out.write(reply);
            }
            out.flush();
        }
    }
}
