package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, import and its errors: each names the file, the key, the line and the column. */
class ParameterFileTest {

    private static final DeviceIdentity DEVICE = new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "35-7-3", "",
            "SN-0042", 1, false);
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2024-03-26T16:46:21+08:00");

    private final ParameterSchema schema = Fixtures.smartBms();

    @TempDir
    Path dir;

    private String export(Map<String, Double> values, List<String> groups) {
        return ParameterFiles.toJson(schema, ParameterFiles.export(schema, DEVICE, values, groups, TIME));
    }

    private ImportResult read(String text) {
        return ParameterFiles.read(schema, text.getBytes(StandardCharsets.UTF_8), "edited.json");
    }

    /** 1-based line and column of the first occurrence of {@code needle} in {@code text}. */
    private static int[] position(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, at - lineStart + 1};
    }

    private static ImportProblem only(ImportResult r) {
        assertFalse(r.ok());
        assertNull(r.file());
        assertEquals(1, r.errors().size(), r.problems().toString());
        return r.errors().get(0);
    }

    @Test
    void roundTripExportImportCompareShowsNoDifference() throws IOException {
        for (Map<String, Double> values : List.of(ManualValues.english(), ManualValues.chinese())) {
            Path f = dir.resolve("export.json");
            ParameterFile file = ParameterFiles.export(schema, DEVICE, values, List.of(), TIME);
            ParameterFiles.write(schema, file, f);
            ImportResult r = ParameterFiles.read(schema, f);
            assertTrue(r.ok(), r.problems().toString());
            assertEquals(List.of(), r.problems());
            Comparison c = ParameterComparison.compare(schema, values, r.file().values());
            assertTrue(c.identical(), c.render("before", "after", Locale.ENGLISH, true));
            assertEquals(values.size(), c.rows().size());
            assertEquals(file, r.file());
            assertEquals("SN-0042", r.file().serialNumber());
            assertEquals(TIME, r.file().time());
            assertEquals(List.of("SYSTEM", "PROTECT", "CALIBRATION", "ALARM", "SLEEP"), r.file().groups());
        }
    }

    @Test
    void exportIsReadableOneLinePerValue() {
        String json = export(ManualValues.english(), List.of());
        assertTrue(json.contains("\"COV\": {\"value\": 4200, \"unit\": \"mV\", \"label\": \"Cell over-voltage protection / 单体过压保护\"}"), json);
        assertTrue(json.contains("\"TOVR\": {\"value\": 98.88, \"unit\": \"V\""), json);
        assertTrue(json.contains("\"UTD\": {\"value\": -20, \"unit\": \"°C\""), json);
        assertTrue(json.contains("— 3: CAN-protocol charging"), "enumerations say what the value means");
        long valueLines = json.lines().filter(l -> l.contains("\"value\":")).count();
        assertEquals(schema.parameters().size(), valueLines);
    }

    @Test
    void exportsChosenGroupsOnly() {
        ImportResult r = read(export(ManualValues.english(), List.of("ALARM", "PROTECT")));
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of("PROTECT", "ALARM"), r.file().groups());
        Set<String> groups = Set.copyOf(r.file().values().keySet().stream().map(k -> schema.require(k).group()).toList());
        assertEquals(Set.of("PROTECT", "ALARM"), groups);
        assertEquals(schema.parametersIn("PROTECT").size() + schema.parametersIn("ALARM").size(), r.file().values().size());
    }

    @Test
    void unknownKeyWithLineAndColumn() {
        String json = export(ManualValues.english(), List.of()).replace("\"COVR\":", "\"COVX\":");
        ImportProblem p = only(read(json));
        int[] pos = position(json, "\"COVX\"");
        assertEquals("COVX", p.key());
        assertEquals(pos[0], p.line());
        assertEquals(pos[1], p.column());
        assertEquals("edited.json", p.source());
        assertTrue(p.toString().startsWith("edited.json:" + pos[0] + ":" + pos[1] + ": error: COVX: unknown parameter"), p.toString());
    }

    @Test
    void wrongUnitSaysWhatToWrite() {
        String json = export(ManualValues.english(), List.of("PROTECT"))
                .replace("\"COV\": {\"value\": 4200, \"unit\": \"mV\"", "\"COV\": {\"value\": 4.2, \"unit\": \"V\"");
        ImportProblem p = only(read(json));
        assertEquals("COV", p.key());
        assertEquals(position(json, "\"V\", \"label\": \"Cell over-voltage protection")[0], p.line());
        assertTrue(p.message().english().contains("unit 'V' does not match the parameter's unit 'mV'"), p.message().english());
        assertTrue(p.message().english().contains("4.2 V = 4200 mV"), p.message().english());
        assertTrue(p.message().text(Locale.CHINESE).contains("单位"), p.message().text(Locale.CHINESE));
    }

    @Test
    void outOfRangeValuesAreAllReported() {
        String json = export(ManualValues.english(), List.of("PROTECT"))
                .replace("\"COVR\": {\"value\": 4120", "\"COVR\": {\"value\": 9999")
                .replace("\"SC\": {\"value\": 800", "\"SC\": {\"value\": 5");
        ImportResult r = read(json);
        assertFalse(r.ok());
        assertEquals(List.of("COVR", "SC"), r.errors().stream().map(ImportProblem::key).toList());
        assertEquals(position(json, "9999")[0], r.errors().get(0).line());
        assertEquals(position(json, "9999")[1], r.errors().get(0).column());
        assertTrue(r.errors().get(1).message().english().contains("below the minimum 10 A"), r.errors().get(1).message().english());
    }

    @Test
    void duplicateKeyNamesBothPlaces() {
        String base = export(ManualValues.english(), List.of("PROTECT"));
        String line = base.lines().filter(l -> l.contains("\"COV\":")).findFirst().orElseThrow();
        String json = base.replace(line + "\n", line + "\n" + line + "\n");
        ImportProblem p = only(read(json));
        int first = position(json, "\"COV\":")[0];
        assertEquals(first + 1, p.line());
        assertTrue(p.message().english().contains("duplicate key 'COV' (first at line " + first), p.message().english());
    }

    @Test
    void truncatedAndMalformed() {
        String json = export(ManualValues.english(), List.of());
        for (int cut : new int[] {1, 17, json.length() / 3, json.length() - 3}) {
            ImportProblem p = only(read(json.substring(0, cut)));
            assertTrue(p.message().english().contains("truncated") || p.message().english().contains("malformed"),
                    cut + ": " + p.message().english());
            assertTrue(p.line() >= 1, cut + ": " + p);
        }
    }

    @Test
    void hugeFilesAreRefusedBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(ParameterFiles.MAX_BYTES + 1); // sparse: nothing to read if we tried
        }
        long t0 = System.nanoTime();
        ImportProblem p = only(ParameterFiles.read(schema, huge));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertEquals("huge.json", p.source());
        assertTrue(p.message().english().contains("parameter files are at most 4 MiB"), p.message().english());
        assertEquals(-1, p.line());
        ImportProblem bytes = only(ParameterFiles.read(schema, new byte[(int) ParameterFiles.MAX_BYTES + 10], "b.json"));
        assertTrue(bytes.message().english().contains("at most 4 MiB"));
        ImportProblem stream = only(ParameterFiles.read(schema,
                new java.io.ByteArrayInputStream(new byte[(int) ParameterFiles.MAX_BYTES + 10]), "s.json"));
        assertTrue(stream.message().english().contains("more than 4 MiB"), stream.message().english());
    }

    @Test
    void encodings() {
        String json = export(ManualValues.english(), List.of("PROTECT"));
        byte[] utf16 = json.getBytes(StandardCharsets.UTF_16); // Java writes a big-endian BOM
        assertTrue(only(ParameterFiles.read(schema, utf16, "u16.json")).message().english().contains("UTF-16 (big-endian) byte order mark"));
        byte[] gbk = json.getBytes(Charset.forName("GBK"));
        ImportProblem p = only(ParameterFiles.read(schema, gbk, "gbk.json"));
        String firstNonAscii = json.chars().filter(c -> c > 127).limit(1)
                .mapToObj(c -> String.valueOf((char) c)).findFirst().orElseThrow();
        int[] pos = position(json, firstNonAscii);
        assertEquals(pos[0], p.line());
        assertEquals(pos[1], p.column());
        assertTrue(p.message().english().contains("GBK"), p.message().english());
        // a UTF-8 byte order mark is fine
        byte[] withBom = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        assertTrue(ParameterFiles.read(schema, withBom, "bom.json").ok());
    }

    @Test
    void compatibilityIsCheckedFirst() {
        String json = export(ManualValues.english(), List.of("PROTECT"));
        ImportProblem profile = only(read(json.replace("\"smartbms.v4\"", "\"jdi.bi51\"").replace("4200", "99999")));
        assertTrue(profile.message().english().contains("profile 'jdi.bi51'"), "values of another profile are not even looked at");
        ImportProblem version = only(read(json.replace("\"formatVersion\": 1", "\"formatVersion\": 7")));
        assertTrue(version.message().english().contains("newer BMS Workbench"));
        ImportResult model = read(json.replace("\"SMARTBMS-V4\"", "\"SMARTBMS-V5\""));
        assertTrue(model.ok(), "another model of the profile is a warning");
        assertEquals(1, model.warnings().size());
    }

    @Test
    void partialFilesAndBooleans() {
        String json = """
                {"format": "bmsw-parameters", "formatVersion": 1, "profile": "smartbms.v4",
                 "values": {"SLEEP": {"PowerDownEn": {"value": true, "unit": ""}},
                            "PROTECT": {"COV": {"value": 4150, "unit": "mV"}}}}
                """;
        ImportResult r = read(json);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(Map.of("COV", 4150.0, "PowerDownEn", 1.0), r.file().values());
        assertEquals(List.of("PROTECT", "SLEEP"), r.file().groups());
        assertNull(r.file().time());
        ImportResult notBool = read(json.replace("\"COV\": {\"value\": 4150", "\"COV\": {\"value\": true"));
        assertEquals("COV", only(notBool).key());
    }

    @Test
    void rulesAmongTheFilesOwnValues() {
        String json = export(ManualValues.english(), List.of("PROTECT")).replace("\"COVR\": {\"value\": 4120", "\"COVR\": {\"value\": 4250");
        ImportProblem p = only(read(json));
        assertEquals("COVR", p.key());
        assertTrue(p.message().english().startsWith("rule protect.cov.release"), p.message().english());
        assertEquals(position(json, "4250")[0], p.line());
    }

    /** Every file of the malformed corpus fails with its expected, specific first error; none throws. */
    @Test
    void malformedCorpus() throws IOException {
        List<String> lines = new String(Fixtures.resource("import-corpus/index.tsv"), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertTrue(lines.size() >= 50, "corpus size " + lines.size());
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            byte[] content = Fixtures.resource("import-corpus/" + f[0]);
            ImportResult r = ParameterFiles.read(schema, content, f[0]);
            if (f[1].equals("OK")) {
                if (!r.ok()) {
                    wrong.add(f[0] + " should import: " + r.problems());
                }
                continue;
            }
            if (r.ok() || r.file() != null) {
                wrong.add(f[0] + " was accepted");
                continue;
            }
            ImportProblem first = r.errors().get(0);
            if (!first.message().english().contains(f[1])) {
                wrong.add(f[0] + ": expected '" + f[1] + "' in " + first);
            }
            if (!f[2].equals("-") && first.line() != Integer.parseInt(f[2])) {
                wrong.add(f[0] + ": expected line " + f[2] + " in " + first);
            }
            if (!first.source().equals(f[0]) || !first.toString().startsWith(f[0])) {
                wrong.add(f[0] + ": names no file: " + first);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noSuchFileOrADirectory() {
        assertTrue(only(ParameterFiles.read(schema, dir.resolve("nope.json"))).message().english().contains("no such file"));
        assertTrue(only(ParameterFiles.read(schema, dir)).message().english().contains("directory"));
    }
}
