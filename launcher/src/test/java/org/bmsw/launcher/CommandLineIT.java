package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.bmsw.launcher.Distribution.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands from the outside, as a field engineer's script runs them: the real {@code bin/bmsw simulate} serves
 * two virtual Smart BMSs on a pty pair it makes, and separate {@code bin/bmsw} processes read, export, import,
 * diff, write and control them. Bad usage and bad files give the documented exit code and a message, never a
 * stack trace.
 */
class CommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Process simulator;
    private static String port;

    @BeforeAll
    static void startSimulator() throws Exception {
        port = dir.resolve("bms").toString();
        simulator = builder("simulate", "--pty", port, "--address", "1,2", "--cells", "16", "--state",
                dir.resolve("sim-state.json").toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("simulating smartbms.v4 at address [1, 2] (16 cells LFP) on " + port),
                "the simulator announces where it serves: " + line);
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "simulator output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        if (simulator != null) {
            simulator.destroy();
            assertTrue(simulator.waitFor(20, TimeUnit.SECONDS), "the simulator stops on SIGTERM");
            assertEquals(143, simulator.exitValue());
        }
    }

    private static ProcessBuilder builder(String... args) {
        return Distribution.builder(dir, Map.of(), args);
    }

    private static Result bmsw(String... args) throws Exception {
        return Distribution.run(builder(args), Duration.ofSeconds(60));
    }

    @Test
    void readsTheLiveTelemetryAsJsonAndCsv() throws Exception {
        Result read = bmsw("read", "--port", port, "--address", "2", "--json");
        assertEquals(0, read.code(), read.err());
        JsonNode t = read.json();
        assertEquals("smartbms.v4", t.at("/device/profile").asText());
        assertEquals(2, t.at("/device/address").asInt());
        assertEquals(16, t.at("/cells").size());
        assertEquals(16, t.at("/pack/cellCount").asInt());
        double sum = 0;
        for (JsonNode cell : t.at("/cells")) {
            sum += cell.get("volts").asDouble();
        }
        assertEquals(t.at("/pack/voltage").asDouble(), sum, 0.05, "pack voltage is the sum of the cells");
        assertTrue(t.at("/temperatures/5/fitted").isBoolean() && !t.at("/temperatures/5/fitted").asBoolean(),
                "T06 is not fitted: " + t.at("/temperatures"));

        Result csv = bmsw("read", "--port", port, "--csv", "--watch", "--interval", "200", "--count", "3");
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals(4, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("time,address,soc_pct,voltage_v"), lines.get(0));
        assertTrue(lines.get(0).contains("cell16_v") && !lines.get(0).contains("cell17_v"), lines.get(0));
    }

    /** {@code simulate --slcan}: a JDI with a BMU behind a simulated USB-CAN adapter, read and written over CAN. */
    @Test
    void aJdiOnCanBehindASimulatedAdapterIsReadAndCalibrated() throws Exception {
        String can = dir.resolve("can").toString();
        Process jdi = builder("simulate", "--slcan", can, "--modules", "48,16").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jdi.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("simulating jdi.bi51.can at address [1] (64 cells LFP) on " + can),
                    "the simulator announces the CAN device: " + line);
            String link = "slcan:" + can + "@250000";
            Result read = bmsw("read", "--can", link, "--json");
            assertEquals(0, read.code(), read.err());
            assertEquals("BI5148", read.json().at("/device/model").asText());
            assertEquals(64, read.json().at("/cells").size(), "the BIU's 48 cells and the BMU's 16");

            Result write = bmsw("params", "write", "--can", link, "--yes", "COVDelay=7");
            assertEquals(0, write.code(), write.out() + write.err());
            assertTrue(write.out().contains("in RAM only"), "RAM-then-Flash said: " + write.out());
            Result back = bmsw("params", "read", "--can", link, "--json");
            assertEquals(0, back.code(), back.err());
            assertEquals(7, back.json().at("/values/COVDelay/value").asDouble(), 1e-9, back.out());

            Result builtIn = bmsw("read", "--port", "sim:jdi.bi51.can", "--profile", "jdi.bi51.can", "--json");
            assertEquals(0, builtIn.code(), builtIn.err());
            assertEquals(64, builtIn.json().at("/cells").size(), "the built-in simulator's JDI on CAN, no pty needed");
        } finally {
            jdi.destroy();
            assertTrue(jdi.waitFor(20, TimeUnit.SECONDS), "the simulator stops on SIGTERM");
        }
    }

    @Test
    void exportDiffImportAndWriteGoThroughTheSchemaAndTheSafeWriter() throws Exception {
        Path exported = dir.resolve("params.json");
        Result export = bmsw("params", "export", "--port", port, "--out", exported.toString());
        assertEquals(0, export.code(), export.err());
        JsonNode file = JSON.readTree(exported.toFile());
        assertEquals("smartbms.v4", file.get("profile").asText());
        int covr = file.at("/values/PROTECT/COVR/value").asInt();
        assertTrue(covr > 3000, "COVR read from the device: " + covr);

        Result same = bmsw("params", "diff", "device", exported.toString(), "--port", port, "--json");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.json().get("identical").asBoolean(), same.out());

        // a file with one change: shown, refused without --yes, written with it, then equal to the device
        Path changed = dir.resolve("changed.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) file.at("/values/PROTECT/COVR")).put("value", covr - 20);
        JSON.writeValue(changed.toFile(), file);
        Result dry = bmsw("params", "import", changed.toString(), "--port", port, "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("COVR") && dry.err().contains("nothing was written"), dry.out() + dry.err());
        Result refused = bmsw("params", "import", changed.toString(), "--port", port);
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains("--yes"), refused.err());
        Result imported = bmsw("params", "import", changed.toString(), "--port", port, "--yes", "--json");
        assertEquals(0, imported.code(), imported.err());
        JsonNode report = imported.json();
        assertEquals("WRITTEN", report.get("outcome").asText(), imported.out());
        assertEquals("COVR", report.get("written").get(0).asText());
        assertTrue(Files.exists(Path.of(report.get("backup").asText())), "a backup was written first");
        Result after = bmsw("params", "diff", changed.toString(), "device", "--port", port, "--exit-code");
        assertEquals(0, after.code(), after.out() + after.err());
        Result twoDevices = bmsw("params", "diff", "device", "device:2", "--port", port, "--json", "--exit-code");
        assertEquals(5, twoDevices.code(), "address 1 now differs from address 2: " + twoDevices.out());

        Result write = bmsw("params", "write", "COVR=" + covr, "--port", port, "--yes");
        assertEquals(0, write.code(), write.out() + write.err());
        Result back = bmsw("params", "read", "--port", port, "--group", "PROTECT", "--json");
        assertEquals(covr, back.json().at("/values/COVR/value").asInt(), back.out());
    }

    @Test
    void calibrationsAreRefusedWithTheirReasonOrDoneWithAReport() throws Exception {
        Result list = bmsw("calibrate", "list", "--port", port, "--address", "2");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("current-zero") && list.out().contains("temperature"), list.out());

        Result notCharging = bmsw("calibrate", "current", "--reference", "30", "--port", port, "--address", "2",
                "--engineer", "--yes", "--stable-for", "1", "--wait", "2");
        assertEquals(3, notCharging.code(), notCharging.out() + notCharging.err());
        assertTrue(notCharging.err().contains("Not charging steadily") && notCharging.err().contains("Nothing written"),
                notCharging.err());
        Result withoutYes = bmsw("calibrate", "current-zero", "--port", port, "--address", "2", "--engineer",
                "--stable-for", "1");
        assertEquals(3, withoutYes.code(), withoutYes.err());
        Result none = bmsw("calibrate", "reports", "--json");
        assertEquals(0, none.code(), none.err());
        int before = none.json().size();

        Result zero = bmsw("calibrate", "current-zero", "--port", port, "--address", "2", "--engineer", "--yes",
                "--stable-for", "1");
        assertEquals(0, zero.code(), zero.out() + zero.err());
        assertTrue(zero.out().contains("CALIBRATED"), zero.out());
        Result reports = bmsw("calibrate", "reports", "--json");
        assertEquals(before + 1, reports.json().size(), "the refused runs left no report, the done one did: " + reports.out());
    }

    @Test
    void valuesTheSchemaRefusesAreNeverWritten() throws Exception {
        Result tooHigh = bmsw("params", "write", "COV=5600", "--port", port, "--yes");
        assertEquals(3, tooHigh.code());
        assertTrue(tooHigh.err().contains("COV 5600 mV is above the maximum 5000 mV"), tooHigh.err());
        Result unknown = bmsw("params", "write", "NOPE=1", "--port", port, "--yes");
        assertEquals(3, unknown.code(), unknown.err());
        Result dangerous = bmsw("params", "write", "COV=3700", "COV3=3680", "--port", port, "--yes");
        assertEquals(3, dangerous.code(), dangerous.err());
        assertTrue(dangerous.err().contains("--allow-dangerous"), dangerous.err());
        Result read = bmsw("params", "read", "--port", port, "--json");
        assertTrue(read.json().at("/values/COV/value").asDouble() < 3700, "nothing was written: " + read.out());
    }

    @Test
    void controlCommandsNeedYesAndAct() throws Exception {
        Result refused = bmsw("control", "DSG_DIS", "--port", port, "--address", "2");
        assertEquals(3, refused.code());
        assertTrue(refused.err().contains("add --yes"), refused.err());
        assertTrue(bmsw("read", "--port", port, "--address", "2", "--json").json().at("/pack/dischargeEnabled").asBoolean());
        Result sent = bmsw("control", "DSG_DIS", "--port", port, "--address", "2", "--yes");
        assertEquals(0, sent.code(), sent.err());
        assertFalse(bmsw("read", "--port", port, "--address", "2", "--json").json().at("/pack/dischargeEnabled").asBoolean());
        assertEquals(0, bmsw("control", "DSG_EN", "--port", port, "--address", "2", "--yes").code());
        assertTrue(bmsw("read", "--port", port, "--address", "2", "--json").json().at("/pack/dischargeEnabled").asBoolean());
    }

    @Test
    void rawRegistersAndScan() throws Exception {
        Result raw = bmsw("raw", "read", "0x1000", "2", "--port", port, "--json");
        assertEquals(0, raw.code(), raw.err());
        assertEquals(2, raw.json().size());
        Result rawWrite = bmsw("raw", "write", "0x1000", "1", "--port", port);
        assertEquals(3, rawWrite.code(), "a raw write needs --yes");
        Result scan = bmsw("scan", "--port", port, "--from", "1", "--to", "4", "--json");
        assertEquals(0, scan.code(), scan.err());
        assertEquals(2, scan.json().size(), scan.out());
        assertEquals(List.of(1, 2), List.of(scan.json().get(0).get("address").asInt(), scan.json().get(1).get("address").asInt()));
    }

    @Test
    void badUsageAndBadFilesGiveTheDocumentedCodeAndAMessage() throws Exception {
        Result unknownCommand = bmsw("frobnicate");
        assertEquals(2, unknownCommand.code());
        assertTrue(unknownCommand.err().contains("frobnicate"), unknownCommand.err());
        Result noPort = bmsw("read");
        assertEquals(2, noPort.code());
        assertTrue(noPort.err().contains("--port PATH, --tcp HOST:PORT or --can"), noPort.err());
        Result missingPort = bmsw("read", "--port", dir.resolve("no-such-port").toString());
        assertEquals(1, missingPort.code());
        assertTrue(missingPort.err().contains("no-such-port"), missingPort.err());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"bmsw-parameters\",\n \"profile\": \"smartbms.v4\",\n \"values\": {\"COV\": }\n");
        Result bad = bmsw("params", "import", broken.toString(), "--port", port, "--yes");
        assertEquals(3, bad.code(), bad.err());
        assertTrue(bad.err().contains("broken.json:3"), "names the line: " + bad.err());
        Result help = bmsw("params", "import", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--dry-run") && help.out().contains("--allow-dangerous"), help.out());
    }
}
