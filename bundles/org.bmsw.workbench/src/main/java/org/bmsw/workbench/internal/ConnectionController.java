package org.bmsw.workbench.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bmsw.core.ConnectRequest;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.ui.Ui;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's connection, without any UI: connects and disconnects on its own thread, remembers the
 * last connection, connects at start when configured to, and turns a lost device or a silent one into one
 * status message (never a dialog per failed poll). Also the {@link WorkbenchContext} pages see.
 */
@Component(service = {ConnectionController.class, WorkbenchContext.class}, configurationPid = WorkbenchConfig.PID)
public class ConnectionController implements WorkbenchContext {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionController.class);

    /** What the window shows about the connection. */
    enum State { DISCONNECTED, CONNECTING, CONNECTED, LOST }

    /** A connection as the user asked for it. */
    record Target(PortChoice port, int baud, int address, String profileId) {
        LinkSettings link() {
            return LinkSettings.of(port.transport(), port.path(), baud);
        }
    }

    /** How long a port is retried at start while transports and profiles are still arriving. */
    private static final Duration START_GRACE = Duration.ofSeconds(3);
    /** Between tries at start; a transport or profile arriving ends it early (not a simulator's own device list). */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(25);
    /** Ports of the built-in simulator's transport. */
    private static final String SIMULATOR_PREFIX = "sim:";

    private final ConnectionService connections;
    private final TransportRegistry transports;
    private final ProfileRegistry profiles;
    private final Settings settings;
    private final Path dataDirectory;
    private final BooleanSupplier programStopping;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bmsw-connect");
        t.setDaemon(true);
        return t;
    });
    private final AutoCloseable telemetrySubscription;

    private volatile State state = State.DISCONNECTED;
    private volatile DeviceSession session;
    private volatile Target target;
    private volatile StatusMessage status = StatusMessage.of("status.ready");
    private volatile AccessLevel unlocked = AccessLevel.USER;
    private volatile int failedPolls;
    /** The user connected or disconnected: connecting at start gives way. */
    private volatile boolean userActed;
    /** Connecting at start (autoConnect) is still trying. */
    private volatile boolean connectingAtStart;

    @Activate
    public ConnectionController(@Reference ConnectionService connections, @Reference TransportRegistry transports,
                                @Reference ProfileRegistry profiles, @Reference LiveTelemetry live,
                                @Reference Settings settings, BundleContext context, WorkbenchConfig config) {
        this(connections, transports, profiles, live, settings, dataDirectory(context), () -> stopping(context));
        if (config.autoConnect()) {
            autoConnect(config);
        }
    }

    /** @param programStopping whether the whole program is stopping: its sessions then end without a warning */
    ConnectionController(ConnectionService connections, TransportRegistry transports, ProfileRegistry profiles,
                         LiveTelemetry live, Settings settings, Path dataDirectory, BooleanSupplier programStopping) {
        this.programStopping = programStopping;
        this.connections = connections;
        this.transports = transports;
        this.profiles = profiles;
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        this.telemetrySubscription = live.subscribe(new Health());
    }

    /** Our own saves of the last connection land here; nothing to redo. */
    @Modified
    void modified() {
    }

    /** The program stops: the device is let go on purpose, not lost. */
    @Deactivate
    void deactivate() throws Exception {
        DeviceSession open = session;
        session = null;
        if (open != null) {
            open.close();
        }
        telemetrySubscription.close();
        worker.shutdownNow();
        worker.awaitTermination(2, TimeUnit.SECONDS);
    }

    private static boolean stopping(BundleContext context) {
        try {
            return context.getBundle(0).getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return true; // this bundle stopped already
        }
    }

    private static Path dataDirectory(BundleContext context) {
        String dir = context == null ? null : context.getProperty("bmsw.data.dir");
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".local", "share", "bmsw");
    }

    // ------------------------------------------------------------------ WorkbenchContext

    @Override
    public Optional<DeviceSession> session() {
        DeviceSession s = session;
        return s != null && s.isOpen() ? Optional.of(s) : Optional.empty();
    }

    @Override
    public AccessLevel unlocked() {
        return unlocked;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void status(String message, boolean problem) {
        setStatus(StatusMessage.text(message, problem));
    }

    /** A status message by key: shown again in the other language after a switch. Any thread. */
    public void status(boolean problem, String key, Object... args) {
        List<Object> values = new ArrayList<>();
        for (Object arg : args) {
            values.add(arg == null ? "" : arg);
        }
        setStatus(new StatusMessage(key, values, null, problem));
    }

    /** The transport is taken as given: one that is missing is named as missing, not mistaken for a serial path. */
    @Override
    public void connect(LinkSettings link, int address, String profileId) {
        connect(new Target(new PortChoice(link.transport(), link.path()), link.baud(), address,
                profileId == null ? "" : profileId));
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ------------------------------------------------------------------ for the window

    State state() {
        return state;
    }

    /** Whether connecting at start is still trying; listeners hear when it ends. */
    boolean connectingAtStart() {
        return connectingAtStart;
    }

    StatusMessage currentStatus() {
        return status;
    }

    Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    List<String> transportIds() {
        List<String> ids = new ArrayList<>();
        for (TransportProvider provider : transports.providers()) {
            ids.add(provider.id());
        }
        return ids;
    }

    /** Engineer mode on (ENGINEER) or off (USER); factory parameters stay locked whatever is unlocked. */
    public void setUnlocked(AccessLevel level) {
        if (level == AccessLevel.FACTORY) {
            throw new IllegalArgumentException("factory parameters are never writable from the workbench");
        }
        if (unlocked != level) {
            unlocked = level;
            LOG.info("Access level now {}", level);
            fire();
        }
    }

    /** Connects off the caller's thread; an open session is closed first. */
    void connect(Target wanted) {
        userActed = true;
        worker.execute(() -> connectNow(wanted, true, true));
    }

    void disconnect() {
        userActed = true;
        worker.execute(this::disconnectNow);
    }

    /**
     * Connects to the last port, or failing that the default port, on the connect thread. Transports and
     * profiles start alongside the window, a few hundred milliseconds apart: each port is tried again for
     * {@link #START_GRACE} before the next one, rather than given up because a bundle was a moment late.
     */
    void autoConnect(WorkbenchConfig config) {
        // a try that failed for want of the transport or profile is made again as soon as one arrives
        Semaphore arrivals = new Semaphore(0);
        AutoCloseable transportWatch = transports.onChange(arrivals::release);
        AutoCloseable profileWatch = profiles.onChange(arrivals::release);
        connectingAtStart = true;
        worker.execute(() -> {
            try {
                connectAtStart(config, arrivals);
            } finally {
                Ui.closeQuietly(transportWatch, profileWatch);
                connectingAtStart = false;
                fire();
            }
        });
    }

    private void connectAtStart(WorkbenchConfig config, Semaphore arrivals) {
        List<String> candidates = new ArrayList<>();
        if (!config.port().isBlank()) {
            candidates.add(config.port());
        }
        // a simulated device is only for a first start: when the device used last is not there, the window says so
        // rather than show a simulated pack that could be taken for it
        boolean simulated = config.defaultPort().startsWith(SIMULATOR_PREFIX);
        if (!config.defaultPort().isBlank() && !candidates.contains(config.defaultPort())
                && (candidates.isEmpty() || !simulated)) {
            candidates.add(config.defaultPort());
        }
        for (String port : candidates) {
            long deadline = System.nanoTime() + START_GRACE.toNanos();
            do {
                if (userActed) {
                    return;
                }
                Target t = new Target(PortChoice.parse(port, transportIds()), config.baud(), config.address(),
                        config.profile());
                // while transports and profiles are still arriving a failure is expected: only the last one is a warning
                boolean lastTry = System.nanoTime() + RETRY_PAUSE.toNanos() >= deadline;
                arrivals.drainPermits();
                if (connectNow(t, false, lastTry)) {
                    return;
                }
                try {
                    arrivals.tryAcquire(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } while (System.nanoTime() < deadline && !userActed);
            if (userActed) {
                return; // the user chose a port meanwhile: theirs wins
            }
        }
    }

    /** On the worker thread. Returns whether the device is connected. */
    private boolean connectNow(Target wanted, boolean remember, boolean warnOnFailure) {
        disconnectNow();
        target = wanted;
        state = State.CONNECTING;
        failedPolls = 0;
        setStatus(StatusMessage.of("status.connecting", wanted.port().text(), wanted.baud(), wanted.address()));
        Optional<String> profile = wanted.profileId() == null || wanted.profileId().isBlank() ? Optional.empty()
                : Optional.of(wanted.profileId());
        try {
            DeviceSession opened = connections.connect(
                    new ConnectRequest(wanted.link(), wanted.address(), profile, Duration.ofMillis(700)));
            session = opened;
            state = State.CONNECTED;
            opened.onClose(reason -> closed(opened, reason));
            setStatus(StatusMessage.of("status.connected", opened.identity().describe(), wanted.link().describe()));
            LOG.info("Workbench connected to {} on {}", opened.identity().describe(), wanted.link().describe());
            if (remember) {
                settings.save(Map.of("port", wanted.port().text(), "baud", wanted.baud(), "address",
                        wanted.address(), "profile", wanted.profileId() == null ? "" : wanted.profileId()));
            }
            return true;
        } catch (DeviceException | RuntimeException e) {
            if (warnOnFailure) {
                LOG.warn("Connecting to address {} on {} failed: {}", wanted.address(), wanted.link().describe(),
                        e.getMessage());
            } else {
                LOG.debug("Connecting to address {} on {} failed, trying again: {}", wanted.address(),
                        wanted.link().describe(), e.getMessage());
            }
            state = State.DISCONNECTED;
            if (warnOnFailure) {
                setStatus(StatusMessage.problem("status.connectFailed", wanted.port().text(), e.getMessage()));
            }
            return false;
        }
    }

    private void disconnectNow() {
        DeviceSession open = session;
        if (open != null) {
            session = null;
            state = State.DISCONNECTED;
            open.close();
            setStatus(StatusMessage.of("status.disconnected", open.identity().describe()));
        }
    }

    /** Any thread. A session we closed ourselves is already forgotten; anything else is a lost device. */
    private void closed(DeviceSession closedSession, DeviceException reason) {
        if (session != closedSession) {
            return;
        }
        session = null;
        state = State.LOST;
        if (programStopping.getAsBoolean()) {
            // bundles stop in turn when the program ends; a transport going before the window is no lost device
            LOG.debug("{} closed while the program stops: {}", closedSession.identity().describe(), reason.getMessage());
        } else {
            LOG.warn("Lost {}: {}", closedSession.identity().describe(), reason.getMessage());
        }
        setStatus(StatusMessage.problem("status.lost", closedSession.identity().describe(), reason.getMessage()));
    }

    private void setStatus(StatusMessage message) {
        status = message;
        fire();
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A workbench context listener failed", e);
            }
        }
    }

    /** Turns poll results of our session into at most one status change per poll, and back once it answers. */
    private final class Health implements TelemetryListener {

        @Override
        public void snapshot(DeviceSession from, Telemetry telemetry) {
            if (from == session && failedPolls > 0) {
                failedPolls = 0;
                setStatus(StatusMessage.of("status.answering", from.identity().describe()));
            }
        }

        @Override
        public void pollFailed(DeviceSession from, Exception error) {
            if (from == session) {
                failedPolls++;
                setStatus(StatusMessage.problem("status.silent", from.identity().describe(), failedPolls,
                        error.getMessage()));
            }
        }
    }
}
