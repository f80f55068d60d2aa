package org.bmsw.transport.tcp.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

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
 * {@link #read} can wait with a nanosecond deadline and a closed connection is noticed even while nobody
 * reads. (The serial transport has the same class with half-duplex echo handling; a shared base in the
 * transport SPI would remove the copy.)
 *
 * <p>With {@code reconnect}, a lost connection does not close the link: the reader thread reopens it with
 * back-off. Every loss is counted and thrown once to the next caller, and bytes received before it are
 * dropped, so nothing from before a disconnect is ever presented as fresh.
 */
final class StreamLink extends AbstractLink implements ByteLink {

    /** An open port. */
    interface Connection {
        /** Blocks until at least one byte arrives; -1 when the other end is gone. */
        int read(byte[] buffer) throws IOException;

        void write(byte[] data, int offset, int length) throws IOException;

        /** Closes; a thread blocked in {@link #read} returns. Called exactly once. */
        void close();
    }

    interface Connector {
        Connection open() throws LinkException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamLink.class);

    static final int BUFFER_CAPACITY = 64 * 1024;
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final Connector connector;
    private final boolean reconnect;
    private final ReentrantLock transaction = new ReentrantLock();

    /** Guards everything below; {@code changed} is signalled on data, loss and close. */
    private final ReentrantLock state = new ReentrantLock();
    private final Condition changed = state.newCondition();
    private final byte[] ring = new byte[BUFFER_CAPACITY];
    private int head;
    private int size;
    private Connection current;
    /** A loss no caller has been told about yet. */
    private LinkException unreported;

    /**
     * @param name what messages call the connection, e.g. "TCP gateway 10.0.0.7:4001"
     */
    StreamLink(LinkSettings settings, String name, Connector connector, boolean reconnect) {
        super(settings);
        this.name = name;
        this.connector = connector;
        this.reconnect = reconnect;
    }

    /** Opens the first connection and starts reading. */
    StreamLink start() throws LinkException {
        try {
            current = connector.open();
        } catch (LinkException e) {
            closeWith(e);
            throw e;
        }
        Thread reader = new Thread(this::readLoop, "bmsw reader " + name);
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    String name() {
        return name;
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
            append(chunk, n);
            changed.signalAll();
        } finally {
            state.unlock();
        }
    }

    /** Appends to the ring; when nobody reads and it overflows, the oldest bytes go and are counted. */
    private void append(byte[] chunk, int n) {
        int overflow = size + n - ring.length;
        if (overflow > 0) {
            head = (head + overflow) % ring.length;
            size -= overflow;
            statistics().error(ErrorKind.OTHER, "Dropped " + overflow + " received bytes of " + name
                    + " that nobody read (buffer full)");
        }
        for (int i = 0; i < n; i++) {
            ring[(head + size + i) % ring.length] = chunk[i];
        }
        size += n;
    }

    private int take(byte[] buffer, int offset, int length) {
        int n = Math.min(length, size);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = ring[(head + i) % ring.length];
        }
        head = (head + n) % ring.length;
        size -= n;
        return n;
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

    /** The connection failed: drop it and what it delivered, then close the link or let the reader reopen. */
    private void lost(Connection connection, String why) {
        LinkException failure = new LinkException(Reason.DISCONNECTED, name + " was disconnected: " + why);
        state.lock();
        try {
            if (current != connection || !isOpen()) {
                return; // already handled, or our own close
            }
            current = null;
            unreported = failure;
            head = 0;
            size = 0;
            changed.signalAll();
        } finally {
            state.unlock();
        }
        connection.close();
        if (reconnect) {
            statistics().error(ErrorKind.DISCONNECT, failure.getMessage());
            LOG.warn("{}; reconnecting", failure.getMessage());
        } else {
            LOG.warn(failure.getMessage());
            fail(failure);
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
                connection = connector.open();
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
