package org.bmsw.launcher.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.bmsw.launcher.Feature;
import org.bmsw.launcher.SystemPackages;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot exactly what the built distribution's features list, from the
 * distribution's own jars: the tests check what users run, not a parallel test set-up.
 */
final class Distribution {

    static final Path HOME = Path.of(System.getProperty("bmsw.distribution", "target/bmsw"));
    static final Path FIXTURES = Path.of(System.getProperty("bmsw.fixtures", "target/fixtures"));

    /** System property naming the feature set's bundles, read by the tests inside the framework. */
    static final String EXPECTED_BUNDLES = "bmsw.it.bundles";

    private Distribution() {
    }

    /** Inside the framework: the bundles the booted feature set should contain. */
    static List<String> expectedBundles() {
        return List.of(System.getProperty(EXPECTED_BUNDLES).split(","));
    }

    static List<String> bundleNames(String... features) {
        try {
            return Feature.bundles(Feature.closure(List.of(features), Feature.readAll(HOME.resolve("features"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Option[] options(Path pluginsDir, String... features) {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(junitBundles());
        options.add(systemPackages(SystemPackages.extra().toArray(String[]::new)));
        options.add(frameworkProperty("felix.fileinstall.dir").value(pluginsDir.toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("100"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.cm.dir").value(pluginsDir.resolveSibling("configadmin").toString()));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        // the probe runs inside the framework, where launcher classes are not visible: hand it the list
        options.add(systemProperty(EXPECTED_BUNDLES).value(String.join(",",
                bundleNames(features).stream().map(name -> symbolicName(jar(name))).toList())));
        for (String name : bundleNames(features)) {
            Path jar = jar(name);
            String url = jar.toUri().toString();
            options.add(isFragment(jar) ? bundle(url).noStart() : bundle(url).start());
        }
        return options.toArray(Option[]::new);
    }

    static Path newPluginsDir() {
        try {
            Path dir = Files.createTempDirectory("bmsw-it-").resolve("plugins");
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(String name) {
        return HOME.resolve("bundles").resolve(name + ".jar").toAbsolutePath();
    }

    private static boolean isFragment(Path jar) {
        return header(jar, "Fragment-Host") != null;
    }

    private static String symbolicName(Path jar) {
        return header(jar, "Bundle-SymbolicName").split(";")[0].trim();
    }

    private static String header(Path jar, String name) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
