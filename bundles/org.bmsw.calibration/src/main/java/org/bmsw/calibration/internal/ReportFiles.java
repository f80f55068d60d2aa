package org.bmsw.calibration.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.LogEntry;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calibration reports on disk: {@code <time>-<procedure>-<profile>-addr<n>.json} (format
 * {@value #FORMAT}) and a {@code .txt} beside it for people, both written atomically.
 */
final class ReportFiles {

    static final String FORMAT = "bmsw-calibration-report";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private ReportFiles() {
    }

    /** Writes both files; returns the result naming them. */
    static CalibrationResult save(CalibrationResult result, Path directory, Locale locale) throws IOException {
        Files.createDirectories(directory);
        DeviceIdentity device = result.device();
        String base = FILE_STAMP.format(result.started()) + "-" + safe(result.procedureId()) + "-"
                + safe(device.profileId()) + "-addr" + device.address();
        Path json = directory.resolve(base + ".json");
        for (int i = 2; Files.exists(json); i++) {
            json = directory.resolve(base + "-" + i + ".json");
        }
        Path text = directory.resolve(json.getFileName().toString().replaceFirst("\\.json$", ".txt"));
        CalibrationResult saved = result.withReports(json, text);
        atomically(json, JSON.writeValueAsString(toJson(saved)));
        atomically(text, TextReport.render(saved, locale));
        return saved;
    }

    static ObjectNode toJson(CalibrationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("procedure", r.procedureId());
        text(root, "title", r.procedure());
        ObjectNode device = root.putObject("device");
        device.put("profile", r.device().profileId());
        device.put("model", r.device().model());
        device.put("firmware", r.device().firmwareVersion());
        device.put("address", r.device().address());
        device.put("serial", r.device().serialNumber());
        device.put("describe", r.device().describe());
        root.put("started", r.started().toString());
        root.put("finished", r.finished().toString());
        root.put("outcome", r.outcome().name());
        text(root, "summary", r.summary());
        ObjectNode inputs = root.putObject("inputs");
        r.inputs().forEach(inputs::put);
        ArrayNode measurements = root.putArray("measurements");
        for (Measurement m : r.measurements()) {
            ObjectNode node = measurements.addObject();
            node.put("key", m.key());
            text(node, "label", m.label());
            node.put("unit", m.unit());
            number(node, "reference", m.reference());
            number(node, "before", m.before());
            number(node, "errorBefore", m.errorBefore());
            number(node, "after", m.after());
            number(node, "errorAfter", m.errorAfter());
            number(node, "tolerance", m.tolerance());
            node.put("withinTolerance", m.withinTolerance());
            if (m.note() != null) {
                text(node, "note", m.note());
            }
        }
        ArrayNode parameters = root.putArray("parameters");
        for (ParameterChange p : r.parameters()) {
            ObjectNode node = parameters.addObject();
            node.put("key", p.key());
            text(node, "label", p.label());
            node.put("unit", p.unit());
            node.put("before", p.before());
            node.put("planned", p.planned());
            node.put("after", p.after());
        }
        root.put("backup", r.backupFile() == null ? null : r.backupFile().toString());
        ArrayNode log = root.putArray("log");
        for (LogEntry e : r.log()) {
            ObjectNode node = log.addObject();
            node.put("time", e.time().toString());
            node.put("stage", e.stage().name());
            text(node, "message", e.message());
        }
        return root;
    }

    /** Every report in the directory, newest first. */
    static List<ReportEntry> list(Path directory) {
        List<ReportEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                entries.add(entry(file));
            }
        } catch (IOException e) {
            entries.add(new ReportEntry(directory, null, null, "", LocalizedText.of("?"), "", null,
                    LocalizedText.of("the report folder cannot be read: " + e.getMessage(), "无法读取报告目录：" + e.getMessage())));
        }
        entries.sort(Comparator.comparing((ReportEntry e) -> e.time() == null ? Instant.MIN : e.time())
                .thenComparing(e -> e.file().getFileName().toString()).reversed());
        return entries;
    }

    private static ReportEntry entry(Path file) {
        Path text = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", ".txt"));
        Path textFile = Files.exists(text) ? text : null;
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                return unreadable(file, textFile, "not a calibration report (format is not " + FORMAT + ")",
                        "不是校准报告（格式不是 " + FORMAT + "）");
            }
            if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
                return unreadable(file, textFile, "report format version " + root.path("formatVersion").asText()
                        + " (this program reads " + FORMAT_VERSION + ")", "报告格式版本 " + root.path("formatVersion").asText()
                        + "（本程序读取 " + FORMAT_VERSION + "）");
            }
            return new ReportEntry(file, textFile, Instant.parse(root.path("started").asText()),
                    root.path("procedure").asText(), text(root.path("title")), root.path("device").path("describe").asText(),
                    Outcome.valueOf(root.path("outcome").asText()), text(root.path("summary")));
        } catch (IOException | RuntimeException e) {
            return unreadable(file, textFile, "cannot be read: " + e.getMessage(), "无法读取：" + e.getMessage());
        }
    }

    private static ReportEntry unreadable(Path file, Path text, String english, String chinese) {
        return new ReportEntry(file, text, null, "", LocalizedText.of("?"), "", null, LocalizedText.of(english, chinese));
    }

    static String time(Instant instant) {
        return TEXT_TIME.format(instant);
    }

    private static LocalizedText text(JsonNode node) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        return texts.isEmpty() ? LocalizedText.of("?") : new LocalizedText(texts);
    }

    private static void text(ObjectNode node, String field, LocalizedText text) {
        ObjectNode texts = node.putObject(field);
        text.texts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> texts.put(e.getKey(), e.getValue()));
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, Math.round(value * 1e6) / 1e6);
        } else {
            node.putNull(field);
        }
    }

    private static void atomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
