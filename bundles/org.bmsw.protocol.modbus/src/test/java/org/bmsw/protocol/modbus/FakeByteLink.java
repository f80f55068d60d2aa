package org.bmsw.protocol.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;

/**
 * An in-memory byte link for unit tests. What the code under test writes goes to a {@link Responder}, which
 * schedules bytes to arrive after given delays (real time). Records every write with its time, and checks that
 * writes happen under the link lock.
 */
final class FakeByteLink implements ByteLink {

    interface Responder {
        void onWrite(FakeByteLink link, byte[] request);
    }

    record Write(byte[] data, long atNanos) {
    }

    private record Chunk(byte[] data, long dueNanos) {
    }

    private final LinkSettings settings;
    private final LinkStatistics statistics = new LinkStatistics();
    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private final List<Chunk> scheduled = new ArrayList<>();
    private final java.io.ByteArrayOutputStream available = new java.io.ByteArrayOutputStream();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<Long> deliveries = new CopyOnWriteArrayList<>();
    private volatile Responder responder = (l, r) -> { };
    private volatile boolean open = true;
    volatile boolean unlockedWrite;

    FakeByteLink(int baud) {
        this.settings = LinkSettings.of("fake", "mem", baud);
    }

    FakeByteLink() {
        this(9600);
    }

    FakeByteLink respond(Responder r) {
        this.responder = r;
        return this;
    }

    /** Makes {@code data} arrive after {@code delayMillis}. */
    void deliver(byte[] data, long delayMillis) {
        synchronized (monitor) {
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            // keep arrival order: a chunk never overtakes one scheduled before it
            if (!scheduled.isEmpty()) {
                due = Math.max(due, scheduled.get(scheduled.size() - 1).dueNanos());
            }
            scheduled.add(new Chunk(data.clone(), due));
            monitor.notifyAll();
        }
    }

    void deliver(byte[] data) {
        deliver(data, 0);
    }

    List<Write> writes() {
        return writes;
    }

    /** Times (nanoTime) at which scheduled chunks became readable. */
    List<Long> deliveries() {
        return deliveries;
    }

    /** Waits until every scheduled chunk has become readable. */
    void awaitScheduled() throws InterruptedException {
        synchronized (monitor) {
            while (true) {
                promote();
                if (scheduled.isEmpty()) {
                    return;
                }
                long waitNanos = scheduled.get(0).dueNanos() - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.timedWait(monitor, waitNanos);
                }
            }
        }
    }

    private void promote() {
        long now = System.nanoTime();
        while (!scheduled.isEmpty() && scheduled.get(0).dueNanos() - now <= 0) {
            byte[] d = scheduled.remove(0).data();
            available.write(d, 0, d.length);
            deliveries.add(now);
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws LinkException {
        if (!open) {
            throw new LinkException(LinkException.Reason.CLOSED, "fake link closed");
        }
        if (!lock.isHeldByCurrentThread()) {
            unlockedWrite = true;
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        writes.add(new Write(copy, System.nanoTime()));
        statistics.bytesSent(length);
        responder.onWrite(this, copy);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutNanos) throws LinkException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (monitor) {
            while (true) {
                if (!open) {
                    throw new LinkException(LinkException.Reason.CLOSED, "fake link closed");
                }
                promote();
                if (available.size() > 0) {
                    byte[] all = available.toByteArray();
                    int n = Math.min(length, all.length);
                    System.arraycopy(all, 0, buffer, offset, n);
                    available.reset();
                    available.write(all, n, all.length - n);
                    statistics.bytesReceived(n);
                    return n;
                }
                long now = System.nanoTime();
                long until = deadline;
                if (!scheduled.isEmpty() && scheduled.get(0).dueNanos() - until < 0) {
                    until = scheduled.get(0).dueNanos();
                }
                long waitNanos = until - now;
                if (deadline - now <= 0) {
                    return 0;
                }
                try {
                    if (waitNanos > 0) {
                        TimeUnit.NANOSECONDS.timedWait(monitor, waitNanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
    }

    @Override
    public void discardInput() {
        synchronized (monitor) {
            promote();
            available.reset();
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
        synchronized (monitor) {
            open = false;
            monitor.notifyAll();
        }
    }
}
