package org.bmsw.transport.spi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkException;

/**
 * Received CAN frames waiting for a reader: bounded, dropping the oldest frame when nobody takes them,
 * with deadline waits that end as soon as the link closes.
 */
public final class FrameQueue {

    /** Throws the link's closing reason once it is closed. */
    @FunctionalInterface
    public interface OpenCheck {
        void ensureOpen() throws LinkException;
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<CanFrame> frames = new ArrayDeque<>();

    public FrameQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Queues {@code frame}; returns false when the oldest frame had to be dropped to make room. */
    public boolean offer(CanFrame frame) {
        lock.lock();
        try {
            boolean room = frames.size() < capacity;
            if (!room) {
                frames.removeFirst();
            }
            frames.addLast(frame);
            arrived.signalAll();
            return room;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next frame, waiting at most {@code timeoutNanos}; null on timeout.
     *
     * @param link checked before every look, so a closed link ends the wait with its reason
     * @param name names the link in the message when the wait is interrupted
     */
    public CanFrame poll(long timeoutNanos, OpenCheck link, String name) throws LinkException {
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        lock.lock();
        try {
            while (true) {
                link.ensureOpen();
                CanFrame frame = frames.pollFirst();
                if (frame != null) {
                    return frame;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(LinkException.Reason.IO, "Interrupted while receiving from " + name, e);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader, e.g. because the link closed. */
    public void wakeAll() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
