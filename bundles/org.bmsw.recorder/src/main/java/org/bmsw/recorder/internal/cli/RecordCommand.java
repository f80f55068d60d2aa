package org.bmsw.recorder.internal.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.recorder.Recorder;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bmsw record start|stop|list|export|import|cycles}. On the command line ({@code bmsw record start ...}) a
 * recording lasts as long as the command; in a program that keeps running (the Gogo shell, the window) it runs in
 * the background until {@code record stop}, and this component keeps the sessions it opened for it.
 */
@Component(service = CliCommand.class)
public class RecordCommand implements CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);
    /** The launcher's framework property holding the command the program was started to run; empty in a shell. */
    static final String PROGRAM_ARGS = "bmsw.program.args";

    final Recorder recorder;
    final LiveTelemetry live;
    /** True in a program that outlives the command (shell, window): started recordings run in the background. */
    final boolean background;
    /** Background recordings and the sessions opened for them, by recording id. */
    final Map<String, BackgroundRecording> running = new ConcurrentHashMap<>();

    @Activate
    public RecordCommand(@Reference Recorder recorder, @Reference LiveTelemetry live, BundleContext context) {
        this(recorder, live, isBlank(context.getProperty(PROGRAM_ARGS)));
    }

    RecordCommand(Recorder recorder, LiveTelemetry live, boolean background) {
        this.recorder = recorder;
        this.live = live;
        this.background = background;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The program stops: background recordings end cleanly and their sessions close. */
    @Deactivate
    void deactivate() {
        for (BackgroundRecording r : List.copyOf(running.values())) {
            r.end();
        }
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public Object create(CliContext context) {
        CommandLine record = new CommandLine(new Record());
        record.addSubcommand(new StartCommand(this, context));
        record.addSubcommand(new StopCommand(this, context));
        record.addSubcommand(new RecordingQueries.ListRecordings(this, context));
        record.addSubcommand(new RecordingQueries.ShowCycles(this, context));
        record.addSubcommand(new RecordingFiles.Export(this, context));
        record.addSubcommand(new RecordingFiles.Import(this, context));
        return record;
    }

    @Command(name = "record", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND", description = {
            "Records live telemetry into <data-dir>/records/ (a SQLite file per",
            "recording); lists, analyses, exports and imports recordings.",
            "Examples:",
            "  bmsw record start --port /dev/ttyUSB0 --interval 1000 --duration 8h",
            "  bmsw record stop 20250301-101500",
            "  bmsw record list",
            "  bmsw record cycles 20250301-101500",
            "  bmsw record export 20250301-101500 --format csv --what cycles --out cycles.csv"})
    static final class Record implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say what to do: start, stop, list, cycles, export or import");
        }
    }

    /** A recording id the user typed that names no recording is a usage error, with the way to find the right one. */
    RecordingInfo requireRecording(String id) throws RecorderException {
        for (RecordingInfo info : recorder.list()) {
            if (info.id().equals(id)) {
                return info;
            }
        }
        throw new IllegalArgumentException("there is no recording '" + id + "' in " + recorder.directory()
                + " (see 'bmsw record list')");
    }

    /** Prints a recorder failure in plain words (the CLI's default handler would add the exception's class). */
    static int failed(CliContext context, String command, RecorderException e) {
        LOG.debug("{} failed", command, e);
        context.err().println(command + ": " + e.getMessage());
        return FAILED;
    }

    /** A recording running in the background of this program, and the session opened for it (null: not ours). */
    final class BackgroundRecording {

        final String id;
        private final DeviceSession session;
        private final Thread watcher;

        BackgroundRecording(String id, DeviceSession session) {
            this.id = id;
            this.session = session;
            this.watcher = new Thread(this::watch, "bmsw record " + id);
            watcher.setDaemon(true);
        }

        void start() {
            running.put(id, this);
            watcher.start();
        }

        private void watch() {
            try {
                StartCommand.follow(recorder, id, session);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RecorderException e) {
                LOG.warn("Background recording {} ended with an error: {}", id, e.getMessage());
            } finally {
                running.remove(id);
                if (session != null) {
                    session.close();
                }
            }
        }

        /** Stops the recording (if it still runs) and waits for the session to be let go. */
        void end() {
            try {
                recorder.stop(id);
            } catch (RecorderException e) {
                LOG.debug("Background recording {} was already stopped: {}", id, e.getMessage());
            }
            try {
                watcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
