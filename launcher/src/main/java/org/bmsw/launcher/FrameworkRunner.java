package org.bmsw.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.bmsw.branding.Branding;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, starts and stops one embedded Felix with a feature set. */
final class FrameworkRunner {

    /** The program sets this system property before stopping the framework to choose the exit code. */
    static final String EXIT_CODE_PROPERTY = "bmsw.exit.code";
    /** Service property of the marker service registered once every bundle of the set has been started. */
    static final String STARTED_PROPERTY = "bmsw.launcher.started";
    /** When true, "READY &lt;ms&gt;" is printed once every bundle is active (for the startup benchmark). */
    static final String ANNOUNCE_READY_PROPERTY = "bmsw.announce.ready";
    /** Longest a stop may take before the process is ended anyway: closing must never hang. */
    private static final long STOP_TIMEOUT_MS = 15_000;

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkRunner.class);

    private final LauncherOptions options;
    private final List<Feature> features;
    private final Thread loggingSetUp;

    /** @param loggingSetUp configures logging meanwhile; the bundles start once it has ended */
    FrameworkRunner(LauncherOptions options, List<Feature> features, Thread loggingSetUp) {
        this.options = options;
        this.features = features;
        this.loggingSetUp = loggingSetUp;
    }

    int run() throws IOException {
        long start = System.nanoTime();
        Path storage = Files.createTempDirectory("bmsw-osgi-");
        Felix framework = new Felix(frameworkProperties(storage));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework, storage), "bmsw-shutdown"));
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            watchStop(context, framework);
            List<Bundle> bundles = install(context, Feature.bundles(features));
            loggingSetUp.join();
            framework.start();
            int failed = startAll(context, bundles);
            // commands wait for this before they run, so they see every bundle of the set started
            context.registerService(Object.class, new Object(),
                    new Hashtable<>(Map.of(STARTED_PROPERTY, Boolean.TRUE)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("{} started with features {}: {} bundles active, {} failed, in {} ms", Branding.get().fullName(),
                    features.stream().map(Feature::name).toList(), bundles.size() - failed, failed, millis);
            if (Boolean.getBoolean(ANNOUNCE_READY_PROPERTY)) {
                System.out.println("READY " + millis);
                System.out.flush();
            }
            framework.waitForStop(0);
        } catch (BundleException e) {
            LOG.error("The OSGi framework could not start: {}", e.getMessage(), e);
            return ExitCode.ERROR.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
        return Integer.getInteger(EXIT_CODE_PROPERTY, ExitCode.OK.code());
    }

    private Map<String, Object> frameworkProperties(Path storage) throws IOException {
        Files.createDirectories(options.pluginsDir());
        Files.createDirectories(options.configDir());
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", SystemPackages.extra()));
        props.put("felix.log.logger", new FelixLogBridge());
        props.put("felix.log.level", "2");
        // configuration persists in the user's config directory
        props.put("felix.cm.dir", options.configDir().resolve("configadmin").toString());
        // hot deploy: a jar dropped into plugins/ is live within a poll or two
        props.put("felix.fileinstall.dir", options.pluginsDir().toString());
        props.put("felix.fileinstall.poll", "100");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.bundles.new.start", "true");
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.log.level", "2");
        props.put("gosh.args", options.shell() ? "" : "--nointeractive");
        props.put("bmsw.home", options.home().toString());
        props.put("bmsw.data.dir", options.dataDir().toString());
        props.put("bmsw.config.dir", options.configDir().toString());
        props.put("bmsw.plugins.dir", options.pluginsDir().toString());
        // the program's own arguments, separated by the ASCII unit separator so any argument survives
        props.put("bmsw.program.args", String.join("\u001f", options.programArgs()));
        return props;
    }

    private List<Bundle> install(BundleContext context, List<String> names) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (String name : names) {
            Path jar = options.home().resolve("bundles").resolve(name + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new BundleException("bundle '" + name + "' of the feature set is missing: " + jar);
            }
            bundles.add(context.installBundle(jar.toUri().toString()));
        }
        return bundles;
    }

    /** The features' configuration defaults; several may set keys of one PID, a later feature's key wins. */
    static Map<String, Map<String, String>> defaultConfiguration(List<Feature> features) {
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        features.forEach(f -> f.defaultConfig().forEach((pid, values) ->
                defaults.computeIfAbsent(pid, p -> new LinkedHashMap<>()).putAll(values)));
        return defaults;
    }

    /** Starts every bundle in feature order; returns how many failed. Defaults are seeded once ConfigAdmin runs. */
    private int startAll(BundleContext context, List<Bundle> bundles) {
        Map<String, Map<String, String>> defaults = defaultConfiguration(features);
        boolean configured = defaults.isEmpty();
        int failed = 0;
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            long started = System.nanoTime();
            try {
                bundle.start();
                LOG.debug("Started {} in {} ms", bundle.getSymbolicName(), (System.nanoTime() - started) / 1_000_000);
            } catch (BundleException | RuntimeException e) {
                failed++;
                LOG.error("Bundle {} {} did not start: {}", bundle.getSymbolicName(), bundle.getVersion(),
                        e.getMessage(), e);
            }
            if (!configured) {
                configured = DefaultConfiguration.apply(context, defaults);
            }
        }
        return failed;
    }

    /** Ends the process if stopping the framework hangs (a component that never returns from deactivate). */
    private static void watchStop(BundleContext context, Felix framework) {
        context.addBundleListener(event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                Thread watchdog = new Thread(() -> {
                    try {
                        FrameworkEvent done = framework.waitForStop(STOP_TIMEOUT_MS);
                        if (done.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                            LOG.error("Stopping took longer than {} s; ending the process", STOP_TIMEOUT_MS / 1000);
                            Runtime.getRuntime().halt(ExitCode.ERROR.code());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bmsw-stop-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
            }
        });
    }

    /** Shutdown hook (Ctrl-C, SIGTERM): stop the framework cleanly, bounded in time. */
    private static void stop(Felix framework, Path storage) {
        if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            try {
                framework.stop();
                if (framework.waitForStop(STOP_TIMEOUT_MS).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    LOG.error("The framework did not stop within {} s", STOP_TIMEOUT_MS / 1000);
                }
            } catch (BundleException | InterruptedException e) {
                LOG.warn("Stopping the framework failed: {}", e.getMessage(), e);
            }
        }
        deleteTree(storage);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
