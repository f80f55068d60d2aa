package org.bmsw.recorder.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.RecorderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running side of one recording. Polling threads {@link #offer} snapshots into a bounded queue and return at
 * once; one writer thread appends them and commits about four times a second, so a killed program loses at most
 * the last quarter second and the bus never waits for the disk.
 */
final class RecordingWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    private static final int QUEUE_CAPACITY = 65_536;
    private static final long COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int COMMIT_ROWS = 50_000;

    private record Item(String device, Telemetry telemetry) {
    }

    private static final Item END = new Item("", null);

    private final String id;
    private final String name;
    private final Connection connection;
    private final SampleStore store;
    private final RecordingLock lock;
    private final long intervalMillis;
    private final Set<String> devices;
    private final long maxSamples;
    private final Runnable stopMe;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, Long> lastRecorded = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile Exception failure;

    /**
     * @param maxSamples snapshots to store before the recording ends; 0 = no limit
     * @param stopMe     asks the recorder to stop this recording when it ends by itself (the limit, a write failure);
     *                   called once on the writer thread, so it must not wait for the writer
     */
    RecordingWriter(String id, String name, Connection connection, RecordingLock lock, Duration interval, Set<String> devices,
                    long maxSamples, Runnable stopMe) throws SQLException {
        this.id = id;
        this.name = name;
        this.connection = connection;
        this.store = new SampleStore(connection);
        this.lock = lock;
        this.intervalMillis = interval.toMillis();
        this.devices = Set.copyOf(devices);
        this.maxSamples = maxSamples;
        this.stopMe = stopMe;
        this.thread = new Thread(this::run, "bmsw-recorder " + id);
        thread.setDaemon(true);
        thread.start();
    }

    String id() {
        return id;
    }

    boolean wants(String deviceKey) {
        return devices.isEmpty() || devices.contains(deviceKey);
    }

    /**
     * Hands a snapshot to the writer. Blocks at most a second when the disk cannot keep up, then drops it (counted,
     * logged), so a polling thread is never held for long.
     */
    void offer(String deviceKey, Telemetry telemetry) {
        if (!accepting || !wants(deviceKey)) {
            return;
        }
        try {
            if (!queue.offer(new Item(deviceKey, telemetry), 1, TimeUnit.SECONDS)) {
                if (dropped.getAndIncrement() % 1000 == 0) {
                    LOG.warn("Recording {} ({}) cannot keep up: dropped {} snapshots of {} so far", id, name, dropped.get(), deviceKey);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long dropped() {
        return dropped.get();
    }

    long written() {
        return store.appended();
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        long lastCommit = System.nanoTime();
        int uncommitted = 0;
        boolean full = false;
        try {
            while (true) {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                boolean end = false;
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 10_000);
                    for (Item item : batch) {
                        if (item == END) {
                            end = true;
                            break;
                        }
                        if (!full && due(item)) {
                            store.append(item.device, item.telemetry);
                            uncommitted++;
                            if (maxSamples > 0 && store.appended() >= maxSamples) {
                                full = true; // the limit: what is queued behind it is not recorded
                                accepting = false;
                                store.commit();
                                uncommitted = 0;
                                stopMe.run();
                            }
                        }
                    }
                    batch.clear();
                }
                if (uncommitted > 0 && (end || uncommitted >= COMMIT_ROWS || System.nanoTime() - lastCommit >= COMMIT_NANOS)) {
                    store.commit();
                    uncommitted = 0;
                    lastCommit = System.nanoTime();
                }
                if (end) {
                    return;
                }
            }
        } catch (SQLException e) {
            failure = e;
            accepting = false;
            LOG.error("Recording {} ({}) stopped: writing to its file failed", id, name, e);
            stopMe.run();
        } catch (InterruptedException e) {
            failure = e;
            accepting = false;
        }
    }

    /** True when the device's last recorded snapshot is at least the interval old (a tenth of it is jitter). */
    private boolean due(Item item) {
        long time = item.telemetry.time().toEpochMilli();
        Long last = lastRecorded.get(item.device);
        if (last != null && time - last < intervalMillis - intervalMillis / 10) {
            return false;
        }
        lastRecorded.put(item.device, time);
        return true;
    }

    /** Writes what is queued, marks the recording stopped and closes it. */
    void stop(Instant stoppedAt) throws RecorderException {
        try {
            finish(stoppedAt);
        } finally {
            stopped.countDown();
        }
    }

    private void finish(Instant stoppedAt) throws RecorderException {
        accepting = false;
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
        }
        try {
            if (failure == null) {
                RecordingDb.putMeta(connection, "stopped", stoppedAt.toString());
                connection.commit();
            }
        } catch (SQLException e) {
            failure = e;
        } finally {
            closeQuietly();
        }
        if (failure != null) {
            throw new RecorderException("Recording " + id + " (" + name + ") failed while writing: " + failure.getMessage(), failure);
        }
    }

    private void closeQuietly() {
        try {
            store.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing recording {} ({}) failed", id, name, e);
        }
        try {
            lock.close();
        } catch (java.io.IOException e) {
            LOG.warn("Releasing the lock of recording {} failed", id, e);
        }
    }

    boolean failed() {
        return failure != null;
    }

    /** True once {@link #stop} has closed the recording. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
