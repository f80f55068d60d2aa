package org.bmsw.recorder.internal.cli;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.Recorder;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true, description = {
        "Connects to the device and records its telemetry until --duration or",
        "--count is reached, or until stopped (Ctrl-C, SIGTERM, or 'bmsw record stop",
        "ID' from anywhere). Prints the recording's id first. Snapshots are committed",
        "every quarter second: a killed program loses at most the last one.",
        "In the Gogo shell or the window's program the recording runs in the",
        "background until 'record stop'; there, without --port, --tcp or --can, it",
        "records the devices already connected."})
final class StartCommand implements Callable<Integer> {

    /** How often a foreground recording checks that its device is still there. */
    private static final Duration CHECK = Duration.ofMillis(200);

    private final RecordCommand owner;
    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--interval", paramLabel = "MS",
            description = "Minimum time between two recorded snapshots (default: the recorder's setting, 1000 ms).")
    Long intervalMillis;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long: 90s, 10m, 8h, 2d, 1h30m.")
    String duration;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N snapshots are stored.")
    long count;

    @Option(names = "--name", paramLabel = "TEXT", description = "A name for people (default: from the start time).")
    String name = "";

    StartCommand(RecordCommand owner, CliContext context) {
        this.owner = owner;
        this.context = context;
    }

    @Override
    public Integer call() throws DeviceException, InterruptedException {
        Duration maxDuration = duration == null ? null : Durations.parse("--duration", duration);
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 (no limit) or more, not " + count);
        }
        if (intervalMillis != null && intervalMillis < 0) {
            throw new IllegalArgumentException("--interval must be 0 ms or more, not " + intervalMillis);
        }
        boolean connect = connection.port != null || connection.tcp != null || connection.can != null;
        Set<String> devices = new LinkedHashSet<>();
        DeviceSession session = null;
        if (connect) {
            connection.linkSettings(); // usage errors before anything is opened
            session = context.connect(connection);
            devices.add(RecordedDevice.keyOf(session));
        } else if (owner.background) {
            for (DeviceSession open : context.connections().sessions()) {
                devices.add(RecordedDevice.keyOf(open));
            }
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException(owner.background
                    ? "no device is connected: say where it is with --port PATH, --tcp HOST:PORT or --can slcan:PATH@BITRATE"
                    : "say where the device is: --port PATH, --tcp HOST:PORT or --can slcan:PATH@BITRATE");
        }
        Duration poll = owner.live.interval();
        if (intervalMillis != null && intervalMillis > 0 && intervalMillis < poll.toMillis()) {
            context.err().println("record start: devices are polled every " + poll.toMillis() + " ms (setting intervalMillis of "
                    + "PID org.bmsw.core.live), so the recording gets a snapshot every " + poll.toMillis() + " ms, not "
                    + intervalMillis);
        }
        RecordingInfo info;
        try {
            info = owner.recorder.start(new RecordingRequest(name, intervalMillis == null ? null : Duration.ofMillis(intervalMillis),
                    devices, maxDuration, count));
        } catch (RecorderException e) {
            if (session != null) {
                session.close();
            }
            return RecordCommand.failed(context, "record start", e);
        }
        context.out().println(info.id());
        context.out().flush();
        context.err().println("recording " + String.join(", ", devices) + " every " + info.interval().toMillis() + " ms into "
                + info.id() + limits(maxDuration) + "; 'bmsw record stop " + info.id() + "' stops it");
        if (owner.background) {
            owner.new BackgroundRecording(info.id(), session).start();
            return CliCommand.OK;
        }
        return foreground(info.id(), session);
    }

    private String limits(Duration maxDuration) {
        List<String> limits = new java.util.ArrayList<>();
        if (maxDuration != null) {
            limits.add("for " + Durations.format(maxDuration));
        }
        if (count > 0) {
            limits.add("for " + count + " snapshots");
        }
        return limits.isEmpty() ? "" : " " + String.join(" or ", limits);
    }

    /** The command line: the recording lasts as long as the command. */
    private int foreground(String id, DeviceSession session) throws InterruptedException {
        try {
            boolean lost = follow(owner.recorder, id, session);
            summary(id);
            if (lost) {
                context.err().println("record start: the device was lost; the recording keeps what arrived until then");
                return CliCommand.FAILED;
            }
            return CliCommand.OK;
        } catch (InterruptedException e) {
            // Ctrl-C or SIGTERM: the program is stopping; what arrived is kept, the launcher sets the exit code
            stopQuietly(id);
            throw e;
        } catch (RecorderException e) {
            return RecordCommand.failed(context, "record start", e);
        } finally {
            session.close();
        }
    }

    /**
     * Waits until recording {@code id} stops. When the session it records is lost, stops the recording.
     *
     * @return true when the device was lost
     */
    static boolean follow(Recorder recorder, String id, DeviceSession session) throws InterruptedException, RecorderException {
        while (!recorder.awaitStopped(id, CHECK)) {
            if (session != null && !session.isOpen()) {
                recorder.stop(id);
                return true;
            }
        }
        return false;
    }

    private void stopQuietly(String id) {
        try {
            owner.recorder.stop(id);
        } catch (RecorderException e) {
            // stopped meanwhile, e.g. by the recorder stopping with the program
        }
    }

    private void summary(String id) throws RecorderException {
        try (Recording recording = owner.recorder.open(id)) {
            RecordingInfo info = recording.info();
            long cycles = 0;
            for (RecordedDevice device : info.devices()) {
                cycles += recording.cycles(device.key()).stream().filter(c -> c.kind() != org.bmsw.recorder.Cycle.Kind.REST).count();
            }
            context.err().println("recording " + id + " " + info.state().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + info.samples() + " snapshots, " + cycles + " charge/discharge phases, "
                    + Durations.format(Duration.between(info.started(), info.ended().orElse(info.started()))));
        }
    }
}
