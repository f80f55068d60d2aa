package org.bmsw.protocol.modbus;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;

/**
 * A minimal test ByteLink on a pty (one end of a socat pair, already in raw mode): a reader thread fills a buffer,
 * {@link #read} waits on it with a deadline. Not a transport: just enough to put real bytes through a real tty.
 */
final class PtyLink implements ByteLink {

    private final LinkSettings settings;
    private final RandomAccessFile file;
    private final LinkStatistics statistics = new LinkStatistics();
    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean open = true;
    private volatile IOException failure;
    private final java.io.ByteArrayOutputStream tap = new java.io.ByteArrayOutputStream();

    PtyLink(Path path, int baud) throws IOException {
        this.settings = LinkSettings.of("pty", path.toString(), baud);
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.reader = new Thread(this::pump, "pty-reader " + path);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] buf = new byte[512];
        try {
            while (open) {
                int n = file.read(buf);
                if (n < 0) {
                    break;
                }
                synchronized (monitor) {
                    received.write(buf, 0, n);
                    tap.write(buf, 0, n);
                    statistics.bytesReceived(n);
                    monitor.notifyAll();
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            synchronized (monitor) {
                open = false;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws LinkException {
        if (!open) {
            throw new LinkException(LinkException.Reason.CLOSED, "pty closed");
        }
        try {
            file.write(data, offset, length);
            statistics.bytesSent(length);
        } catch (IOException e) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, "pty write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutNanos) throws LinkException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (monitor) {
            while (received.size() == 0) {
                if (!open) {
                    throw new LinkException(LinkException.Reason.DISCONNECTED, "pty closed"
                            + (failure != null ? ": " + failure.getMessage() : ""));
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    return 0;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
            byte[] all = received.toByteArray();
            int n = Math.min(length, all.length);
            System.arraycopy(all, 0, buffer, offset, n);
            received.reset();
            received.write(all, n, all.length - n);
            return n;
        }
    }

    /** Every byte received since the link was opened. */
    byte[] receivedSoFar() {
        synchronized (monitor) {
            return tap.toByteArray();
        }
    }

    @Override
    public void discardInput() {
        synchronized (monitor) {
            received.reset();
        }
    }

    @Override
    public Lock lock() {
        return lock;
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public LinkStatistics statistics() {
        return statistics;
    }

    @Override
    public void onClose(Consumer<LinkException> listener) {
    }

    @Override
    public void close() {
        open = false;
        try {
            file.close();
        } catch (IOException ignored) {
            // closing a tty the reader blocks on; the reader ends when socat goes away
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
