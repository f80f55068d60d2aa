package org.bmsw.calibration.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterFile;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.SafeBatchWriter;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.WritePreview;
import org.bmsw.schema.WriteReport;
import org.bmsw.schema.WriteRequest;

/**
 * Parameter work through the schema engine: reading, backups as parameter files, and safe writes (backup of every
 * value, validation, read-back, restore on failure, and "Flash" on devices that stage in RAM).
 */
final class Parameters {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS", Locale.ROOT);

    private Parameters() {
    }

    static Optional<ParameterSchema> schema(DeviceSession session) {
        return session.capability(ParameterSchema.class);
    }

    /** The schema's parameter, when the device has it. */
    static Optional<ParameterDef> onDevice(DeviceSession session, String key) {
        return schema(session).flatMap(s -> s.parameter(key)).filter(d -> session.parameters().keys().contains(key));
    }

    /** Of {@code keys}, those the device has, in the given order. */
    static List<String> present(DeviceSession session, Collection<String> keys) {
        return keys.stream().filter(k -> onDevice(session, k).isPresent()).toList();
    }

    /** Engineering values by key, in the given order. */
    static Map<String, Double> read(DeviceSession session, Collection<String> keys) throws DeviceException {
        Map<String, Double> values = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return values;
        }
        Map<String, ParameterValue> read = session.parameters().read(keys);
        for (String key : keys) {
            ParameterValue v = read.get(key);
            if (v != null) {
                values.put(key, v.value());
            }
        }
        return values;
    }

    /** A parameter row for a report. */
    static ParameterChange change(DeviceSession session, String key, Double before, Double planned, Double after) {
        ParameterDef def = onDevice(session, key).orElseThrow();
        return new ParameterChange(key, def.label(), def.unit(), before, planned, after);
    }

    /**
     * Writes {@code values} as a parameter file in {@code <dataDirectory>/backups/} and checks it reads back.
     *
     * @return the file
     */
    static Path backup(DeviceSession session, Map<String, Double> values, Path dataDirectory, String procedureId)
            throws IOException {
        ParameterSchema schema = schema(session).orElseThrow();
        Path dir = dataDirectory.resolve("backups");
        Files.createDirectories(dir);
        OffsetDateTime now = OffsetDateTime.now();
        String base = safe(schema.profileId()) + "-addr" + session.identity().address() + "-" + STAMP.format(now)
                + "-before-" + safe(procedureId);
        Path file = dir.resolve(base + ".json");
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve(base + "-" + i + ".json");
        }
        ParameterFile content = ParameterFiles.export(schema, session.identity(), values, List.of(), now);
        ParameterFiles.write(schema, content, file);
        ImportResult back = ParameterFiles.read(schema, file);
        if (!back.ok() || !back.file().values().keySet().equals(values.keySet())) {
            throw new IOException("the backup " + file + " does not read back: " + back.errors());
        }
        return file;
    }

    /**
     * The schema engine's safe batch write with engineer access. The user's go-ahead for the calibration confirms
     * the changes the schema marks dangerous (the calibration parameters are); errors still refuse. Devices that
     * stage in RAM persist after a verified write, so a calibration survives a restart.
     */
    static WriteReport write(DeviceSession session, Map<String, Double> values, String chemistry, Path dataDirectory)
            throws DeviceException {
        ParameterSchema schema = schema(session).orElseThrow();
        ValidationContext context = ValidationContext.engineer().withChemistry(chemistry);
        SafeBatchWriter writer = new SafeBatchWriter(schema);
        WritePreview preview = writer.preview(session.parameters(), values, context);
        WriteRequest request = new WriteRequest(values, context, preview.validation().confirmationIds(),
                dataDirectory.resolve("backups"), true);
        return writer.write(session.parameters(), session.identity(), request);
    }

    /** "C_Gain 82 → 80, C_Offset 16380 → 16460" */
    static String describe(DeviceSession session, Map<String, Double> from, Map<String, Double> to) {
        StringBuilder text = new StringBuilder();
        for (var entry : to.entrySet()) {
            ParameterDef def = onDevice(session, entry.getKey()).orElseThrow();
            if (!text.isEmpty()) {
                text.append(", ");
            }
            Double was = from.get(entry.getKey());
            text.append(entry.getKey()).append(' ').append(was == null ? "?" : def.format(was)).append(" → ")
                    .append(def.formatWithUnit(entry.getValue()));
        }
        return text.toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
