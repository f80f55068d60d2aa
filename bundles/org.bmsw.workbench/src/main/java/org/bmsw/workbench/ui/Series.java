package org.bmsw.workbench.ui;

/**
 * A bounded history of one quantity, written by the polling thread (also while its chart is hidden) and
 * read by the UI thread when drawing. Thread-safe.
 */
public final class Series {

    private final long[] times;
    private final double[] values;
    private int start;
    private int size;

    public Series(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    /** Appends a point; NaN leaves a gap. The oldest point goes when full. */
    public synchronized void add(long timeMillis, double value) {
        int slot = (start + size) % times.length;
        if (size == times.length) {
            start = (start + 1) % times.length;
        } else {
            size++;
        }
        times[slot] = timeMillis;
        values[slot] = value;
    }

    public synchronized void clear() {
        start = 0;
        size = 0;
    }

    public synchronized int size() {
        return size;
    }

    /** The latest value, NaN when empty. */
    public synchronized double latest() {
        return size == 0 ? Double.NaN : values[(start + size - 1) % times.length];
    }

    /** Copies the points at or after {@code fromMillis}, oldest first, into {@code t} / {@code v}; returns how many. */
    synchronized int copySince(long fromMillis, long[] t, double[] v) {
        int n = 0;
        for (int i = 0; i < size && n < t.length; i++) {
            int k = (start + i) % times.length;
            if (times[k] >= fromMillis) {
                t[n] = times[k];
                v[n] = values[k];
                n++;
            }
        }
        return n;
    }

    synchronized long latestTime() {
        return size == 0 ? 0 : times[(start + size - 1) % times.length];
    }

    int capacity() {
        return times.length;
    }
}
