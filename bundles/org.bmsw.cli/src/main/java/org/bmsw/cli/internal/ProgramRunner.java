package org.bmsw.cli.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.bmsw.core.ProfileRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the command given on the launcher's command line ({@code bmsw read --port ...}) once every bundle of the
 * set has started and the profiles installed with it are loaded, then stops the program with the command's exit
 * code. Does nothing when the program was started without a command.
 */
@Component(immediate = true)
public class ProgramRunner {

    /** The launcher's program arguments, separated by the ASCII unit separator. */
    static final String ARGS_PROPERTY = "bmsw.program.args";
    /** The launcher reads this system property for the exit code once the framework has stopped. */
    static final String EXIT_CODE_PROPERTY = "bmsw.exit.code";
    /** The launcher's marker service, registered once the feature set has started. */
    static final String STARTED_FILTER = "(bmsw.launcher.started=true)";

    private static final Logger LOG = LoggerFactory.getLogger(ProgramRunner.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration PROFILES_WAIT = Duration.ofSeconds(20);

    private final Thread thread;

    @Activate
    public ProgramRunner(BundleContext context, @Reference CliRunner runner, @Reference ProfileRegistry profiles) {
        List<String> args = parse(context.getProperty(ARGS_PROPERTY));
        if (args.isEmpty()) {
            thread = null;
            return;
        }
        thread = new Thread(() -> {
            int code;
            try {
                awaitStarted(context);
                if (!profiles.awaitSettled(PROFILES_WAIT)) {
                    LOG.warn("Profiles were still loading after {} s; running '{}' with those present",
                            PROFILES_WAIT.toSeconds(), args.get(0));
                }
                code = runner.run(args, System.out, System.err);
            } catch (InterruptedException e) {
                return;
            }
            System.out.flush();
            if (Thread.currentThread().isInterrupted()) {
                return; // the program is stopping (Ctrl-C, SIGTERM): the launcher chooses the exit code
            }
            System.setProperty(EXIT_CODE_PROPERTY, Integer.toString(code));
            stopFramework(context);
        }, "bmsw-command " + args.get(0));
        thread.start();
    }

    @Deactivate
    void deactivate() {
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    static List<String> parse(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(joined.split("\u001f", -1));
    }

    private static void awaitStarted(BundleContext context) throws InterruptedException {
        Filter filter;
        try {
            filter = context.createFilter(STARTED_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<Object, Object> started = new ServiceTracker<>(context, filter, null);
        started.open(true);
        try {
            if (started.waitForService(START_WAIT.toMillis()) == null) {
                LOG.warn("The launcher did not report the start within {} s; running the command anyway",
                        START_WAIT.toSeconds());
            }
        } finally {
            started.close();
        }
    }

    private static void stopFramework(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Could not stop the program after the command: {}", e.getMessage());
            Runtime.getRuntime().halt(Integer.getInteger(EXIT_CODE_PROPERTY, 1));
        }
    }
}
