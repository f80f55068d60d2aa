package org.bmsw.workbench.cantrace.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames captured, oldest dropped beyond a capacity; written by the link's threads, read by the UI thread in
 * batches by sequence number. Thread-safe.
 */
final class FrameLog {

    private final TracedFrame[] ring;
    /** Sequence number of the next frame; frame {@code s} is at {@code ring[s % capacity]} while {@code s >= next - size}. */
    private long next;
    private int size;

    FrameLog(int capacity) {
        ring = new TracedFrame[capacity];
    }

    synchronized void add(TracedFrame frame) {
        ring[(int) (next % ring.length)] = frame;
        next++;
        size = Math.min(size + 1, ring.length);
    }

    /** Frames added so far, including those dropped since. */
    synchronized long total() {
        return next;
    }

    /** Frames dropped for the capacity. */
    synchronized long dropped() {
        return next - size;
    }

    /** The frames numbered from {@code from} (inclusive) to {@code to} (exclusive) that are still kept, oldest first. */
    synchronized List<TracedFrame> range(long from, long to) {
        long first = Math.max(from, next - size);
        long end = Math.min(to, next);
        List<TracedFrame> out = new ArrayList<>((int) Math.max(0, end - first));
        for (long s = first; s < end; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    synchronized void clear() {
        size = 0;
    }
}
