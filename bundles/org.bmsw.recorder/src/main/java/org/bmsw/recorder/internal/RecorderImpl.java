package org.bmsw.recorder.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.Recorder;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.Replay;
import org.bmsw.recorder.ReplayRequest;
import org.bmsw.transport.api.LinkSettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder service. Subscribes to {@link LiveTelemetry} only while a recording runs, and hands every
 * snapshot to each running recording's writer. Recordings live in {@code <bmsw.data.dir>/records/}.
 */
@Component(service = Recorder.class, configurationPid = RecorderConfig.PID)
@Designate(ocd = RecorderConfig.class)
public class RecorderImpl implements Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderImpl.class);
    /** Framework property the launcher sets to the user's data directory. */
    static final String DATA_DIR_PROPERTY = "bmsw.data.dir";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** How long stopping another program's recording waits for it: a few of its stop-request checks and the final commit. */
    private static final Duration STOP_ELSEWHERE_WAIT = Duration.ofSeconds(10);

    private final LiveTelemetry live;
    private final Path directory;
    private final Map<String, RecordingWriter> running = new ConcurrentHashMap<>();
    /** Out of {@link #running} but still writing their end: whoever awaits them waits until the file says stopped. */
    private final Map<String, RecordingWriter> stopping = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile Settings settings;
    private AutoCloseable subscription;
    private ScheduledFuture<?> retentionTask;

    private final TelemetryListener feed = new TelemetryListener() {
        @Override
        public void snapshot(DeviceSession session, Telemetry telemetry) {
            if (session.link() != null && ReplaySession.TRANSPORT.equals(session.link().settings().transport())) {
                return; // a replay shown in the window is not recorded again
            }
            String key = RecordedDevice.keyOf(session);
            for (RecordingWriter writer : running.values()) {
                writer.offer(key, telemetry);
            }
        }
    };

    @Activate
    public RecorderImpl(@Reference LiveTelemetry live, RecorderConfig config, BundleContext context) {
        this(live, Settings.of(config), recordsDirectory(context.getProperty(DATA_DIR_PROPERTY)));
    }

    RecorderImpl(LiveTelemetry live, Settings settings, Path directory) {
        this.live = live;
        this.settings = settings;
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOG.error("Cannot create the records folder {}: recordings will fail until it can be created", directory, e);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bmsw-recorder-retention");
            t.setDaemon(true);
            return t;
        });
        scheduleRetention();
        scheduler.scheduleWithFixedDelay(this::honourStopRequests, StopRequests.CHECK_MILLIS, StopRequests.CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static Path recordsDirectory(String dataDir) {
        if (dataDir == null || dataDir.isBlank()) {
            Path fallback = Paths.get(System.getProperty("user.home"), ".local", "share", "bmsw");
            LOG.warn("The framework property {} is not set; recording into {}", DATA_DIR_PROPERTY, fallback.resolve("records"));
            dataDir = fallback.toString();
        }
        return Paths.get(dataDir).resolve("records");
    }

    @Modified
    void modified(RecorderConfig config) {
        // running recordings keep going: a new retention or threshold must not cut them
        settings = Settings.of(config);
        scheduleRetention();
    }

    private synchronized void scheduleRetention() {
        if (retentionTask != null) {
            retentionTask.cancel(false);
        }
        long every = settings.retentionCheck().toMillis();
        // the first pass a little after start-up, off the activation path
        retentionTask = scheduler.scheduleWithFixedDelay(this::applyRetention, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    synchronized void deactivate() {
        for (String id : new ArrayList<>(running.keySet())) {
            try {
                stop(id);
            } catch (RecorderException e) {
                LOG.error("Stopping recording {} while the recorder stops failed", id, e);
            }
        }
        scheduler.shutdownNow();
        try {
            // a retention pass or stop request in flight must not touch the directory after the recorder stopped
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The recorder's housekeeping in {} did not end within 5 s", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized RecordingInfo start(RecordingRequest request) throws RecorderException {
        Instant now = Instant.now();
        String id = newId(now, "");
        String name = request.name().isEmpty()
                ? "Recording " + LocalDateTime.ofInstant(now, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                : request.name();
        Duration interval = request.interval() == null ? settings.interval() : request.interval();
        Path file = directory.resolve(id + RecordingDb.EXTENSION);
        RecordingLock lock;
        try {
            Files.createDirectories(directory);
            lock = RecordingLock.acquire(directory, id);
        } catch (IOException e) {
            throw new RecorderException("Cannot start recording '" + name + "' in " + directory + ": " + e.getMessage(), e);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("started", now.toString());
        meta.put("interval_ms", Long.toString(interval.toMillis()));
        meta.put("source", "recorded");
        meta.put("devices", String.join(",", request.devices()));
        Connection connection = null;
        try {
            connection = RecordingDb.create(file, meta);
            RecordingWriter writer = new RecordingWriter(id, name, connection, lock, interval, request.devices(),
                    request.maxSamples(), () -> scheduler.execute(() -> stopByItself(id, "its snapshot limit or a write failure")));
            running.put(id, writer);
        } catch (SQLException e) {
            closeQuietly(connection);
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock file goes with the process
            }
            throw new RecorderException("Cannot create recording '" + name + "' as " + file + ": " + e.getMessage(), e);
        }
        if (subscription == null) {
            subscription = live.subscribe(feed);
        }
        if (request.maxDuration() != null) {
            scheduler.schedule(() -> stopByItself(id, "its duration"), request.maxDuration().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Recording {} ('{}') started in {}: interval {} ms, devices {}{}", id, name, file, interval.toMillis(),
                request.devices().isEmpty() ? "all" : request.devices(),
                request.maxSamples() > 0 ? ", until " + request.maxSamples() + " snapshots" : "");
        return info(id);
    }

    private void stopByItself(String id, String why) {
        if (running.containsKey(id)) {
            try {
                stop(id);
            } catch (RecorderException e) {
                LOG.error("Recording {} ended by {}; stopping it failed", id, why, e);
            }
        }
    }

    /** Stops the recordings another program asked to stop (see {@link StopRequests}). */
    private void honourStopRequests() {
        for (String id : running.keySet()) {
            if (StopRequests.requested(directory, id)) {
                LOG.info("Recording {}: another program asked to stop it", id);
                stopByItself(id, "a stop request");
                StopRequests.clear(directory, id);
            }
        }
    }

    @Override
    public RecordingInfo stop(String id) throws RecorderException {
        checkId(id);
        if (!running.containsKey(id) && RecordingLock.isHeld(directory, id)) {
            return stopElsewhere(id); // not under the monitor: it waits for the other program
        }
        return stopHere(id);
    }

    private synchronized RecordingInfo stopHere(String id) throws RecorderException {
        RecordingWriter writer = running.get(id);
        if (writer == null) {
            throw new RecorderException("Recording " + id + " is not running" + (exists(id) ? "" : " (there is no such recording)"));
        }
        stopping.put(id, writer);
        running.remove(id);
        try {
            writer.stop(Instant.now());
            LOG.info("Recording {} stopped: {} snapshots written, {} dropped", id, writer.written(), writer.dropped());
        } finally {
            stopping.remove(id);
            if (running.isEmpty()) {
                unsubscribe();
            }
            scheduler.execute(this::applyRetention);
        }
        return info(id);
    }

    /** Asks the program that writes recording {@code id} to stop it, and waits until its lock is free. */
    private RecordingInfo stopElsewhere(String id) throws RecorderException {
        try {
            StopRequests.request(directory, id);
        } catch (IOException e) {
            throw new RecorderException("Cannot ask the program writing recording " + id + " to stop it: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + STOP_ELSEWHERE_WAIT.toNanos();
        while (RecordingLock.isHeld(directory, id)) {
            if (System.nanoTime() > deadline) {
                throw new RecorderException("Recording " + id + " is written by another program that did not stop it within "
                        + STOP_ELSEWHERE_WAIT.toSeconds() + " s; the request stays in " + StopRequests.pathFor(directory, id));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecorderException("Interrupted while waiting for another program to stop recording " + id, e);
            }
        }
        StopRequests.clear(directory, id);
        LOG.info("Recording {} was stopped by the program writing it, on request", id);
        return info(id);
    }

    @Override
    public boolean awaitStopped(String id, Duration timeout) throws InterruptedException {
        RecordingWriter writer = running.get(id);
        if (writer == null) {
            writer = stopping.get(id);
        }
        return writer == null || writer.awaitStopped(timeout);
    }

    private void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Unsubscribing the recorder from live telemetry failed", e);
            }
            subscription = null;
        }
    }

    @Override
    public List<RecordingInfo> list() throws RecorderException {
        for (RecordingWriter writer : running.values()) {
            if (writer.failed()) {
                try {
                    stop(writer.id());
                } catch (RecorderException e) {
                    LOG.warn("Recording {} ended on an error: {}", writer.id(), e.getMessage());
                }
            }
        }
        List<RecordingInfo> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + RecordingDb.EXTENSION)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - RecordingDb.EXTENSION.length());
                try (RecordingReader reader = new RecordingReader(id, file, settings.cycles())) {
                    out.add(reader.info());
                } catch (RecorderException e) {
                    if (!RecordingLock.isHeld(directory, id)) {
                        LOG.warn("Skipping {} in the records folder: {}", file, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new RecorderException("Cannot list the records folder " + directory + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(RecordingInfo::started).reversed());
        return out;
    }

    private RecordingInfo info(String id) throws RecorderException {
        try (Recording r = open(id)) {
            return r.info();
        }
    }

    @Override
    public Recording open(String id) throws RecorderException {
        checkId(id);
        if (!exists(id)) {
            throw new RecorderException("There is no recording " + id + " in " + directory);
        }
        return new RecordingReader(id, directory.resolve(id + RecordingDb.EXTENSION), settings.cycles());
    }

    @Override
    public synchronized void delete(String id) throws RecorderException {
        checkId(id);
        if (running.containsKey(id)) {
            throw new RecorderException("Recording " + id + " is running; stop it before deleting it");
        }
        if (!exists(id)) {
            throw new RecorderException("There is no recording " + id + " in " + directory);
        }
        if (RecordingLock.isHeld(directory, id)) {
            throw new RecorderException("Recording " + id + " is being written by another program");
        }
        if (!Retention.delete(directory, id)) {
            throw new RecorderException("Cannot delete recording " + id + " in " + directory);
        }
    }

    @Override
    public RecordingInfo importFile(Path file) throws RecorderException {
        String id;
        synchronized (this) {
            id = newId(Instant.now(), "-import");
            try {
                Files.createDirectories(directory);
                // reserve the id while the import runs
                Files.createFile(directory.resolve(id + ".part"));
            } catch (IOException e) {
                throw new RecorderException("Cannot import " + file + " into " + directory + ": " + e.getMessage(), e);
            }
        }
        new RecordingImporter(directory).importFile(file, id);
        RecordingInfo info = info(id);
        LOG.info("Imported {} as recording {} ({} snapshots of {} devices)", file, id, info.samples(), info.devices().size());
        return info;
    }

    @Override
    public Replay replay(String id, ReplayRequest request, TelemetryListener listener) throws RecorderException {
        RecordingReader reader = (RecordingReader) open(id);
        try {
            for (String wanted : request.devices()) {
                if (!reader.deviceKeys().contains(wanted)) {
                    throw new RecorderException("Recording " + id + " has no device '" + wanted + "'; it has "
                            + String.join(", ", reader.deviceKeys()));
                }
            }
            Map<String, ReplaySession> sessions = new LinkedHashMap<>();
            for (String key : reader.deviceKeys()) {
                if (request.devices().isEmpty() || request.devices().contains(key)) {
                    ReplayLink link = new ReplayLink(LinkSettings.of(ReplaySession.TRANSPORT, id + "/" + key, LinkSettings.DEFAULT_BAUD));
                    sessions.put(key, new ReplaySession(reader.identity(key), link));
                }
            }
            ReplayRunner runner = new ReplayRunner(reader, request, sessions, listener);
            runner.start();
            return runner;
        } catch (RecorderException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * A link of the {@code replay} transport: it plays every device of the recording, re-timed to look live, to
     * sessions a profile hands out by address; the core's live telemetry polls them like any device.
     */
    ReplayLink openReplayLink(String id, double speed, LinkSettings settings) throws RecorderException {
        RecordingReader reader = (RecordingReader) open(id);
        try {
            if (reader.deviceKeys().isEmpty()) {
                throw new RecorderException("Recording " + id + " holds no snapshots to replay");
            }
            ReplayLink link = new ReplayLink(settings);
            Map<String, ReplaySession> sessions = new LinkedHashMap<>();
            for (String key : reader.deviceKeys()) {
                sessions.put(key, new ReplaySession(reader.identity(key), link));
            }
            ReplayRunner runner = new ReplayRunner(reader, new ReplayRequest(speed, null, null, Set.of(), true), sessions,
                    new TelemetryListener() {
                        @Override
                        public void snapshot(DeviceSession session, Telemetry telemetry) {
                            // the sessions keep the latest; live telemetry polls them
                        }
                    });
            link.carry(List.copyOf(sessions.values()), runner);
            runner.start();
            LOG.info("Replaying recording {} at {}x on {}", id, speed, settings.describe());
            return link;
        } catch (RecorderException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** One retention pass now; also what the scheduler runs. */
    Retention.Outcome applyRetention() {
        Settings s = settings;
        try {
            return Retention.apply(list(), directory, running.keySet(), s.maxAge(), s.maxBytes(), Instant.now());
        } catch (RecorderException | RuntimeException e) {
            LOG.warn("Recording retention in {} failed", directory, e);
            return new Retention.Outcome(List.of(), List.of());
        }
    }

    private boolean exists(String id) {
        return Files.exists(directory.resolve(id + RecordingDb.EXTENSION));
    }

    private static void checkId(String id) throws RecorderException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RecorderException("'" + id + "' is not a recording id (letters, digits, '.', '_' and '-')");
        }
    }

    private String newId(Instant at, String suffix) {
        String base = LocalDateTime.ofInstant(at, ZoneId.systemDefault()).format(ID_TIME) + suffix;
        String id = base;
        for (int n = 2; exists(id) || Files.exists(directory.resolve(id + ".part")) || running.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already failing
            }
        }
    }
}
