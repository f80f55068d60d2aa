package org.bmsw.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named, versioned set of bundles plus default configuration, read from {@code features/NAME.feature}
 * (Java properties):
 *
 * <pre>
 * name = core
 * version = 1.0.0
 * description = ...
 * includes = other, features
 * bundles = org.apache.felix.scr, org.bmsw.core      (jar names in bundles/, without .jar, in start order)
 * later = mqtt, recorder                             (features of the set whose bundles start once the program
 *                                                     is usable, see {@link #laterBundles})
 * config.org.bmsw.workbench[language] = en           (default for PID org.bmsw.workbench, key language)
 * </pre>
 */
public record Feature(String name, String version, String description, List<String> includes, List<String> bundles,
               List<String> later, Map<String, Map<String, String>> defaultConfig) {

    static final String EXTENSION = ".feature";
    private static final Pattern CONFIG_KEY = Pattern.compile("config\\.([^\\[\\]]+)\\[([^\\[\\]]+)]");

    public static Feature read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        String fileName = file.getFileName().toString();
        String expected = fileName.substring(0, fileName.length() - EXTENSION.length());
        String name = required(props, "name", file);
        if (!name.equals(expected)) {
            throw new IOException(file + ": name '" + name + "' does not match the file name '" + expected + "'");
        }
        Map<String, Map<String, String>> config = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("config.")) {
                Matcher m = CONFIG_KEY.matcher(key);
                if (!m.matches()) {
                    throw new IOException(file + ": '" + key + "' is not of the form config.PID[key]");
                }
                config.computeIfAbsent(m.group(1), pid -> new LinkedHashMap<>()).put(m.group(2), props.getProperty(key));
            } else if (!List.of("name", "version", "description", "includes", "bundles", "later").contains(key)) {
                throw new IOException(file + ": unknown key '" + key + "'");
            }
        }
        return new Feature(name, required(props, "version", file), props.getProperty("description", ""),
                list(props.getProperty("includes", "")), list(props.getProperty("bundles", "")),
                list(props.getProperty("later", "")), config);
    }

    private static String required(Properties props, String key, Path file) throws IOException {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + ": '" + key + "' is missing");
        }
        return value.trim();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Features on disk by name. */
    public static Map<String, Feature> readAll(Path dir) throws IOException {
        Map<String, Feature> features = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(EXTENSION)).sorted().toList()) {
                Feature feature = read(file);
                features.put(feature.name(), feature);
            }
        }
        return features;
    }

    /**
     * The given features and everything they include, includes first, each once.
     *
     * @throws IOException naming the missing feature and who asked for it
     */
    public static List<Feature> closure(List<String> names, Map<String, Feature> all) throws IOException {
        List<Feature> ordered = new ArrayList<>();
        for (String name : names) {
            add(name, "the command line", all, ordered, new ArrayList<>());
        }
        return ordered;
    }

    private static void add(String name, String requiredBy, Map<String, Feature> all, List<Feature> ordered,
                            List<String> path) throws IOException {
        Feature feature = all.get(name);
        if (feature == null) {
            throw new IOException("unknown feature '" + name + "' (asked for by " + requiredBy + "); known: "
                    + all.keySet());
        }
        if (ordered.contains(feature)) {
            return;
        }
        if (path.contains(name)) {
            throw new IOException("features include each other in a cycle: " + path + " -> " + name);
        }
        path.add(name);
        for (String include : feature.includes()) {
            add(include, "feature '" + name + "'", all, ordered, path);
        }
        path.remove(name);
        ordered.add(feature);
    }

    /**
     * The bundles a set starts only once the program says it is usable (the window is visible and connecting at start
     * has ended, see {@code FrameworkRunner}): those of the features some feature of the set names in {@code later}, except any
     * that a feature not named there lists too. Nothing a connection needs belongs there: it would wait.
     *
     * @throws IOException naming a {@code later} entry that is not a feature of the set
     */
    public static Set<String> laterBundles(List<Feature> features) throws IOException {
        Set<String> laterFeatures = new HashSet<>();
        for (Feature feature : features) {
            for (String name : feature.later()) {
                if (features.stream().noneMatch(f -> f.name().equals(name))) {
                    throw new IOException("feature '" + feature.name() + "' starts '" + name
                            + "' later, which is not a feature of the set " + features.stream().map(Feature::name).toList());
                }
                laterFeatures.add(name);
            }
        }
        Set<String> later = new LinkedHashSet<>();
        features.stream().filter(f -> laterFeatures.contains(f.name())).forEach(f -> later.addAll(f.bundles()));
        features.stream().filter(f -> !laterFeatures.contains(f.name())).forEach(f -> later.removeAll(f.bundles()));
        return later;
    }

    /** Bundle names of the features in start order, each once. */
    public static List<String> bundles(List<Feature> features) {
        List<String> bundles = new ArrayList<>();
        for (Feature feature : features) {
            for (String bundle : feature.bundles()) {
                if (!bundles.contains(bundle)) {
                    bundles.add(bundle);
                }
            }
        }
        return bundles;
    }
}
