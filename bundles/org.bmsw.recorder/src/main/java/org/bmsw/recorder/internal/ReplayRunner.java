package org.bmsw.recorder.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Replay;
import org.bmsw.recorder.ReplayRequest;
import org.bmsw.transport.api.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a recording on its own thread: the devices' snapshots merged in time order (one cursor per device on
 * the time index), each delivered when its recorded offset from the first one, divided by the speed, has passed.
 * At the end the sessions close, then their links.
 */
final class ReplayRunner implements Replay {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);

    private final RecordingReader reader;
    private final ReplayRequest request;
    private final Map<String, ReplaySession> sessions;
    private final TelemetryListener listener;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private volatile Instant position;
    private volatile RecorderException failure;
    private volatile boolean stopped;

    /** @param sessions the devices to play, by device key, each with the session that shows it */
    ReplayRunner(RecordingReader reader, ReplayRequest request, Map<String, ReplaySession> sessions, TelemetryListener listener) {
        this.reader = reader;
        this.request = request;
        this.sessions = new java.util.LinkedHashMap<>(sessions);
        this.listener = listener;
        this.thread = new Thread(this::run, "bmsw-replay " + reader.id());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private static final class Cursor {
        final String device;
        final ReplaySession session;
        final PreparedStatement statement;
        final ResultSet rows;
        long time;

        Cursor(String device, ReplaySession session, PreparedStatement statement) throws SQLException {
            this.device = device;
            this.session = session;
            this.statement = statement;
            this.rows = statement.executeQuery();
        }

        boolean advance() throws SQLException {
            if (!rows.next()) {
                return false;
            }
            time = rows.getLong(1);
            return true;
        }

        void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                // read-only statements: nothing to lose
            }
        }
    }

    private void run() {
        List<Cursor> cursors = new ArrayList<>();
        DeviceException reason = null;
        try {
            PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.time));
            for (Map.Entry<String, ReplaySession> device : sessions.entrySet()) {
                PreparedStatement p = reader.connection().prepareStatement("SELECT t, layout, voltage, current, soc, detail "
                        + "FROM sample WHERE device = ? AND t >= ? AND t < ? ORDER BY t");
                p.setLong(1, reader.deviceId(device.getKey()));
                p.setLong(2, RecordingReader.millis(request.from(), Long.MIN_VALUE));
                p.setLong(3, RecordingReader.millis(request.to(), Long.MAX_VALUE));
                Cursor c = new Cursor(device.getKey(), device.getValue(), p);
                cursors.add(c);
                if (c.advance()) {
                    queue.add(c);
                }
            }
            long wallStart = System.nanoTime();
            Instant liveStart = Instant.now();
            long recordedStart = queue.isEmpty() ? 0 : queue.peek().time;
            boolean paced = !Double.isInfinite(request.speed());
            while (!queue.isEmpty() && !stopped) {
                Cursor c = queue.poll();
                long offsetNanos = (long) ((c.time - recordedStart) * 1e6 / request.speed());
                if (paced) {
                    long wait = wallStart + offsetNanos - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                Telemetry t = SampleCodec.decode(Instant.ofEpochMilli(c.time), reader.identity(c.device),
                        reader.layout(c.rows.getLong(2)), RecordingDb.real(c.rows, 3), RecordingDb.real(c.rows, 4),
                        RecordingDb.real(c.rows, 5), c.rows.getBytes(6));
                if (request.shiftToNow()) {
                    t = new Telemetry(liveStart.plusNanos(offsetNanos), t.identity(), t.pack(), t.cells(), t.temperatures(),
                            t.flags(), t.quantities());
                }
                c.session.deliver(t);
                try {
                    listener.snapshot(c.session, t);
                } catch (RuntimeException e) {
                    LOG.warn("Replay of recording {}: listener {} failed on a snapshot of {}", reader.id(), listener, c.device, e);
                }
                position = Instant.ofEpochMilli(c.time);
                delivered.incrementAndGet();
                if (c.advance()) {
                    queue.add(c);
                }
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (SQLException | RecorderException | RuntimeException e) {
            failure = e instanceof RecorderException r ? r
                    : new RecorderException("Replay of recording " + reader.id() + " failed while reading: " + e.getMessage(), e);
            reason = new DeviceException(DeviceException.Reason.LINK, failure.getMessage(), failure);
            LOG.error("Replay of recording {} stopped", reader.id(), e);
        } finally {
            cursors.forEach(Cursor::close);
            Set<Link> links = new LinkedHashSet<>();
            for (Map.Entry<String, ReplaySession> device : sessions.entrySet()) {
                ReplaySession session = device.getValue();
                session.end(reason);
                links.add(session.link());
                try {
                    listener.sessionClosed(session, reason);
                } catch (RuntimeException e) {
                    LOG.warn("Replay of recording {}: listener {} failed on the end of {}", reader.id(), listener, device.getKey(), e);
                }
            }
            links.forEach(Link::close);
            reader.close();
            finished.countDown();
        }
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public Optional<Instant> position() {
        return Optional.ofNullable(position);
    }

    @Override
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Optional<RecorderException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        if (Thread.currentThread() == thread) {
            return; // the replay's own end closing its link
        }
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
