package org.bmsw.recorder.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.cli.internal.CliHarness.Result;
import org.bmsw.core.ConnectRequest;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.transport.api.LinkSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bmsw record} run in this process by the CLI's own runner, against a simulated Smart BMS on a real socat
 * pty read through the real serial transport, the core's connection service and live telemetry.
 */
class RecordCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    SmartBmsOnPty bms;
    RecordStack stack;

    @BeforeEach
    void start() throws Exception {
        bms = new SmartBmsOnPty(dir, 1);
        stack = new RecordStack(dir.resolve("data"), 200, false);
    }

    @AfterEach
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (bms != null) {
            bms.close();
        }
    }

    private JsonNode list() throws Exception {
        Result list = stack.run("record", "list", "--json");
        assertEquals(0, list.code(), list.toString());
        return JSON.readTree(list.out());
    }

    private JsonNode listed(String id) throws Exception {
        for (JsonNode r : list()) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("recording " + id + " not listed: " + list());
    }

    @Test
    void startRecordsExactlyTheCountAskedForAndPrintsTheIdFirst() throws Exception {
        Result start = stack.run("record", "start", "--port", bms.port(), "--interval", "200", "--count", "5", "--name", "five");
        assertEquals(0, start.code(), start.toString());
        String id = start.out().lines().findFirst().orElseThrow();
        assertEquals(List.of(id), start.out().lines().toList(), "only the id on standard output");
        assertTrue(start.err().contains("recording " + id + " finished: 5 snapshots"), start.err());

        JsonNode r = listed(id);
        assertEquals("five", r.get("name").asText());
        assertEquals("finished", r.get("state").asText());
        assertEquals(5, r.get("samples").asLong());
        assertEquals("smartbms.v4", r.at("/devices/0/profile").asText());
        assertEquals(1, r.at("/devices/0/address").asInt());

        Result csv = stack.run("record", "export", id, "--format", "csv", "--what", "samples");
        assertEquals(0, csv.code(), csv.toString());
        List<String> rows = csv.out().lines().toList();
        assertEquals(6, rows.size(), "header and five snapshots: " + csv.out());
        assertTrue(rows.get(0).startsWith("time,device,soc_percent"), rows.get(0));
        assertTrue(stack.core.connections.sessions().isEmpty(), "the command let its session go");
    }

    @Test
    void aDurationEndsTheRecording() throws Exception {
        long t0 = System.nanoTime();
        Result start = stack.run("record", "start", "--port", bms.port(), "--interval", "200", "--duration", "1500ms");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, start.code(), start.toString());
        JsonNode r = listed(start.out().strip());
        Duration length = Duration.between(Instant.parse(r.get("started").asText()), Instant.parse(r.get("ended").asText()));
        assertTrue(length.toMillis() >= 1500 && length.toMillis() < 2500, "recorded for " + length);
        assertTrue(took >= 1500 && took < 6000, "the command returned after " + took + " ms");
        long samples = r.get("samples").asLong();
        assertTrue(samples >= 5 && samples <= 9, samples + " snapshots at 200 ms in 1.5 s");
    }

    @Test
    void stopFromAnotherThreadEndsTheRecordingAndTheCommand() throws Exception {
        CompletableFuture<Result> recording = CompletableFuture.supplyAsync(() ->
                stack.run("record", "start", "--port", bms.port(), "--interval", "200"));
        String id = awaitRunning(3);
        Result stop = stack.run("record", "stop", id);
        assertEquals(0, stop.code(), stop.toString());
        assertEquals(id, stop.out().strip());
        Result start = recording.get(10, TimeUnit.SECONDS);
        assertEquals(0, start.code(), start.toString());
        assertEquals(id, start.out().strip());
        JsonNode r = listed(id);
        assertEquals("finished", r.get("state").asText());
        assertTrue(r.get("samples").asLong() >= 3, r.toString());
        assertTrue(stack.core.connections.sessions().isEmpty(), "the command let its session go");

        Result again = stack.run("record", "stop", id);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("recording " + id + " is not running (it is finished)"), again.err());
        Result none = stack.run("record", "stop");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no recording is running"), none.err());
    }

    /** Waits until a recording is running with at least {@code samples} snapshots; returns its id. */
    private String awaitRunning(long samples) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            for (RecordingInfo info : stack.recorder.list()) {
                if (info.state() == RecordingInfo.State.RECORDING && info.samples() >= samples) {
                    return info.id();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording reached " + samples + " snapshots: " + stack.recorder.list());
    }

    @Test
    void listExportAndImportMakeTheSameRecordingOnAnotherMachine() throws Exception {
        Result start = stack.run("record", "start", "--port", bms.port(), "--interval", "200", "--count", "8");
        assertEquals(0, start.code(), start.toString());
        String id = start.out().strip();

        Result replayed = stack.run("read", "--port", "replay:" + id + "?speed=10", "--json");
        assertEquals(0, replayed.code(), "any command reads a replay like a device: " + replayed);
        JsonNode snapshot = JSON.readTree(replayed.out());
        assertEquals("smartbms.v4", snapshot.at("/device/profile").asText(), "as recorded");
        assertEquals(24, snapshot.at("/cells").size(), "the simulated pack's 24 cells");

        Path json = dir.resolve("export/pack.json");
        Files.createDirectories(json.getParent());
        Result export = stack.run("record", "export", id, "--format", "json", "--out", json.toString());
        assertEquals(0, export.code(), export.toString());
        assertTrue(export.err().contains("written to " + json), export.err());
        assertFalse(Files.exists(json.resolveSibling("pack.json.part")), "no temporary file left");

        // another machine: its own data directory
        try (RecordStack other = new RecordStack(dir.resolve("other"), 200, false)) {
            Result imported = other.run("record", "import", json.toString());
            assertEquals(0, imported.code(), imported.toString());
            String copy = imported.out().strip();
            Result list = other.run("record", "list");
            assertEquals(0, list.code(), list.toString());
            assertTrue(list.out().startsWith("ID"), list.out());
            assertTrue(list.out().contains(copy) && list.out().contains("finished") && list.out().contains(" 8 "), list.out());

            assertEquals(stack.run("record", "export", id, "--format", "csv").out(),
                    other.run("record", "export", copy, "--format", "csv").out(), "every snapshot as recorded");
            assertEquals(stack.run("record", "cycles", id, "--json").out(), other.run("record", "cycles", copy, "--json").out());
            Result cycles = other.run("record", "cycles", copy);
            assertEquals(0, cycles.code(), cycles.toString());
            assertTrue(cycles.out().startsWith("#") && cycles.out().contains("AH IN"), cycles.out());
            Result cyclesCsv = other.run("record", "export", copy, "--what", "cycles");
            assertEquals(0, cyclesCsv.code(), cyclesCsv.toString());
            assertTrue(cyclesCsv.out().lines().count() >= 2, cyclesCsv.out());

            Path sqlite = dir.resolve("data/records/" + id + ".sqlite");
            Result fromFile = other.run("record", "import", sqlite.toString());
            assertEquals(0, fromFile.code(), fromFile.toString());
            assertEquals(8, other.recorder.list().stream().filter(r -> r.id().equals(fromFile.out().strip())).findFirst()
                    .orElseThrow().samples(), "a recording file copied from another machine");
        }
    }

    @Test
    void badUsageAndBadFilesGetTheDocumentedExitCodesAndSayWhy() throws Exception {
        expect(2, "there is no recording 'nope'", "record", "export", "nope");
        expect(2, "there is no recording 'nope'", "record", "cycles", "nope");
        expect(2, "no such file: " + dir.resolve("missing.json"), "record", "import", dir.resolve("missing.json").toString());
        expect(2, "say where the device is", "record", "start");
        expect(2, "--duration must be a duration such as 90s", "record", "start", "--port", bms.port(), "--duration", "5x");
        expect(2, "--count must be 0 (no limit) or more", "record", "start", "--port", bms.port(), "--count", "-1");
        expect(2, "say what to do: start, stop, list, cycles, export or import", "record");
        expect(1, "no recording is running", "record", "stop");
        expect(1, "Could not open serial:" + dir.resolve("no-such-port"), "record", "start", "--port", dir.resolve("no-such-port").toString());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"bmsw-recording/1\",\n\"name\": 7,\n", StandardCharsets.UTF_8);
        Result refused = expect(3, bad.toString() + ":2:", "record", "import", bad.toString());
        assertTrue(refused.err().contains("nothing was imported"), refused.err());
        assertTrue(stack.recorder.list().isEmpty(), "nothing was added");

        Result start = stack.run("record", "start", "--port", bms.port(), "--interval", "200", "--count", "2");
        String id = start.out().strip();
        expect(2, "Invalid value for option '--format'", "record", "export", id, "--format", "xml");
        expect(2, "the folder of --out does not exist", "record", "export", id, "--out", dir.resolve("nowhere/x.csv").toString());

        Result help = stack.run("record", "--help");
        assertEquals(0, help.code());
        for (String sub : List.of("start", "stop", "list", "cycles", "export", "import")) {
            assertTrue(help.out().contains("  " + sub), help.out());
            Result subHelp = stack.run("record", sub, "--help");
            assertEquals(0, subHelp.code(), subHelp.toString());
            assertTrue(subHelp.out().startsWith("Usage: bmsw record " + sub), subHelp.out());
        }
    }

    private Result expect(int code, String message, String... args) {
        Result r = stack.run(args);
        assertEquals(code, r.code(), String.join(" ", args) + "\n" + r);
        assertTrue(r.err().contains(message), String.join(" ", args) + ": expected '" + message + "' in\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        return r;
    }

    @Test
    void inTheShellARecordingRunsInTheBackgroundUntilStopped() throws Exception {
        stack.close();
        stack = new RecordStack(dir.resolve("data"), 200, true);
        Result start = stack.run("record", "start", "--port", bms.port(), "--interval", "200");
        assertEquals(0, start.code(), start.toString());
        String id = start.out().strip();
        assertEquals(id, awaitRunning(4), "still recording after the command returned");
        assertEquals(1, stack.core.connections.sessions().size(), "the session stays open for the recording");

        // a second one, of the device the program is already connected to
        Result second = stack.run("record", "start", "--count", "3", "--interval", "200");
        assertEquals(0, second.code(), second.toString());
        String secondId = second.out().strip();
        assertTrue(stack.recorder.awaitStopped(secondId, Duration.ofSeconds(10)), "ends by itself after 3 snapshots");
        assertEquals(3, listed(secondId).get("samples").asLong());

        Result stop = stack.run("record", "stop", id);
        assertEquals(0, stop.code(), stop.toString());
        assertEquals("finished", listed(id).get("state").asText());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!stack.core.connections.sessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(stack.core.connections.sessions().isEmpty(), "the session opened for the recording is let go");
    }

    @Test
    void aConnectedDeviceIsRecordedWithoutConnectingAgainInTheShell() throws Exception {
        stack.close();
        stack = new RecordStack(dir.resolve("data"), 200, true);
        var session = stack.core.connections.connect(ConnectRequest.auto(LinkSettings.of("serial", bms.port(), 9600), 1));
        Result start = stack.run("record", "start", "--count", "2", "--interval", "200");
        assertEquals(0, start.code(), start.toString());
        assertTrue(stack.recorder.awaitStopped(start.out().strip(), Duration.ofSeconds(10)));
        assertEquals(2, listed(start.out().strip()).get("samples").asLong());
        assertTrue(session.isOpen(), "a session the command did not open stays open");
        session.close();
    }
}
