package org.bmsw.firmware;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterValue;
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
 * The parameter backup before a flash and the restore after it, through the schema engine: before anything is
 * changed every parameter the device has is read and written to a parameter file ({@link ParameterFiles}); once
 * the new application answers, the values it lost or changed are written back with the {@link SafeBatchWriter}
 * (only differences, each read back, rolled back on failure). The restore writes the device's own earlier values,
 * so it confirms what the schema marks dangerous; factory parameters and read-only ones are never written.
 */
public final class ParameterBackup implements FlashHooks {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Duration APPLICATION_WAIT = Duration.ofSeconds(15);

    private final DeviceSession session;
    private final ParameterSchema schema;
    private final Path directory;
    private final Consumer<String> log;
    private Map<String, Double> saved;
    private Path file;
    private WriteReport restoreReport;

    /**
     * @param directory where the backup file goes (the program's backups directory)
     * @param log       told what is happening, in words
     */
    public ParameterBackup(DeviceSession session, ParameterSchema schema, Path directory, Consumer<String> log) {
        this.session = Objects.requireNonNull(session, "session");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The backup file, once written. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** What the restore wrote; empty before it ran and when the new firmware kept every value. */
    public Optional<WriteReport> restoreReport() {
        return Optional.ofNullable(restoreReport);
    }

    @Override
    public void backup() throws DeviceException, IOException {
        List<String> keys = new ArrayList<>();
        for (ParameterDef def : schema.parameters()) {
            if (session.parameters().keys().contains(def.key())) {
                keys.add(def.key());
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterValue> e : session.parameters().read(keys).entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        var identity = session.identity();
        ParameterFile backup = ParameterFiles.export(schema, identity, values, List.of(), OffsetDateTime.now());
        Path target = directory.resolve(String.format("%s-addr%d-%s-before-flash.json", schema.profileId(),
                identity.address(), STAMP.format(OffsetDateTime.now())));
        ParameterFiles.write(schema, backup, target);
        saved = values;
        file = target;
        log.accept("parameters backed up: " + values.size() + " values to " + target);
    }

    @Override
    public void restore(FlashReport report) throws Exception {
        if (saved == null) {
            return; // the device waited in its bootloader: there was nothing to back up
        }
        awaitApplication();
        Map<String, Double> writable = new LinkedHashMap<>();
        saved.forEach((key, value) -> schema.parameter(key)
                .filter(def -> def.writable() && def.access() != AccessLevel.FACTORY)
                .ifPresent(def -> writable.put(key, value)));
        SafeBatchWriter writer = new SafeBatchWriter(schema);
        ValidationContext context = ValidationContext.engineer();
        WritePreview preview = writer.preview(session.parameters(), writable, context);
        if (preview.changes().isEmpty()) {
            log.accept("parameters: the new firmware kept all " + writable.size() + " values; nothing to restore");
            return;
        }
        log.accept("parameters: restoring " + preview.changes().size() + " value(s) the new firmware changed: "
                + String.join(", ", preview.changes().keySet()));
        restoreReport = writer.write(session.parameters(), session.identity(), new WriteRequest(writable, context,
                preview.validation().confirmationIds(), directory, session.parameters().stagesInRam()));
        if (!restoreReport.succeeded()) {
            throw new IOException("the parameter restore ended " + restoreReport.outcome() + ": "
                    + restoreReport.summary().english() + (restoreReport.failures().isEmpty() ? ""
                    : " (" + restoreReport.failures() + ")") + "; the backup is " + file);
        }
        log.accept("parameters restored and verified: " + String.join(", ", restoreReport.written()));
    }

    /** The new application may take a moment to start after the reset: read until it answers. */
    private void awaitApplication() throws DeviceException, InterruptedException {
        long deadline = System.nanoTime() + APPLICATION_WAIT.toNanos();
        while (true) {
            try {
                session.parameters().read(List.of(saved.keySet().iterator().next()));
                return;
            } catch (DeviceException e) {
                if (System.nanoTime() > deadline || e.reason() == DeviceException.Reason.LINK
                        || e.reason() == DeviceException.Reason.CLOSED) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
