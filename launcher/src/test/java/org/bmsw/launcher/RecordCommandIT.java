package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bmsw.launcher.Distribution.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmsw record} through the real binary against {@code bmsw simulate} on a pty: a counted recording, listing,
 * CSV and JSON export, import on another machine (another data directory), replay as a port; a recording stopped
 * from another process, by SIGTERM and by SIGKILL (still readable); bad files and unknown ids.
 */
class RecordCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Process simulator;
    private static String port;

    @BeforeAll
    static void startSimulator() throws Exception {
        port = dir.resolve("bms").toString();
        simulator = builder(Map.of(), "simulate", "--pty", port, "--cells", "16").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("simulating smartbms.v4"), line);
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "simulator output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        if (simulator != null) {
            simulator.destroy();
            simulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static ProcessBuilder builder(Map<String, String> env, String... args) {
        return Distribution.builder(dir, env, args);
    }

    private static Result bmsw(Map<String, String> env, String... args) throws Exception {
        return Distribution.run(builder(env, args), Duration.ofSeconds(60));
    }

    private static Result bmsw(String... args) throws Exception {
        return bmsw(Map.of(), args);
    }

    private static JsonNode recording(String id) throws Exception {
        for (JsonNode r : JSON.readTree(bmsw("record", "list", "--json").out())) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no recording " + id + " listed");
    }

    /** Starts a recording that runs until stopped; returns the process once it printed its id. */
    private static Map.Entry<Process, String> recordInBackground() throws Exception {
        Process process = builder(Map.of(), "record", "start", "--port", port, "--interval", "1000").start();
        String id = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(id != null && !id.isBlank(), "the id comes first on standard output");
        Thread.sleep(2500); // a few snapshots committed
        return Map.entry(process, id.trim());
    }

    @Test
    void aCountedRecordingIsListedExportedImportedElsewhereAndReplayed() throws Exception {
        Result start = bmsw("record", "start", "--port", port, "--interval", "1000", "--count", "3", "--name", "it");
        assertEquals(0, start.code(), start.err());
        List<String> lines = start.out().lines().toList();
        assertEquals(1, lines.size(), "standard output is exactly the id: " + start.out());
        String id = lines.get(0).trim();
        JsonNode listed = recording(id);
        assertEquals("finished", listed.get("state").asText());
        assertEquals(3, listed.get("samples").asInt());
        assertEquals("it", listed.get("name").asText());

        Result csv = bmsw("record", "export", id, "--format", "csv", "--what", "samples");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(4, csv.out().lines().count(), "a header and three snapshots: " + csv.out());
        assertTrue(csv.out().startsWith("time,device,soc_percent"), csv.out());

        Path exported = dir.resolve("rec.json");
        assertEquals(0, bmsw("record", "export", id, "--format", "json", "--out", exported.toString()).code());
        Result imported = bmsw(Map.of("BMSW_DATA_DIR", dir.resolve("other").toString()), "record", "import",
                exported.toString());
        assertEquals(0, imported.code(), imported.err());
        String copy = imported.out().trim();
        Result again = bmsw(Map.of("BMSW_DATA_DIR", dir.resolve("other").toString()), "record", "export", copy,
                "--format", "csv", "--what", "samples");
        assertEquals(csv.out(), again.out(), "the other machine's copy exports the same snapshots");

        Result cycles = bmsw("record", "cycles", id, "--json");
        assertEquals(0, cycles.code(), cycles.err());
        assertTrue(JSON.readTree(cycles.out()).isArray(), cycles.out());

        Result replay = bmsw("read", "--port", "replay:" + id, "--json");
        assertEquals(0, replay.code(), replay.err());
        JsonNode t = JSON.readTree(replay.out());
        assertEquals("smartbms.v4", t.at("/device/profile").asText());
        assertEquals(16, t.at("/cells").size(), "the recorded pack, replayed as a device");
    }

    @Test
    void aRecordingStopsFromAnotherProcessOnSigtermAndSurvivesSigkill() throws Exception {
        var stopped = recordInBackground();
        Result stop = bmsw("record", "stop", stopped.getValue());
        assertEquals(0, stop.code(), stop.err());
        assertTrue(stopped.getKey().waitFor(10, TimeUnit.SECONDS), "the recording process ends when stopped");
        assertEquals(0, stopped.getKey().exitValue());
        assertEquals("finished", recording(stopped.getValue()).get("state").asText());

        var terminated = recordInBackground();
        new ProcessBuilder("kill", "-TERM", Long.toString(terminated.getKey().pid())).start().waitFor();
        assertTrue(terminated.getKey().waitFor(20, TimeUnit.SECONDS));
        assertEquals(143, terminated.getKey().exitValue());
        assertEquals("finished", recording(terminated.getValue()).get("state").asText());

        var killed = recordInBackground();
        killed.getKey().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        JsonNode interrupted = recording(killed.getValue());
        assertEquals("interrupted", interrupted.get("state").asText());
        assertTrue(interrupted.get("samples").asInt() >= 1, "what was committed before the kill is kept: " + interrupted);
        Result export = bmsw("record", "export", killed.getValue(), "--format", "csv", "--what", "samples");
        assertEquals(0, export.code(), export.err());
        assertEquals(interrupted.get("samples").asInt() + 1, export.out().lines().count());
    }

    @Test
    void badFilesAndUnknownRecordingsGetTheirCodeAndAMessage() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"bmsw-recording/1\",\n");
        Result refused = bmsw("record", "import", bad.toString());
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains(bad + ":2:") && refused.err().contains("nothing was imported"), refused.err());
        Result unknown = bmsw("record", "export", "nope");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no recording 'nope'"), unknown.err());
    }
}
