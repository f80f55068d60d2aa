package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built distribution as a user runs it: bin/bmsw in its own process. */
class DistributionProcessIT {

    private static final Path HOME = Path.of(System.getProperty("bmsw.distribution", "target/bmsw")).toAbsolutePath();

    @TempDir
    Path dir;

    private ProcessBuilder bmsw(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(HOME.resolve("bin/bmsw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BMSW_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().put("BMSW_JAVA_OPTS", "-Dbmsw.announce.ready=true");
        builder.environment().put("BMSW_CACHE_DIR", dir.resolve("cache").toString());
        builder.environment().remove("DISPLAY");
        return builder;
    }

    /**
     * Ctrl-C in a terminal is SIGINT to the foreground program. A program started in the background by a shell
     * without job control (as CI runners and nohup do) inherits SIGINT as ignored, and so would this test's; env
     * gives it back its default, as a terminal's foreground program has it.
     */
    @Test
    void startsHeadlessAndStopsCleanlyOnInterruptAndTerminate() throws Exception {
        for (String signal : List.of("INT", "TERM")) {
            ProcessBuilder builder = bmsw("--headless").redirectErrorStream(true);
            builder.command().addAll(0, List.of("env", "--default-signal=INT"));
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("READY "), "first line announces readiness: " + line);
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s of SIG" + signal);
            int expected = signal.equals("INT") ? 130 : 143;
            assertEquals(expected, process.exitValue(), "exit code after SIG" + signal);
            String log = Files.readString(dir.resolve("data/logs/bmsw.log"));
            assertTrue(log.contains("bundles active, 0 failed"), log);
        }
    }

    @Test
    void versionHelpAndUsageErrors() throws Exception {
        Process version = bmsw("--version").start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, version.waitFor());
        assertTrue(text.startsWith("BMS Workbench "), text);
        Process bad = bmsw("--no-such-option").start();
        String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.USAGE.code(), bad.waitFor());
        assertTrue(err.contains("unknown launcher option --no-such-option"), err);
    }

    @Test
    void theResolveGateFailsAFeatureWhoseRequirementsAreMissing() throws IOException, InterruptedException {
        // a distribution whose only feature lacks the API bundles org.bmsw.core imports
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("features"));
        Files.createDirectories(home.resolve("bundles"));
        Files.copy(HOME.resolve("bundles/org.bmsw.core.jar"), home.resolve("bundles/org.bmsw.core.jar"));
        Files.writeString(home.resolve("features/broken.feature"), "name=broken\nversion=1\nbundles=org.bmsw.core\n");
        ProcessBuilder builder = new ProcessBuilder("java", "-cp", HOME.resolve("lib") + "/*", Main.class.getName(),
                "--check", "--features", "*");
        builder.environment().put("BMSW_HOME", home.toString());
        Process check = builder.start();
        String err = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.UNRESOLVED.code(), check.waitFor(), err);
        assertTrue(err.contains("feature broken: DOES NOT RESOLVE"), err);
        assertTrue(err.contains("org.bmsw.device.api") || err.contains("org.bmsw.transport.api"),
                "names the missing package: " + err);
    }

    /** The README's way to change logging: copy conf/logback.xml.example to conf/logback.xml and edit it. */
    @Test
    void aLogbackXmlInConfReplacesTheBuiltInLogging() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        for (String part : List.of("bundles", "features", "lib")) {
            Files.createSymbolicLink(home.resolve(part), HOME.resolve(part));
        }
        String example = Files.readString(HOME.resolve("conf/logback.xml.example"));
        // the example with the console at INFO and a pattern of our own
        String edited = example.replace("${bmsw.console.level:-WARN}", "INFO")
                .replace("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n", "EDITED %-5level %msg%n");
        assertTrue(!edited.equals(example), "the example has the console appender this test edits");
        Files.writeString(home.resolve("conf/logback.xml"), edited);
        ProcessBuilder builder = new ProcessBuilder("java", "-Dbmsw.announce.ready=true", "-cp", HOME.resolve("lib") + "/*",
                Main.class.getName(), "--headless");
        builder.environment().put("BMSW_HOME", home.toString());
        builder.environment().put("BMSW_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().remove("DISPLAY");
        builder.redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.startsWith("READY "), "started: " + line);
        process.destroy();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("stderr"));
        assertTrue(err.lines().anyMatch(l -> l.startsWith("EDITED INFO ") && l.contains("bundles active, 0 failed")), err);
        String log = Files.readString(dir.resolve("data/logs/bmsw.log"));
        assertTrue(log.contains("bundles active, 0 failed"), "the example's file appender in the data directory: " + log);
        for (String part : List.of("bundles", "features", "lib")) {
            Files.delete(home.resolve(part)); // the links, not the distribution
        }
    }

    /**
     * Class data sharing: a start of the program leaves a class archive behind, the next start puts it in place and
     * maps its classes from it; a command makes none, an archive cut short is thrown away, BMSW_CDS=off uses none.
     */
    @Test
    void aStartOfTheProgramMakesTheClassArchiveTheNextStartsUse() throws Exception {
        Path cache = dir.resolve("cache");
        Process command = bmsw("--version").start();
        assertEquals(0, command.waitFor());
        assertTrue(!Files.exists(cache) || archives(cache).isEmpty(), "a command makes no archive: " + archives(cache));

        Process program = bmsw("--headless").redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.startsWith("READY "), line);
        program.destroy();
        assertTrue(program.waitFor(30, TimeUnit.SECONDS));
        List<Path> parts = archives(cache);
        assertEquals(1, parts.size(), parts.toString());
        assertTrue(parts.get(0).getFileName().toString().matches("cds-\\d+-\\d+\\.jsa\\.\\d+\\.part"), parts.toString());

        // a part cut short (its writer, long gone, killed while writing) has no header: it is dropped, never mapped
        Path broken = parts.get(0).resolveSibling(parts.get(0).getFileName().toString()
                .replaceAll("\\.\\d+\\.part$", "." + command.pid() + ".part"));
        Files.write(broken, new byte[4096]);

        ProcessBuilder shared = bmsw("--version");
        shared.environment().put("BMSW_JAVA_OPTS", "-Xlog:class+load=info:stdout");
        Process version = shared.start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, version.waitFor());
        assertTrue(out.lines().anyMatch(l -> l.contains("org.bmsw.launcher.Main source: shared objects file (top)")),
                "the launcher's classes come from the archive: " + out.lines().filter(l -> l.contains("org.bmsw")).toList());
        assertTrue(out.contains("BMS Workbench "), out);
        List<Path> now = archives(cache);
        assertEquals(1, now.size(), now.toString());
        assertTrue(now.get(0).getFileName().toString().matches("cds-\\d+-\\d+\\.jsa"), "renamed into place: " + now);

        ProcessBuilder off = bmsw("--version");
        off.environment().put("BMSW_CDS", "off");
        off.environment().put("BMSW_JAVA_OPTS", "-Xlog:class+load=info:stdout");
        Process plain = off.start();
        String plainOut = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, plain.waitFor());
        assertTrue(plainOut.lines().noneMatch(l -> l.contains("org.bmsw") && l.contains("shared objects file")), plainOut);
    }

    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (var files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }
}
