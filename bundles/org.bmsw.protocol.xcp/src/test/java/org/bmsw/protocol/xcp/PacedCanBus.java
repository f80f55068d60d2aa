package org.bmsw.protocol.xcp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;

/**
 * A CAN bus in memory with two nodes, paced at its bit rate: each frame occupies the bus for its real length in bits
 * (stuff bits counted from its content, CRC, delimiters, ACK, EOF and the 3-bit intermission), frames from both
 * nodes queue for the one bus, and a frame reaches the other node when its last bit has been sent. Sending does not
 * block, as a CAN controller's transmit queue does not.
 */
final class PacedCanBus {

    private final long bitPicos;
    private final ReentrantLock busLock = new ReentrantLock();
    private long freeAt = System.nanoTime();
    private long busyNanos;
    final Node a;
    final Node b;

    PacedCanBus(int bitrate) {
        this.bitPicos = 1_000_000_000_000L / bitrate;
        LinkSettings settings = LinkSettings.of("paced-can", "memory", bitrate);
        a = new Node(settings, "node A");
        b = new Node(settings, "node B");
        a.peer = b;
        b.peer = a;
    }

    /** Nanoseconds the bus carried frames so far. */
    long busyNanos() {
        busLock.lock();
        try {
            return busyNanos;
        } finally {
            busLock.unlock();
        }
    }

    /** Bits the frame takes on the wire, from start of frame to the end of the intermission after it. */
    static int bits(CanFrame frame) {
        int[] head = new int[64 + 64];
        int n = 0;
        head[n++] = 0; // SOF
        if (frame.extended()) {
            n = put(head, n, frame.id() >>> 18, 11);
            head[n++] = 1; // SRR
            head[n++] = 1; // IDE
            n = put(head, n, frame.id() & 0x3FFFF, 18);
            head[n++] = frame.remote() ? 1 : 0;
            head[n++] = 0; // r1
            head[n++] = 0; // r0
        } else {
            n = put(head, n, frame.id(), 11);
            head[n++] = frame.remote() ? 1 : 0;
            head[n++] = 0; // IDE
            head[n++] = 0; // r0
        }
        n = put(head, n, frame.length(), 4);
        for (byte d : frame.data()) {
            n = put(head, n, d & 0xFF, 8);
        }
        int crc = 0;
        for (int i = 0; i < n; i++) {
            boolean next = (head[i] ^ (crc >>> 14 & 1)) != 0;
            crc = crc << 1 & 0x7FFF;
            if (next) {
                crc ^= 0x4599;
            }
        }
        n = put(head, n, crc, 15);
        int stuffed = 0;
        int run = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            run = head[i] == last ? run + 1 : 1;
            last = head[i];
            if (run == 5) {
                stuffed++;
                last = 1 - last; // the stuff bit starts the next run
                run = 1;
            }
        }
        return n + stuffed + 1 + 2 + 7 + 3; // CRC delimiter, ACK slot and delimiter, EOF, intermission
    }

    private static int put(int[] bits, int at, int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bits[at++] = value >>> i & 1;
        }
        return at;
    }

    /** One node's view of the bus. */
    final class Node extends AbstractLink implements CanLink {

        private final String name;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final Deque<long[]> times = new ArrayDeque<>();
        private final Deque<CanFrame> inbox = new ArrayDeque<>();
        private Node peer;

        Node(LinkSettings settings, String name) {
            super(settings);
            this.name = name;
        }

        @Override
        public void send(CanFrame frame) throws LinkException {
            ensureOpen();
            long end;
            busLock.lock();
            try {
                long start = Math.max(System.nanoTime(), freeAt);
                long duration = bits(frame) * bitPicos / 1000;
                end = start + duration;
                freeAt = end;
                busyNanos += duration;
            } finally {
                busLock.unlock();
            }
            statistics().frameSent();
            peer.deliver(frame, end);
        }

        private void deliver(CanFrame frame, long at) {
            lock.lock();
            try {
                inbox.addLast(frame);
                times.addLast(new long[] {at});
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public CanFrame receive(long timeoutNanos) throws LinkException {
            long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
            while (true) {
                ensureOpen();
                long due;
                lock.lock();
                try {
                    long[] head = times.peekFirst();
                    if (head == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return null;
                        }
                        arrived.awaitNanos(left);
                        continue;
                    }
                    due = head[0];
                    if (due - System.nanoTime() <= 0) {
                        times.removeFirst();
                        statistics().frameReceived();
                        return inbox.removeFirst().receivedAt(System.nanoTime());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LinkException(LinkException.Reason.IO, name + ": interrupted", e);
                } finally {
                    lock.unlock();
                }
                if (deadline - due < 0) {
                    PtyModbusDevice.pauseUntil(deadline);
                    return null;
                }
                PtyModbusDevice.pauseUntil(due);
            }
        }

        @Override
        protected void release() {
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
