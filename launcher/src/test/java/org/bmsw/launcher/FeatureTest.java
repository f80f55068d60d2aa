package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name + Feature.EXTENSION), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsBundlesIncludesAndDefaultConfiguration() throws IOException {
        write("base", "name=base\nversion=1.0.0\nbundles=a, b\n");
        write("top", "name=top\nversion=2.0.0\nincludes=base\nbundles=b, c\n"
                + "config.org.bmsw.workbench[language]=zh\nconfig.org.bmsw.workbench[windowWidth]=900\n");
        Map<String, Feature> all = Feature.readAll(dir);
        assertEquals(Map.of("language", "zh", "windowWidth", "900"), all.get("top").defaultConfig().get("org.bmsw.workbench"));
        List<Feature> closure = Feature.closure(List.of("top"), all);
        assertEquals(List.of("base", "top"), closure.stream().map(Feature::name).toList());
        assertEquals(List.of("a", "b", "c"), Feature.bundles(closure));
    }

    @Test
    void laterFeaturesStartTheirOwnBundlesLaterUnlessAnEarlyFeatureListsThemToo() throws IOException {
        write("core", "name=core\nversion=1\nbundles=scr, core\n");
        write("mqtt", "name=mqtt\nversion=1\nincludes=core\nbundles=paho, mqtt\n");
        write("sim", "name=sim\nversion=1\nincludes=core\nbundles=xcp, sim\n");
        write("fw", "name=fw\nversion=1\nincludes=core\nbundles=xcp, firmware\n");
        write("desk", "name=desk\nversion=1\nincludes=sim, mqtt, fw\nbundles=window\nlater=mqtt, fw\n");
        List<Feature> closure = Feature.closure(List.of("desk"), Feature.readAll(dir));
        assertEquals(List.of("scr", "core", "xcp", "sim", "paho", "mqtt", "firmware", "window"), Feature.bundles(closure));
        assertEquals(List.of("paho", "mqtt", "firmware"), List.copyOf(Feature.laterBundles(closure)),
                "xcp is the simulator's too: it starts with it");
        assertEquals(List.of(), List.copyOf(Feature.laterBundles(Feature.closure(List.of("sim", "mqtt"), Feature.readAll(dir)))),
                "a set whose features name nothing later starts everything at once");
    }

    @Test
    void laterMustNameAFeatureOfTheSet() throws IOException {
        write("core", "name=core\nversion=1\nbundles=scr\n");
        write("desk", "name=desk\nversion=1\nincludes=core\nlater=mqtt\n");
        List<Feature> closure = Feature.closure(List.of("desk"), Feature.readAll(dir));
        IOException e = assertThrows(IOException.class, () -> Feature.laterBundles(closure));
        assertTrue(e.getMessage().contains("feature 'desk' starts 'mqtt' later, which is not a feature of the set [core, desk]"),
                e.getMessage());
    }

    @Test
    void defaultsOfOnePidFromSeveralFeaturesAreMergedKeyByKey() throws IOException {
        write("window", "name=window\nversion=1\nconfig.org.bmsw.workbench[language]=zh\nconfig.org.bmsw.workbench[port]=a\n");
        write("desk", "name=desk\nversion=1\nincludes=window\nconfig.org.bmsw.workbench[port]=b\n"
                + "config.org.bmsw.workbench[autoConnect]=true\n");
        List<Feature> closure = Feature.closure(List.of("desk"), Feature.readAll(dir));
        assertEquals(Map.of("language", "zh", "port", "b", "autoConnect", "true"),
                FrameworkRunner.defaultConfiguration(closure).get("org.bmsw.workbench"));
    }

    @Test
    void mistakesInFeatureFilesAreNamed() throws IOException {
        Path wrongName = write("one", "name=two\nversion=1\n");
        assertTrue(assertThrows(IOException.class, () -> Feature.read(wrongName)).getMessage().contains("does not match"));
        Path noVersion = write("nov", "name=nov\n");
        assertTrue(assertThrows(IOException.class, () -> Feature.read(noVersion)).getMessage().contains("'version' is missing"));
        Path typo = write("typo", "name=typo\nversion=1\nbundle=a\n");
        assertTrue(assertThrows(IOException.class, () -> Feature.read(typo)).getMessage().contains("unknown key 'bundle'"));
        Path badConfig = write("cfg", "name=cfg\nversion=1\nconfig.pid.key=1\n");
        assertTrue(assertThrows(IOException.class, () -> Feature.read(badConfig)).getMessage().contains("config.PID[key]"));
    }

    @Test
    void unknownAndCyclicIncludesAreRefused() throws IOException {
        write("a", "name=a\nversion=1\nincludes=b\n");
        write("b", "name=b\nversion=1\nincludes=a\n");
        write("c", "name=c\nversion=1\nincludes=nothere\n");
        Map<String, Feature> all = Feature.readAll(dir);
        assertTrue(assertThrows(IOException.class, () -> Feature.closure(List.of("a"), all)).getMessage().contains("cycle"));
        assertTrue(assertThrows(IOException.class, () -> Feature.closure(List.of("c"), all)).getMessage()
                .contains("unknown feature 'nothere' (asked for by feature 'c')"));
    }

    @Test
    void exitCodesForUsageAndUnknownFeatures() throws IOException {
        write("core", "name=core\nversion=1\n");
        Path home = dir.getParent().resolve(dir.getFileName() + "-home");
        Files.createDirectories(home.resolve("features"));
        Files.copy(dir.resolve("core.feature"), home.resolve("features/core.feature"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("BMSW_HOME", home.toString(), "BMSW_DATA_DIR", dir.resolve("d").toString(),
                "BMSW_CONFIG_DIR", dir.resolve("c").toString());
        assertEquals(ExitCode.USAGE.code(), Main.run(new String[] {"--nope"}, env, System.out, errStream));
        assertEquals(ExitCode.USAGE.code(), Main.run(new String[] {"--features", "missing"}, env, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown feature 'missing'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCode.OK.code(), Main.run(new String[] {"--help"}, env, new PrintStream(new ByteArrayOutputStream()), errStream));
    }
}
