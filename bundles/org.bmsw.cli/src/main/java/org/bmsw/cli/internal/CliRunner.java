package org.bmsw.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.core.ConnectRequest;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.LinkException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * Runs one command line: the built-in commands plus every contributed {@link CliCommand}, with one mapping of
 * errors to exit codes and plain-words messages (never a stack trace on the terminal; it goes to the log).
 */
@Component(service = CliRunner.class)
public class CliRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CliRunner.class);

    private final ConnectionService connections;
    private final TransportRegistry transports;
    private final ProfileRegistry profiles;
    private final Path dataDir;
    private final List<CliCommand> contributed = new CopyOnWriteArrayList<>();

    @Activate
    public CliRunner(@Reference ConnectionService connections, @Reference TransportRegistry transports,
                     @Reference ProfileRegistry profiles, BundleContext bundleContext) {
        this.connections = connections;
        this.transports = transports;
        this.profiles = profiles;
        String dir = bundleContext.getProperty("bmsw.data.dir");
        this.dataDir = Path.of(dir == null ? System.getProperty("java.io.tmpdir") : dir);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(CliCommand command) {
        contributed.add(command);
    }

    void removeCommand(CliCommand command) {
        contributed.remove(command);
    }

    /** Runs {@code args}; returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        CliContext context = context(out, err);
        CommandLine line = commandLine(context);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            String name = command.getCommandSpec().qualifiedName();
            if (e instanceof Refusal) {
                err.println(name + ": refused: " + e.getMessage());
                return CliCommand.REFUSED;
            }
            if (e instanceof IllegalArgumentException) {
                err.println(name + ": " + e.getMessage());
                err.println("Try '" + name + " --help'.");
                return CliCommand.USAGE;
            }
            if (e instanceof DeviceException || e instanceof LinkException) {
                err.println(name + ": " + e.getMessage());
                return CliCommand.FAILED;
            }
            if (e instanceof java.io.IOException) {
                err.println(name + ": " + e.getMessage());
                return CliCommand.FAILED;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                err.println(name + ": interrupted");
                return CliCommand.FAILED;
            }
            LOG.error("{} failed", name, e);
            err.println(name + ": failed: " + e + " (details in the log)");
            return CliCommand.FAILED;
        });
        return line.execute(args.toArray(String[]::new));
    }

    private CommandLine commandLine(CliContext context) {
        CommandLine root = new CommandLine(new RootCommand());
        root.addSubcommand(new CommandLine.HelpCommand());
        root.addSubcommand(new PortsCommand(context));
        root.addSubcommand(new ProfilesCommand(context));
        root.addSubcommand(new ScanCommand(context));
        root.addSubcommand(new ReadCommand(context));
        root.addSubcommand(ParamsCommand.create(context));
        root.addSubcommand(RawCommand.create(context));
        root.addSubcommand(new ControlCommand(context));
        for (CliCommand command : List.copyOf(contributed)) {
            try {
                root.addSubcommand(command.name(), command.create(context));
            } catch (RuntimeException e) {
                LOG.warn("Command {} contributed by {} is unusable: {}", command.name(), command, e.getMessage());
            }
        }
        root.setCaseInsensitiveEnumValuesAllowed(true);
        return root;
    }

    private CliContext context(PrintStream out, PrintStream err) {
        return new CliContext() {
            @Override
            public PrintStream out() {
                return out;
            }

            @Override
            public PrintStream err() {
                return err;
            }

            @Override
            public ConnectionService connections() {
                return connections;
            }

            @Override
            public TransportRegistry transports() {
                return transports;
            }

            @Override
            public ProfileRegistry profiles() {
                return profiles;
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public DeviceSession connect(ConnectionOptions options) throws DeviceException {
                return connections.connect(new ConnectRequest(options.linkSettings(), options.address,
                        options.profileId(), options.timeout()));
            }

            @Override
            public Locale locale(OutputOptions options) {
                String lang = options.lang != null ? options.lang : Locale.getDefault().getLanguage();
                if (options.lang != null && !lang.equals("en") && !lang.equals("zh")) {
                    throw new IllegalArgumentException("--lang must be en or zh, not '" + lang + "'");
                }
                return lang.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
            }
        };
    }

    @CommandLine.Command(name = "bmsw", mixinStandardHelpOptions = false,
            description = "BMS Workbench: host software for battery management systems.",
            footer = {"", "Exit codes: 0 ok, 1 device or link error, 2 usage, 3 refused (validation, safety, missing --yes).",
                    "Run 'bmsw <command> --help' for a command's options."},
            synopsisSubcommandLabel = "COMMAND")
    static final class RootCommand implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
