package org.bmsw.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command on a machine with a display and no hardware: {@code bin/bmsw} opens the window, which
 * attaches to the built-in simulator and shows live telemetry, then says it is usable and the launcher starts what it
 * held back (desktop.feature's {@code later}); a second start with the settings the first one saved comes back to
 * the same place.
 */
class WindowOnSimulatorIT {

    @TempDir
    Path dir;

    @Test
    void theRunCommandOpensTheWindowOnTheSimulatorAndComesBackToIt() throws Exception {
        XServer.ensureRunning();
        for (int run = 1; run <= 2; run++) {
            ProcessBuilder builder = new ProcessBuilder(Distribution.HOME.toAbsolutePath().resolve("bin/bmsw").toString());
            builder.environment().put("BMSW_DATA_DIR", dir.resolve("data").toString());
            builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("config").toString());
            builder.environment().put("BMSW_JAVA_OPTS", "-Dbmsw.announce.ready=true");
            Process process = builder.redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                long deadline = System.currentTimeMillis() + 60_000;
                String line;
                while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
                    lines.add(line);
                    if (lines.stream().anyMatch(l -> l.startsWith("WINDOW "))
                            && lines.stream().anyMatch(l -> l.startsWith("TELEMETRY "))
                            && lines.stream().anyMatch(l -> l.startsWith("READY "))) {
                        break;
                    }
                }
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("READY ")),
                        "run " + run + ": every bundle started, the held-back ones too: " + lines);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("WINDOW ")), "run " + run + ": window shown: " + lines);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("TELEMETRY ")),
                        "run " + run + ": live telemetry on screen: " + lines);
                Thread.sleep(1500); // let the window save its connection before it is stopped
                new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s");
                out.lines().forEach(lines::add); // what it said while stopping
            } finally {
                process.destroyForcibly();
            }
            assertEquals(143, process.exitValue());
            assertTrue(lines.stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")),
                    "run " + run + ": a start and its stop are quiet: " + lines);
            String log = Files.readString(dir.resolve("data/logs/bmsw.log"));
            assertTrue(log.contains("Workbench connected to") && log.contains("sim:smartbms.v4"),
                    "run " + run + ": connected to the simulated Smart BMS: " + log);
            assertTrue(log.contains("The program is usable; starting the 10 bundles held back"),
                    "run " + run + ": the window said when it was usable (not the launcher's time limit): " + log);
        }
    }
}
