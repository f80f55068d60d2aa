package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.CycleOptions;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.BmsParameters;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSON out; JSON and recording files in, from "another machine" (another records folder). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportImportTest {

    static final Instant EPOCH = Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);

    Path data;

    RecorderImpl here;
    RecorderImpl elsewhere;
    String id;
    SimulatedDevice a;
    SimulatedDevice b;

    int machines;

    /** One recording for all tests: two packs on one port, a Smart BMS running into COV protection and a JDI. */
    @BeforeAll
    void record(@TempDir Path folder) throws Exception {
        data = folder;
        DrivenLiveTelemetry live = new DrivenLiveTelemetry();
        here = new RecorderImpl(live, Defaults.settings(), data.resolve("here/records"));
        Map<String, Double> params = BmsParameters.defaultsWith(Chemistry.LFP, 16, Map.of("COVDelay", 2.0));
        a = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(16).capacityAh(20).initialSoc(0.9).seed(5).build(), params),
                "/dev/ttyUSB0", 1, EPOCH);
        b = new SimulatedDevice(new BatterySimulator(PackConfig.jdi(16, 16).capacityAh(30).initialSoc(0.5).seed(6).build()),
                "/dev/ttyUSB0", 2, EPOCH);
        a.simulator().runScenario("charge 10A until cutoff for 1h; rest 10m; discharge 20A for 20m");
        b.simulator().runScenario("discharge 15A for 30m; rest 10m; charge 15A for 30m");
        id = here.start(new RecordingRequest("two packs", Duration.ofSeconds(2), Set.of(), null)).id();
        for (int s = 0; s < 3600; s++) {
            live.publish(a, a.step(Duration.ofSeconds(1)));
            live.publish(b, b.step(Duration.ofSeconds(1)));
        }
        here.stop(id);
    }

    @BeforeEach
    void anotherMachine() {
        elsewhere = new RecorderImpl(new DrivenLiveTelemetry(), Defaults.settings(), data.resolve("elsewhere-" + ++machines + "/records"));
    }

    @AfterEach
    void leaveIt() {
        elsewhere.deactivate();
    }

    @AfterAll
    void stopRecording() {
        here.deactivate();
    }

    @Test
    void jsonExportImportsOnAnotherMachineUnchanged() throws Exception {
        Path json = data.resolve("two-packs.json");
        try (Recording r = here.open(id); OutputStream out = Files.newOutputStream(json)) {
            r.exportJson(out, true);
        }
        List<String> lines = Files.readAllLines(json);
        assertTrue(lines.size() > 3600, "a line per sample: " + lines.size());
        RecordingInfo imported = elsewhere.importFile(json);
        assertEquals(RecordingInfo.State.FINISHED, imported.state());
        assertEquals("two packs", imported.name());
        assertTrue(imported.source().startsWith("imported from two-packs.json"), imported.source());
        try (Recording original = here.open(id); Recording copy = elsewhere.open(imported.id())) {
            RecordingInfo info = original.info();
            assertEquals(info.samples(), imported.samples());
            assertEquals(info.started(), imported.started());
            assertEquals(info.ended(), imported.ended());
            for (String device : List.of(a.key(), b.key())) {
                List<Telemetry> before = original.samples(device, null, null);
                List<Telemetry> after = copy.samples(device, null, null);
                assertEquals(1800, before.size());
                assertEquals(before, after, "every value of every snapshot of " + device);
                assertEquals(original.cycles(device), copy.cycles(device));
            }
            assertEquals(original.events(), copy.events());
            assertTrue(copy.events().stream().anyMatch(e -> e.key().equals("PROTECT.COVBit")), "the protection came along");
            // the JDI pack's relays, inputs and quantities survive too
            Telemetry jdi = copy.samples(b.key(), null, null).get(100);
            assertTrue(jdi.flagGroup("RELAY").isPresent() && !jdi.quantities().isEmpty(), jdi.toString());
        }
    }

    @Test
    void recordingFileImportsAsACopy() throws Exception {
        RecordingInfo imported = elsewhere.importFile(here.directory().resolve(id + RecordingDb.EXTENSION));
        try (Recording original = here.open(id); Recording copy = elsewhere.open(imported.id())) {
            assertEquals(original.samples(a.key(), null, null), copy.samples(a.key(), null, null));
            assertEquals("imported from " + id + RecordingDb.EXTENSION, copy.info().source());
        }
    }

    @Test
    void csvHasARowPerSampleAndPerCycle() throws Exception {
        StringWriter samples = new StringWriter();
        StringWriter cycles = new StringWriter();
        List<Cycle> expected;
        try (Recording r = here.open(id)) {
            r.exportSamplesCsv(samples);
            r.exportCyclesCsv(cycles, CycleOptions.defaults());
            expected = Stream.concat(r.cycles(a.key()).stream(), r.cycles(b.key()).stream()).toList();
        }
        String[] rows = samples.toString().split("\r\n");
        assertEquals(1 + 3600, rows.length);
        List<String> header = List.of(rows[0].split(","));
        assertEquals("time", header.get(0));
        assertTrue(header.contains("cell_32_v") && !header.contains("cell_33_v"), "columns for the largest pack: " + header);
        assertTrue(header.contains("q_insulation.positive"), "JDI quantities: " + header);
        String[] first = rows[1].split(",", -1);
        assertEquals(header.size(), first.length);
        assertEquals(a.key(), first[1]);
        assertTrue(first[header.indexOf("cell_17_v")].isEmpty(), "a 16-cell pack leaves cell 17 empty");
        assertTrue(Double.parseDouble(first[header.indexOf("cell_16_v")]) > 3, rows[1]);
        assertTrue(samples.toString().contains("PROTECT.COVBit"), "active flags listed");
        String[] cycleRows = cycles.toString().split("\r\n");
        assertEquals(1 + expected.size(), cycleRows.length);
        assertTrue(cycleRows[0].startsWith("device,kind,start,end,duration_s"));
    }

    @Test
    void badFilesAreRefusedWithLineAndFieldAndAddNothing() throws Exception {
        Path json = data.resolve("good.json");
        try (Recording r = here.open(id); OutputStream out = Files.newOutputStream(json)) {
            r.exportJson(out, false);
        }
        List<String> lines = Files.readAllLines(json, StandardCharsets.UTF_8);
        int sampleLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"time\"") && lines.get(i).contains("\"cells\"")) {
                sampleLine = i;
                break;
            }
        }
        int lineNumber = sampleLine + 1;
        String sample = lines.get(sampleLine);

        RecordingFormatException e = refused("text.json", "hello, this is not a recording\n");
        assertTrue(e.getMessage().contains("expected a JSON export"), e.getMessage());

        e = refused("format.json", String.join("\n", lines).replace("bmsw-recording/1", "bmsw-recording/9"));
        assertEquals(2, e.line());
        assertEquals("format", e.field());

        String badCell = sample.replaceFirst("\"cells\":\\[([^,]+),([^,]+),([^,]+),([^,]+),", "\"cells\":[$1,$2,$3,\"abc\",");
        e = refused("cell.json", withLine(lines, sampleLine, badCell));
        assertEquals(lineNumber, e.line(), e.getMessage());
        assertTrue(e.field().matches("samples\\[0]\\.cells\\[3]"), e.field());
        assertTrue(e.getMessage().contains("expected a number or null, found \"abc\""), e.getMessage());

        String shortCells = sample.replaceFirst("\"cells\":\\[[^,]+,", "\"cells\":[");
        e = refused("short.json", withLine(lines, sampleLine, shortCells));
        assertEquals(lineNumber, e.line());
        assertTrue(e.getMessage().contains("the layout has 16 cells, the sample 15"), e.getMessage());

        e = refused("device.json", withLine(lines, sampleLine, sample.replace(a.key(), "nobody@nowhere#9")));
        assertTrue(e.getMessage().contains("no device 'nobody@nowhere#9'"), e.getMessage());
        assertEquals("samples[0].device", e.field());

        e = refused("time.json", withLine(lines, sampleLine, sample.replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"yesterday\"")));
        assertEquals("samples[0].time", e.field());
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());

        e = refused("truncated.json", String.join("\n", lines.subList(0, sampleLine + 3)));
        assertTrue(e.line() >= sampleLine + 3, e.getMessage());

        e = refused("flag.json", withLine(lines, sampleLine, sample.replaceFirst("\"flags\":\\{", "\"flags\":{\"PROTECT.NOPE\":1,")));
        assertTrue(e.getMessage().contains("has no flag 'PROTECT.NOPE'"), e.getMessage());

        Path notARecording = data.resolve("other.sqlite");
        try (Connection c = org.sqlite.SQLiteConfig.class.getConstructor().newInstance().createConnection("jdbc:sqlite:" + notARecording);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT, value TEXT)");
            s.execute("INSERT INTO meta VALUES ('format', 'somebody-else/2')");
        }
        e = assertThrows(RecordingFormatException.class, () -> elsewhere.importFile(notARecording));
        assertEquals("meta.format", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("found somebody-else/2"), e.getMessage());

        assertTrue(elsewhere.list().isEmpty(), "nothing was added");
        try (Stream<Path> left = Files.list(elsewhere.directory())) {
            assertEquals(List.of(), left.toList(), "no partial files left behind");
        }
    }

    private static String withLine(List<String> lines, int index, String replacement) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(index, replacement);
        return String.join("\n", copy);
    }

    private RecordingFormatException refused(String name, String content) throws Exception {
        Path file = data.resolve(name);
        Files.writeString(file, content);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> elsewhere.importFile(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e;
    }
}
