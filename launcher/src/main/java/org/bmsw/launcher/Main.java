package org.bmsw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.branding.Branding;
import org.slf4j.LoggerFactory;

/**
 * {@code bmsw}: starts the OSGi framework with the chosen features, or checks that they resolve.
 * Exit codes are {@link ExitCode}'s.
 */
public final class Main {

    /** The desktop set: everything, with the window. */
    static final String DESKTOP_FEATURE = "desktop";
    /** Everything that runs without a display. */
    static final String HEADLESS_FEATURE = "headless";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path home = home(env);
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, env, home);
        } catch (UsageException e) {
            err.println("bmsw: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (options.help()) {
            out.print(LauncherOptions.USAGE);
            return ExitCode.OK.code();
        }
        if (options.version()) {
            out.println(Branding.get().fullName());
            return ExitCode.OK.code();
        }
        Thread logging = null;
        if (!options.check()) {
            try {
                prepareLogging(options);
            } catch (IOException e) {
                err.println("bmsw: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            // Logback takes a tenth of a second to configure: it does so on a thread of its own while the
            // features are read and the framework installs its bundles (SLF4J hands out stand-in loggers
            // meanwhile); the bundles start, and log, once it is done
            logging = new Thread(LoggerFactory::getILoggerFactory, "bmsw-logging-init");
            logging.setDaemon(true);
            logging.start();
        }
        Map<String, Feature> features;
        try {
            features = Feature.readAll(home.resolve("features"));
        } catch (IOException e) {
            err.println("bmsw: cannot read the features of " + home + ": " + e.getMessage());
            return ExitCode.ERROR.code();
        }
        try {
            if (options.check()) {
                return FeatureCheck.run(options, features, out, err);
            }
            List<Feature> set = Feature.closure(featureNames(options, env), features);
            return new FrameworkRunner(options, set, logging).run();
        } catch (IOException e) {
            err.println("bmsw: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
    }

    /** The requested features, or the default set for this environment. */
    static List<String> featureNames(LauncherOptions options, Map<String, String> env) {
        List<String> names = new ArrayList<>();
        if (!options.features().isEmpty()) {
            names.addAll(options.features());
        } else {
            boolean headless = options.headless() || !options.programArgs().isEmpty() || !hasDisplay(env);
            names.add(headless ? HEADLESS_FEATURE : DESKTOP_FEATURE);
        }
        if (options.shell() && !names.contains("shell")) {
            names.add("shell");
        }
        return names;
    }

    static boolean hasDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** BMSW_HOME, else the folder above the lib/ folder holding this jar. */
    static Path home(Map<String, String> env) {
        String explicit = env.get("BMSW_HOME");
        if (notBlank(explicit)) {
            return Path.of(explicit).toAbsolutePath();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** Logback reads these when SLF4J first initialises, so they are set before anything logs; a
     * conf/logback.xml, when a user adds one, replaces the built-in {@link LogConfigurator}. */
    private static void prepareLogging(LauncherOptions options) throws IOException {
        Path logDir = options.dataDir().resolve("logs");
        Files.createDirectories(logDir);
        System.setProperty("bmsw.log.dir", logDir.toString());
        Path config = options.home().resolve("conf").resolve("logback.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(config)) {
            System.setProperty("logback.configurationFile", config.toString());
        }
    }
}
