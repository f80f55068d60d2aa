package org.bmsw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code bmsw --check}: resolves feature sets in a framework of their own, without starting any
 * bundle, and reports every missing requirement. The build runs it on every feature, so a feature
 * that does not resolve on its own fails the build.
 */
final class FeatureCheck {

    private FeatureCheck() {
    }

    /** {@code --features *} checks each feature separately; otherwise the given set as one. */
    static int run(LauncherOptions options, Map<String, Feature> all, PrintStream out, PrintStream err)
            throws IOException {
        List<List<String>> sets = new ArrayList<>();
        if (options.features().equals(List.of("*"))) {
            all.keySet().forEach(name -> sets.add(List.of(name)));
        } else {
            sets.add(Main.featureNames(options, System.getenv()));
        }
        int failures = 0;
        for (List<String> set : sets) {
            List<Feature> closure = Feature.closure(set, all);
            Feature.laterBundles(closure); // a `later` naming no feature of the set fails the build here
            List<String> problems = resolve(options.home(), Feature.bundles(closure));
            if (problems.isEmpty()) {
                out.println("feature " + String.join(",", set) + ": resolves (" + Feature.bundles(closure).size()
                        + " bundles)");
            } else {
                failures++;
                err.println("feature " + String.join(",", set) + ": DOES NOT RESOLVE");
                problems.forEach(p -> err.println("  " + p));
            }
        }
        return failures == 0 ? ExitCode.OK.code() : ExitCode.UNRESOLVED.code();
    }

    static List<String> resolve(Path home, List<String> bundleNames) throws IOException {
        Path storage = Files.createTempDirectory("bmsw-check-");
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", SystemPackages.extra()));
        props.put("felix.log.level", "0");
        Felix framework = new Felix(props);
        List<String> problems = new ArrayList<>();
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String name : bundleNames) {
                Path jar = home.resolve("bundles").resolve(name + ".jar");
                if (!Files.isRegularFile(jar)) {
                    problems.add("bundle " + name + " is missing: " + jar);
                    continue;
                }
                bundles.add(context.installBundle(jar.toUri().toString()));
            }
            framework.start();
            framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    problems.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + resolutionError(bundle));
                }
            }
        } catch (BundleException e) {
            problems.add(e.getMessage());
        } finally {
            try {
                framework.stop();
                framework.waitForStop(10_000);
            } catch (BundleException | InterruptedException e) {
                problems.add("stopping the check framework failed: " + e);
            }
            FrameworkRunner.deleteTree(storage);
        }
        return problems;
    }

    /** Felix explains a resolution failure only when asked to start; a fragment cannot be, so say so. */
    private static String resolutionError(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return "fragment did not attach to " + bundle.getHeaders().get(Constants.FRAGMENT_HOST);
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            bundle.stop(Bundle.STOP_TRANSIENT);
            return "unresolved (no reason given)";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }
}
