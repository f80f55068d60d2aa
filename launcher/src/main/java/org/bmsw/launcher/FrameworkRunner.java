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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.bmsw.branding.Branding;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
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
    /**
     * Service property with which the program says it is usable (the window: it is visible and connecting at start
     * has ended); the bundles of {@code later} features start then (see {@link Feature#laterBundles}).
     */
    static final String USABLE_PROPERTY = "bmsw.launcher.usable";
    /** The {@code later} bundles start after this at the latest, e.g. when the window cannot open. */
    private static final long USABLE_TIMEOUT_MS = 3_000;
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
            List<String> names = Feature.bundles(features);
            List<Bundle> bundles = install(context, names);
            loggingSetUp.join();
            framework.start();
            int failed = startAll(framework, names, bundles);
            if (framework.getState() == Bundle.ACTIVE) { // else stopping already: the window was closed that soon
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
            bundles.add(context.installBundle("reference:" + jar.toUri()));
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

    /**
     * Starts every bundle in feature order, those of {@code later} features once the program is usable; returns how
     * many failed. Defaults are seeded once ConfigAdmin runs.
     */
    private int startAll(Felix framework, List<String> names, List<Bundle> bundles) throws IOException, InterruptedException {
        Set<String> laterNames = Feature.laterBundles(features);
        List<Bundle> first = new ArrayList<>();
        List<Bundle> later = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            (laterNames.contains(names.get(i)) ? later : first).add(bundles.get(i));
        }
        Starter starter = new Starter(framework.getBundleContext(), defaultConfiguration(features));
        first.forEach(starter::start);
        if (!later.isEmpty()) {
            boolean usable = awaitUsable(framework);
            if (framework.getState() != Bundle.ACTIVE) {
                return starter.failed; // stopping already: the user closed the window that soon
            }
            LOG.info(usable ? "The program is usable; starting the {} bundles held back"
                    : "Nothing said the program was usable within " + USABLE_TIMEOUT_MS + " ms; starting the {} bundles held back",
                    later.size());
            later.forEach(starter::start);
        }
        return starter.failed;
    }

    /** Starts bundles one by one, counting failures, and seeds the defaults as soon as ConfigAdmin takes them. */
    private static final class Starter {
        private final BundleContext context;
        private final Map<String, Map<String, String>> defaults;
        private boolean configured;
        private int failed;

        Starter(BundleContext context, Map<String, Map<String, String>> defaults) {
            this.context = context;
            this.defaults = defaults;
            this.configured = defaults.isEmpty();
        }

        void start(Bundle bundle) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                return;
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
    }

    /**
     * Until a service says the program is usable, the framework stops, or {@link #USABLE_TIMEOUT_MS} passed.
     *
     * @return false when the time ran out
     */
    private static boolean awaitUsable(Felix framework) throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        String filter = "(" + USABLE_PROPERTY + "=true)";
        CountDownLatch usable = new CountDownLatch(1);
        ServiceListener registered = event -> usable.countDown();
        BundleListener frameworkStopping = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                usable.countDown();
            }
        };
        try {
            context.addServiceListener(registered, filter);
            context.addBundleListener(frameworkStopping);
            if (context.getServiceReferences((String) null, filter) != null) {
                usable.countDown();
            }
            return usable.await(USABLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter " + filter + " is constant", e);
        } finally {
            try {
                context.removeServiceListener(registered);
                context.removeBundleListener(frameworkStopping);
            } catch (IllegalStateException e) {
                LOG.debug("The framework stopped while the program was starting");
            }
        }
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
