package org.bmsw.transport.spi;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.bmsw.transport.spi.AbstractLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A byte link over a blocking connection. One reader thread moves received bytes into a buffer, so
 * {@link #read} can wait with a nanosecond deadline (serial drivers often time out only in 100 ms steps)
 * and a vanished device is noticed even while nobody reads.
 *
 * <p>With {@code reconnect}, a lost connection does not close the link: the reader thread reopens it with
 * back-off. Every loss is counted and thrown once to the next caller, and bytes received before it are
 * dropped, so nothing from before a disconnect is ever presented as fresh.
 *
 * <p>With {@code echo} (half-duplex adapters that hear their own transmission), {@link #write} waits for
 * the echo of what it wrote and drops exactly that many bytes.
 */
public final class StreamLink extends AbstractLink implements ByteLink {

    /** An open port. */
    public interface Connection {
        /** Blocks until at least one byte arrives; -1 when the other end is gone. */
        int read(byte[] buffer) throws IOException;

        void write(byte[] data, int offset, int length) throws IOException;

        /** Closes; a thread blocked in {@link #read} returns. Called exactly once. */
        void close();
    }

    /** Opens a connection; {@code vanished} is called (on any thread) if the OS reports the device gone. */
    public interface Connector {
        Connection open(Consumer<Connection> vanished) throws LinkException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamLink.class);

    public static final int BUFFER_CAPACITY = 64 * 1024;
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** USB adapters deliver the echo in latency-timer chunks (FTDI: 16 ms), so allow well beyond wire time. */
    private static final long ECHO_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final Connector connector;
    private final boolean reconnect;
    private final boolean echo;
    private final ReentrantLock transaction = new ReentrantLock();

    /** Guards everything below; {@code changed} is signalled on data, echo progress, loss and close. */
    private final ReentrantLock state = new ReentrantLock();
    private final Condition changed = state.newCondition();
    private final byte[] ring = new byte[BUFFER_CAPACITY];
    private int head;
    private int size;
    private Connection current;
    /** A loss no caller has been told about yet. */
    private LinkException unreported;
    private byte[] echoExpected;
    private int echoSeen;
    private int echoMismatches;

    /**
     * @param name what messages call the port, e.g. "serial port /dev/ttyUSB0"
     */
    public StreamLink(LinkSettings settings, String name, Connector connector, boolean reconnect, boolean echo) {
        super(settings);
        this.name = name;
        this.connector = connector;
        this.reconnect = reconnect;
        this.echo = echo;
    }

    /** Opens the first connection and starts reading. */
    public StreamLink start() throws LinkException {
        try {
            current = connector.open(this::vanished);
        } catch (LinkException e) {
            closeWith(e);
            throw e;
        }
        Thread reader = new Thread(this::readLoop, "bmsw reader " + name);
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    @Override
    public Lock lock() {
        return transaction;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutNanos) throws LinkException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        state.lock();
        try {
            while (true) {
                checkUsable();
                if (size > 0 || length == 0) {
                    return take(buffer, offset, length);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(Reason.IO, "Interrupted while reading from " + name, e);
        } finally {
            state.unlock();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws LinkException {
        Objects.checkFromIndexSize(offset, length, data.length);
        Connection connection;
        state.lock();
        try {
            checkUsable();
            connection = current;
            if (echo) {
                echoExpected = Arrays.copyOfRange(data, offset, offset + length);
                echoSeen = 0;
                echoMismatches = 0;
            }
        } finally {
            state.unlock();
        }
        try {
            connection.write(data, offset, length);
        } catch (IOException e) {
            lost(connection, "writing failed: " + e.getMessage());
            throw takeFailure();
        }
        statistics().bytesSent(length);
        if (echo) {
            awaitEcho(length);
        }
    }

    @Override
    public void discardInput() throws LinkException {
        state.lock();
        try {
            checkUsable();
            head = 0;
            size = 0;
        } finally {
            state.unlock();
        }
    }

    @Override
    protected void release() {
        Connection connection;
        state.lock();
        try {
            connection = current;
            current = null;
            changed.signalAll();
        } finally {
            state.unlock();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private void readLoop() {
        byte[] chunk = new byte[4096];
        while (isOpen()) {
            Connection connection = connection();
            if (connection == null) {
                reopen();
                continue;
            }
            try {
                int n = connection.read(chunk);
                if (n > 0) {
                    received(chunk, n);
                } else if (n < 0) {
                    lost(connection, "the other end closed it");
                }
            } catch (IOException | RuntimeException e) {
                lost(connection, e.getMessage());
            }
        }
    }

    private Connection connection() {
        state.lock();
        try {
            return current;
        } finally {
            state.unlock();
        }
    }

    private void received(byte[] chunk, int n) {
        statistics().bytesReceived(n);
        state.lock();
        try {
            int from = 0;
            if (echoExpected != null) {
                while (from < n && echoSeen < echoExpected.length) {
                    if (chunk[from++] != echoExpected[echoSeen++]) {
                        echoMismatches++;
                    }
                }
            }
            append(chunk, from, n - from);
            changed.signalAll();
        } finally {
            state.unlock();
        }
    }

    /**
     * Appends a chunk (never larger than the ring) to the ring; when nobody reads and it overflows, the
     * oldest bytes go and are counted.
     */
    private void append(byte[] chunk, int from, int n) {
        if (n == 0) {
            return;
        }
        int overflow = size + n - ring.length;
        if (overflow > 0) {
            head = (head + overflow) % ring.length;
            size -= overflow;
            statistics().error(ErrorKind.OTHER, "Dropped " + overflow + " received bytes of " + name
                    + " that nobody read (buffer full)");
        }
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(chunk, from, ring, tail, first);
        System.arraycopy(chunk, from + first, ring, 0, n - first);
        size += n;
    }

    private int take(byte[] buffer, int offset, int length) {
        int n = Math.min(length, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, buffer, offset, first);
        System.arraycopy(ring, 0, buffer, offset + first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    private void awaitEcho(int length) throws LinkException {
        long deadline = System.nanoTime() + 2 * length * settings().characterTimeNanos() + ECHO_SLACK_NANOS;
        state.lock();
        try {
            while (echoSeen < echoExpected.length) {
                checkUsable();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    int seen = echoSeen;
                    echoExpected = null;
                    throw new LinkException(Reason.TIMEOUT, name + " did not echo what was sent (" + seen + " of "
                            + length + " bytes came back). Does this adapter echo? If not, remove rs485.echo=true.");
                }
                changed.awaitNanos(left);
            }
            if (echoMismatches > 0) {
                // Our transmission was garbled on the bus; the reply will be missing or bad, which the protocol sees.
                String message = name + ": the echo differed from what was sent in " + echoMismatches + " of " + length
                        + " bytes (bus collision or noise)";
                statistics().error(ErrorKind.FRAMING, message);
                LOG.warn(message);
            }
            echoExpected = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            echoExpected = null;
            throw new LinkException(Reason.IO, "Interrupted while waiting for the echo on " + name, e);
        } finally {
            state.unlock();
        }
    }

    /** Called with the state lock held: throws if the link is closed, lost, or waiting to reconnect. */
    private void checkUsable() throws LinkException {
        ensureOpen();
        if (unreported != null || current == null) {
            throw takeFailure();
        }
    }

    /** The failure to throw after a loss: the unreported one (once), else the close reason, else "reconnecting". */
    private LinkException takeFailure() {
        state.lock();
        try {
            LinkException failure = unreported;
            if (failure != null) {
                unreported = null;
                return new LinkException(failure.reason(), failure.getMessage());
            }
            try {
                ensureOpen();
            } catch (LinkException closed) {
                return closed;
            }
            return new LinkException(Reason.DISCONNECTED, name + " is disconnected; reconnecting");
        } finally {
            state.unlock();
        }
    }

    private void vanished(Connection connection) {
        lost(connection, "the device vanished (unplugged?)");
    }

    /** The connection failed: drop it and what it delivered, then close the link or let the reader reopen. */
    private void lost(Connection connection, String why) {
        LinkException failure = new LinkException(Reason.DISCONNECTED, name + " was disconnected: " + why);
        state.lock();
        try {
            if (current != connection || !isOpen()) {
                return; // already handled, or our own close
            }
            current = null;
            head = 0;
            size = 0;
            echoExpected = null;
            // counted before anyone can hear of it
            statistics().error(ErrorKind.DISCONNECT, failure.getMessage());
            unreported = failure;
            changed.signalAll();
        } finally {
            state.unlock();
        }
        connection.close();
        if (reconnect) {
            LOG.warn("{}; reconnecting", failure.getMessage());
        } else {
            LOG.warn(failure.getMessage());
            closeWith(failure); // not fail(): that would count the loss again
        }
    }

    /** Runs on the reader thread until the connection is back or the link closed. */
    private void reopen() {
        long delay = FIRST_RETRY_NANOS;
        for (int attempt = 1; isOpen(); attempt++) {
            if (!sleep(delay)) {
                return;
            }
            Connection connection;
            try {
                connection = connector.open(this::vanished);
            } catch (LinkException e) {
                LOG.debug("Reconnecting {}, attempt {}: {}", name, attempt, e.getMessage());
                delay = Math.min(delay * 2, MAX_RETRY_NANOS);
                continue;
            }
            state.lock();
            try {
                if (isOpen()) {
                    current = connection;
                    head = 0;
                    size = 0;
                    changed.signalAll();
                    LOG.info("{} reconnected after {} attempt(s)", name, attempt);
                    return;
                }
            } finally {
                state.unlock();
            }
            connection.close(); // closed while we were reopening
            return;
        }
    }

    /** Sleeps unless the link closes first; returns whether it is still open. */
    private boolean sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        state.lock();
        try {
            long left;
            while (isOpen() && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            return isOpen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            state.unlock();
        }
    }
}
