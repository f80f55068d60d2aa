package org.bmsw.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.LogEntry;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The report files: JSON and text beside it, listed newest first, files that are no reports listed with the reason. */
class ReportFilesTest {

    @TempDir
    Path dir;

    private static CalibrationResult result(Instant started, Outcome outcome) {
        DeviceIdentity device = new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "35-7-3", "", "", 1, false);
        return new CalibrationResult("current", LocalizedText.of("Real current", "实际电流校准"), device, started,
                started.plusSeconds(12), outcome, LocalizedText.of("Real current calibrated", "已校准"),
                Map.of("reference", "-30", "convention", "manual"),
                List.of(new Measurement("current", LocalizedText.of("Charging current", "充电电流"), "A", 30, 31.04, 30.02,
                        0.25, LocalizedText.of("-30 A entered with charging negative = 30.0 A charging", "输入 -30 A"))),
                List.of(new ParameterChange("C_Gain", LocalizedText.of("Current gain", "电流增益"), "", 82.0, null, 79.0)),
                List.of(new LogEntry(started, Stage.CHECKING, LocalizedText.of("Checking", "检查"))),
                Path.of("/data/backups/b.json"), null, null);
    }

    @Test
    void aReportIsSavedAsJsonAndTextAndListed() throws Exception {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        CalibrationResult saved = ReportFiles.save(result(t, Outcome.CALIBRATED), dir, Locale.ENGLISH);
        ReportFiles.save(result(t.plusSeconds(60), Outcome.ROLLED_BACK), dir, Locale.SIMPLIFIED_CHINESE);

        JsonNode json = new ObjectMapper().readTree(Files.readString(saved.reportFile()));
        assertEquals("bmsw-calibration-report", json.path("format").asText());
        assertEquals(1, json.path("formatVersion").asInt());
        assertEquals("CALIBRATED", json.path("outcome").asText());
        JsonNode m = json.path("measurements").get(0);
        assertEquals(30, m.path("reference").asDouble(), 1e-9);
        assertEquals(1.04, m.path("errorBefore").asDouble(), 1e-9);
        assertEquals(0.02, m.path("errorAfter").asDouble(), 1e-9);
        assertTrue(m.path("withinTolerance").asBoolean());
        assertEquals(82, json.path("parameters").get(0).path("before").asDouble(), 1e-9);
        assertTrue(json.path("parameters").get(0).path("planned").isNull());
        assertEquals("manual", json.path("inputs").path("convention").asText());

        String text = Files.readString(saved.textReport());
        assertTrue(text.contains("Outcome:    CALIBRATED"), text);
        assertTrue(text.matches("(?s).*Charging current \\[A\\]\\s+30\\.00\\s+31\\.04\\s+1\\.04\\s+30\\.02\\s+0\\.02\\s+±0\\.25\\s+yes.*"), text);
        assertTrue(text.contains("C_Gain"), text);

        List<ReportEntry> list = ReportFiles.list(dir);
        assertEquals(2, list.size());
        assertEquals(Outcome.ROLLED_BACK, list.get(0).outcome(), "newest first");
        assertEquals("SMARTBMS-V4 @1 (fw 35-7-3)", list.get(1).device());
        assertEquals(saved.textReport(), list.get(1).textFile());
        assertTrue(Files.readString(list.get(0).textFile()).contains("结果"), "the second report is in Chinese");
    }

    @Test
    void filesThatAreNoReportsAreListedWithTheReason() throws Exception {
        Files.writeString(dir.resolve("notes.json"), "{\"format\": \"something-else\"}");
        Files.writeString(dir.resolve("broken.json"), "{\"format\": ");
        List<ReportEntry> list = ReportFiles.list(dir);
        assertEquals(2, list.size());
        for (ReportEntry e : list) {
            assertFalse(e.readable());
            assertNull(e.outcome());
        }
        assertTrue(list.stream().anyMatch(e -> e.summary().english().startsWith("not a calibration report")));
        assertTrue(list.stream().anyMatch(e -> e.summary().english().startsWith("cannot be read")));
        assertTrue(ReportFiles.list(dir.resolve("missing")).isEmpty(), "no folder yet: no reports");
    }
}
