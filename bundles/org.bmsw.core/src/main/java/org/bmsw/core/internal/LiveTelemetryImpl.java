package org.bmsw.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One polling thread per session: a slow or silent device never delays the others. */
@Component(service = LiveTelemetry.class, configurationPid = LiveTelemetryConfig.PID)
@Designate(ocd = LiveTelemetryConfig.class)
public class LiveTelemetryImpl implements LiveTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTelemetryImpl.class);
    /** How soon a paused session is polled again once its pause ends. */
    private static final long PAUSED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration interval;
    private final List<TelemetryListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<DeviceSession, Poller> pollers = new ConcurrentHashMap<>();
    /** Sessions someone asked not to poll, with how many pauses are open. */
    private final Map<DeviceSession, Integer> paused = new ConcurrentHashMap<>();
    private final AutoCloseable openedSubscription;

    @Activate
    public LiveTelemetryImpl(@Reference ConnectionService connections, LiveTelemetryConfig config) {
        this.interval = Duration.ofMillis(Math.max(100, config.intervalMillis()));
        this.openedSubscription = connections.onSessionOpened(this::follow);
        connections.sessions().forEach(this::follow);
    }

    @Deactivate
    void deactivate() throws Exception {
        openedSubscription.close();
        pollers.values().forEach(Poller::stop);
        pollers.clear();
    }

    @Override
    public AutoCloseable subscribe(TelemetryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Optional<Telemetry> latest(DeviceSession session) {
        Poller poller = pollers.get(session);
        return poller == null ? Optional.empty() : Optional.ofNullable(poller.latest);
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public AutoCloseable pause(DeviceSession session) {
        paused.merge(session, 1, Integer::sum);
        LOG.debug("Polling of {} paused", session.identity().describe());
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                paused.computeIfPresent(session, (s, count) -> count > 1 ? count - 1 : null);
                LOG.debug("Polling of {} resumed", session.identity().describe());
            }
        };
    }

    private void follow(DeviceSession session) {
        pollers.computeIfAbsent(session, s -> {
            Poller poller = new Poller(s);
            s.onClose(reason -> {
                pollers.remove(s);
                paused.remove(s);
                poller.stop();
                for (TelemetryListener listener : listeners) {
                    guarded(listener, () -> listener.sessionClosed(s, reason));
                }
            });
            poller.start();
            return poller;
        });
    }

    private static void guarded(TelemetryListener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Telemetry listener {} failed", listener, e);
        }
    }

    private final class Poller implements Runnable {

        private final DeviceSession session;
        private final Thread thread;
        private volatile Telemetry latest;
        private volatile boolean running = true;

        Poller(DeviceSession session) {
            this.session = session;
            this.thread = new Thread(this, "bmsw-live " + session.identity().profileId() + "@"
                    + session.identity().address());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            Optional<Telemetry> atConnect = session.takeConnectSnapshot();
            if (atConnect.isPresent()) {
                deliver(atConnect.get());
                next += interval.toNanos();
                if (!sleepUntil(next)) {
                    return;
                }
            }
            while (running && session.isOpen()) {
                try {
                    if (paused.containsKey(session)) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(interval.toNanos(), PAUSED_CHECK_NANOS));
                        next = System.nanoTime();
                        continue;
                    }
                    deliver(session.readTelemetry());
                } catch (Exception e) {
                    if (!running || !session.isOpen()) {
                        return;
                    }
                    LOG.debug("Polling {} at address {} failed: {}", session.identity().profileId(),
                            session.identity().address(), e.getMessage());
                    for (TelemetryListener listener : listeners) {
                        guarded(listener, () -> listener.pollFailed(session, e));
                    }
                }
                next += interval.toNanos();
                if (next - System.nanoTime() < 0) {
                    next = System.nanoTime();
                } else if (!sleepUntil(next)) {
                    return;
                }
            }
        }

        /** False when interrupted: the poller stops. */
        private static boolean sleepUntil(long nanoTime) {
            long wait = nanoTime - System.nanoTime();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }

        private void deliver(Telemetry snapshot) {
            latest = snapshot;
            for (TelemetryListener listener : listeners) {
                guarded(listener, () -> listener.snapshot(session, snapshot));
            }
        }
    }
}
