package org.bmsw.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bmsw.core.ConnectRequest;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ScanProgress;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.Telemetry;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkSettings;
import org.junit.jupiter.api.Test;

/** The poller's schedule around the snapshot a session read while it opened. Unit test: the session is a stand-in. */
class LiveTelemetryImplTest {

    private static final DeviceIdentity IDENTITY = new DeviceIdentity("test", "TEST", "1", "", "", 1, false);
    private static final int INTERVAL_MILLIS = 400;

    @Test
    void theSnapshotReadAtConnectComesFirstAndTheNextIsReadOneIntervalLater() throws Exception {
        PolledSession session = new PolledSession(Optional.of(snapshot(0)));
        Arrival first;
        Arrival second;
        long start = System.nanoTime();
        try (Polling polling = new Polling(session)) {
            first = polling.next();
            second = polling.next();
        }
        assertEquals(Instant.EPOCH, first.snapshot().time(), "the connect snapshot, not a read");
        assertEquals(Instant.ofEpochSecond(1), second.snapshot().time(), "then the first read");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(first.nanos() - start) < INTERVAL_MILLIS / 2,
                "the connect snapshot is delivered at once");
        long gap = TimeUnit.NANOSECONDS.toMillis(second.nanos() - first.nanos());
        // read again at once, the gap would be well under a millisecond; a slow first delivery shortens it a little
        assertTrue(gap >= INTERVAL_MILLIS / 2, "the device is not read again right after connect: " + gap + " ms");
    }

    @Test
    void withoutAConnectSnapshotTheDeviceIsReadAtOnce() throws Exception {
        PolledSession session = new PolledSession(Optional.empty());
        long start = System.nanoTime();
        try (Polling polling = new Polling(session)) {
            Arrival first = polling.next();
            assertEquals(Instant.ofEpochSecond(1), first.snapshot().time());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(first.nanos() - start) < INTERVAL_MILLIS / 2, "read at once");
        }
    }

    private static Telemetry snapshot(long second) {
        return new Telemetry(Instant.ofEpochSecond(second), IDENTITY, null, List.of(), List.of(), List.of(), List.of());
    }

    private record Arrival(Telemetry snapshot, long nanos) {
    }

    /** The real live telemetry polling one session, its snapshots queued as they arrive. */
    private static final class Polling implements AutoCloseable, TelemetryListener {
        private final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private final LiveTelemetryImpl live;

        /** Subscribes before the session opens, as the window and the recorder do: nothing is missed. */
        Polling(DeviceSession session) {
            Connections connections = new Connections();
            live = new LiveTelemetryImpl(connections, new Interval(INTERVAL_MILLIS));
            live.subscribe(this);
            connections.open(session);
        }

        @Override
        public void snapshot(DeviceSession session, Telemetry telemetry) {
            arrivals.add(new Arrival(telemetry, System.nanoTime()));
        }

        Arrival next() throws InterruptedException {
            Arrival a = arrivals.poll(10, TimeUnit.SECONDS);
            if (a == null) {
                throw new AssertionError("no snapshot within 10 s");
            }
            return a;
        }

        @Override
        public void close() throws Exception {
            live.deactivate();
        }
    }

    /** Reads snapshot 1, 2, 3 ... */
    private static final class PolledSession implements DeviceSession {
        private final AtomicInteger reads = new AtomicInteger();
        private Optional<Telemetry> atConnect;

        PolledSession(Optional<Telemetry> atConnect) {
            this.atConnect = atConnect;
        }

        @Override
        public Optional<Telemetry> takeConnectSnapshot() {
            Optional<Telemetry> taken = atConnect;
            atConnect = Optional.empty();
            return taken;
        }

        @Override
        public Telemetry readTelemetry() {
            return snapshot(reads.incrementAndGet());
        }

        @Override
        public DeviceIdentity identity() {
            return IDENTITY;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void onClose(Consumer<DeviceException> listener) {
        }

        @Override
        public void close() {
        }

        @Override
        public Link link() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ParameterAccess parameters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CommandDescriptor> commands() {
            return List.of();
        }

        @Override
        public void execute(String commandKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            return Optional.empty();
        }
    }

    /** A connection service that opens the sessions it is given. */
    private static final class Connections implements ConnectionService {
        private final List<Consumer<DeviceSession>> openedListeners = new CopyOnWriteArrayList<>();
        private final List<DeviceSession> sessions = new CopyOnWriteArrayList<>();

        void open(DeviceSession session) {
            sessions.add(session);
            openedListeners.forEach(listener -> listener.accept(session));
        }

        @Override
        public List<DeviceSession> sessions() {
            return List.copyOf(sessions);
        }

        @Override
        public AutoCloseable onSessionOpened(Consumer<DeviceSession> listener) {
            openedListeners.add(listener);
            return () -> openedListeners.remove(listener);
        }

        @Override
        public DeviceSession connect(ConnectRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeviceIdentity> scan(LinkSettings link, int first, int last, Duration timeoutPerAddress,
                                         ScanProgress progress) {
            throw new UnsupportedOperationException();
        }
    }

    private record Interval(int intervalMillis) implements LiveTelemetryConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return LiveTelemetryConfig.class;
        }
    }
}
