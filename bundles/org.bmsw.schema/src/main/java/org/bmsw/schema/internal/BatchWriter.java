package org.bmsw.schema.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.schema.Comparison;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterComparison;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterFile;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ProblemSeverity;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.ValidationResult;
import org.bmsw.schema.WritePreview;
import org.bmsw.schema.WriteReport;
import org.bmsw.schema.WriteReport.Failure;
import org.bmsw.schema.WriteReport.Outcome;
import org.bmsw.schema.WriteRequest;

/** The safe batch write behind {@link org.bmsw.schema.SafeBatchWriter}. */
public final class BatchWriter {

    /** Attempts per key when writing old values back. */
    private static final int RESTORE_ATTEMPTS = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS", Locale.ROOT);

    private final ParameterSchema schema;
    private final ValidatorImpl validator;
    private final Clock clock;

    public BatchWriter(ParameterSchema schema, Clock clock) {
        this.schema = schema;
        this.validator = new ValidatorImpl(schema);
        this.clock = clock;
    }

    /** Schema keys the device has, in schema order. */
    private List<String> deviceKeys(ParameterAccess access) {
        Set<String> onDevice = access.keys();
        return schema.parameters().stream().map(ParameterDef::key).filter(onDevice::contains).toList();
    }

    private Map<String, Double> readValues(ParameterAccess access, Collection<String> keys) throws DeviceException {
        Map<String, ParameterValue> read = access.read(keys);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : keys) {
            ParameterValue v = read == null ? null : read.get(k);
            if (v != null && Double.isFinite(v.value())) {
                out.put(k, v.value());
            }
        }
        return out;
    }

    public WritePreview preview(ParameterAccess access, Map<String, Double> proposed, ValidationContext ctx)
            throws DeviceException {
        Map<String, Double> current = readValues(access, deviceKeys(access));
        ValidationResult vr = validate(access, current, proposed, ctx);
        Map<String, Double> changes = validator.changes(current, proposed);
        Map<String, Double> after = new LinkedHashMap<>(current);
        after.putAll(changes);
        return new WritePreview(current, changes, vr, ParameterComparison.compare(schema, current, after));
    }

    private ValidationResult validate(ParameterAccess access, Map<String, Double> current, Map<String, Double> proposed,
                                      ValidationContext ctx) {
        List<Problem> problems = new ArrayList<>();
        Set<String> onDevice = access.keys();
        for (String k : proposed.keySet()) {
            if (schema.parameter(k).isPresent() && !onDevice.contains(k)) {
                problems.add(new Problem(k, proposed.get(k), schema.require(k).unit(), Problem.NOT_ON_DEVICE,
                        LocalizedText.of(k + ": the device does not have this parameter", k + "：设备没有此参数"),
                        ProblemSeverity.ERROR, List.of(k)));
            }
        }
        problems.addAll(validator.validateSet(current, proposed, ctx).problems());
        return new ValidationResult(problems);
    }

    public WriteReport write(ParameterAccess access, DeviceIdentity device, WriteRequest req) {
        Run run = new Run(access, device, req);
        try {
            return run.execute();
        } catch (RuntimeException e) {
            // a bug or a misbehaving ParameterAccess; if anything was written, try to put the old values back
            return run.unexpected(e);
        }
    }

    /** One write, with its state. */
    private final class Run {
        final ParameterAccess access;
        final DeviceIdentity device;
        final WriteRequest req;
        Path backup;
        ValidationResult validation = new ValidationResult(List.of());
        Map<String, Double> current = Map.of();
        Map<String, Double> changes = Map.of();
        List<String> order = List.of();
        final List<String> attempted = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        final List<String> verified = new ArrayList<>();
        final List<String> restored = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        WriteTarget target = WriteTarget.PERSISTENT;

        Run(ParameterAccess access, DeviceIdentity device, WriteRequest req) {
            this.access = access;
            this.device = device;
            this.req = req;
        }

        WriteReport report(Outcome outcome, String en, String zh) {
            Set<String> unpersisted = Set.of();
            boolean persisted = false;
            return report(outcome, en, zh, unpersisted, persisted);
        }

        WriteReport report(Outcome outcome, String en, String zh, Set<String> unpersisted, boolean persisted) {
            return new WriteReport(outcome, LocalizedText.of(en, zh), backup, validation, order, written, verified,
                    restored, failures, unpersisted, persisted);
        }

        WriteReport execute() {
            // 1. what the device holds now
            try {
                current = readValues(access, deviceKeys(access));
            } catch (DeviceException e) {
                failures.add(new Failure(null, "reading the current values failed: " + e.getMessage()));
                return report(Outcome.ABORTED, "Nothing written: the device's current values could not be read ("
                        + e.getMessage() + ")", "未写入：无法读取设备当前参数（" + e.getMessage() + "）");
            }
            boolean staging = access.stagesInRam();
            target = staging ? WriteTarget.RAM : WriteTarget.PERSISTENT;
            if (validator.changes(current, req.values()).isEmpty()) {
                // nothing will be written, so there is nothing to back up; unknown keys still get reported
                validation = validate(access, current, req.values(), req.context());
                if (validation.hasErrors()) {
                    return report(Outcome.REFUSED, "Nothing written: " + validation.errors().size() + " error(s), e.g. "
                                    + validation.errors().get(0).message().english(),
                            "未写入：" + validation.errors().size() + " 个错误，例如 "
                                    + validation.errors().get(0).message().text(Locale.CHINESE));
                }
                return finish(Outcome.UNCHANGED, staging, "Nothing to write: the device already holds these values",
                        "无需写入：设备已是这些值");
            }
            // 2. back them up, and check the backup reads back
            try {
                backup = writeBackup();
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(null, "backup failed: " + e.getMessage()));
                return report(Outcome.ABORTED, "Nothing written: the backup could not be written (" + e.getMessage() + ")",
                        "未写入：无法写入备份（" + e.getMessage() + "）");
            }
            // 3. validate
            validation = validate(access, current, req.values(), req.context());
            if (validation.hasErrors()) {
                return report(Outcome.REFUSED, "Nothing written: " + validation.errors().size() + " error(s), e.g. "
                                + validation.errors().get(0).message().english(),
                        "未写入：" + validation.errors().size() + " 个错误，例如 " + validation.errors().get(0).message().text(Locale.CHINESE));
            }
            Set<String> unconfirmed = new LinkedHashSet<>(validation.confirmationIds());
            unconfirmed.removeAll(req.confirmed());
            if (!unconfirmed.isEmpty()) {
                return report(Outcome.REFUSED, "Nothing written: " + unconfirmed.size()
                                + " dangerous change(s) need explicit confirmation: " + unconfirmed,
                        "未写入：" + unconfirmed.size() + " 项危险修改需要明确确认：" + unconfirmed);
            }
            changes = validator.changes(current, req.values());
            // 4. order, then write one at a time, reading each back
            order = WriteOrder.plan(schema, current, changes);
            for (String key : order) {
                double value = changes.get(key);
                attempted.add(key);
                try {
                    access.write(Map.of(key, value), target);
                } catch (DeviceException e) {
                    failures.add(new Failure(key, "write failed: " + e.getMessage()));
                    return rollback();
                }
                try {
                    Map<String, Double> back = readValues(access, List.of(key));
                    Double got = back.get(key);
                    ParameterDef def = schema.require(key);
                    if (got == null || !def.sameOnDevice(got, value)) {
                        failures.add(new Failure(key, "read back " + (got == null ? "nothing" : def.formatWithUnit(got))
                                + " after writing " + def.formatWithUnit(value)));
                        return rollback();
                    }
                } catch (DeviceException e) {
                    failures.add(new Failure(key, "read-back failed: " + e.getMessage()));
                    return rollback();
                }
                written.add(key);
            }
            // 5. read every changed value once more: a later write may have disturbed an earlier one
            try {
                Map<String, Double> back = readValues(access, order);
                for (String key : order) {
                    ParameterDef def = schema.require(key);
                    Double got = back.get(key);
                    if (got == null || !def.sameOnDevice(got, changes.get(key))) {
                        failures.add(new Failure(key, "final read-back gave " + (got == null ? "nothing" : def.formatWithUnit(got))
                                + " instead of " + def.formatWithUnit(changes.get(key))));
                    }
                }
            } catch (DeviceException e) {
                failures.add(new Failure(null, "final read-back failed: " + e.getMessage()));
            }
            if (!failures.isEmpty()) {
                verified.clear();
                return rollback();
            }
            verified.addAll(order);
            return finish(Outcome.WRITTEN, staging, "Wrote and verified " + order.size() + " parameter(s)",
                    "已写入并校验 " + order.size() + " 个参数");
        }

        /** Success: report RAM staging, persist when asked. */
        WriteReport finish(Outcome outcome, boolean staging, String en, String zh) {
            if (!staging) {
                return report(outcome, en, zh, Set.of(), outcome == Outcome.WRITTEN);
            }
            Set<String> unpersisted;
            try {
                unpersisted = access.unpersisted();
            } catch (RuntimeException e) {
                // the values are written and verified; only the staging report is unknown
                unpersisted = Set.copyOf(order);
                failures.add(new Failure(null, "the device could not say what is not persisted: " + e));
            }
            if (!req.persist()) {
                if (unpersisted.isEmpty()) {
                    return report(outcome, en, zh, unpersisted, false);
                }
                return report(outcome, en + "; in RAM only: persist (Flash) to keep " + unpersisted.size()
                        + " change(s) after a restart", zh + "；仅在 RAM 中：需固化（Flash）才能在重启后保留 "
                        + unpersisted.size() + " 项修改", unpersisted, false);
            }
            if (unpersisted.isEmpty() && outcome == Outcome.UNCHANGED) {
                return report(outcome, en, zh, unpersisted, false);
            }
            DeviceException last = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    access.persist();
                    Set<String> left = access.unpersisted();
                    return report(outcome, en + (left.isEmpty() ? " and persisted" : "; persisted, yet the device still reports "
                                    + left + " as not persisted"), zh + (left.isEmpty() ? "并已固化" : "；已固化，但设备仍报告 "
                                    + left + " 未固化"), left, left.isEmpty());
                } catch (DeviceException e) {
                    last = e;
                }
            }
            failures.add(new Failure(null, "persist failed: " + last.getMessage()));
            Set<String> left;
            try {
                left = access.unpersisted();
            } catch (RuntimeException e) {
                left = Set.copyOf(order);
            }
            return report(Outcome.PERSIST_FAILED, "Written and verified in RAM, but persisting failed (" + last.getMessage()
                            + "): the device goes back to its old values when it restarts; persist again",
                    "已写入 RAM 并校验，但固化失败（" + last.getMessage() + "）：设备重启后会恢复旧值；请重新固化", left, false);
        }

        /** Puts back the old values of everything attempted, then verifies every changed key. */
        WriteReport rollback() {
            Map<String, Double> now = new LinkedHashMap<>(current);
            try {
                now.putAll(readValues(access, order));
            } catch (DeviceException | RuntimeException e) {
                for (String k : attempted) {
                    now.put(k, changes.get(k));
                }
            }
            Map<String, Double> old = new LinkedHashMap<>();
            for (String k : attempted) {
                Double was = current.get(k);
                Double is = now.get(k);
                if (was != null && (is == null || !schema.require(k).sameOnDevice(is, was))) {
                    old.put(k, was);
                }
            }
            for (String k : WriteOrder.plan(schema, now, old)) {
                double value = old.get(k);
                ParameterDef def = schema.require(k);
                for (int attempt = 1; attempt <= RESTORE_ATTEMPTS; attempt++) {
                    try {
                        access.write(Map.of(k, value), target);
                        Double got = readValues(access, List.of(k)).get(k);
                        if (got != null && def.sameOnDevice(got, value)) {
                            restored.add(k);
                            break;
                        }
                        failures.add(new Failure(k, "restore attempt " + attempt + " read back "
                                + (got == null ? "nothing" : def.formatWithUnit(got)) + " instead of " + def.formatWithUnit(value)));
                    } catch (DeviceException | RuntimeException e) {
                        failures.add(new Failure(k, "restore attempt " + attempt + " failed: " + e.getMessage()));
                    }
                }
            }
            // verify: every changed key must hold its old value again
            verified.clear();
            List<String> wrong = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Map<String, Double> back = readValues(access, order);
                    wrong.clear();
                    verified.clear();
                    for (String k : order) {
                        Double was = current.get(k);
                        Double got = back.get(k);
                        if (was != null && got != null && schema.require(k).sameOnDevice(got, was)) {
                            verified.add(k);
                        } else {
                            wrong.add(k);
                        }
                    }
                    break;
                } catch (DeviceException | RuntimeException e) {
                    wrong.clear();
                    wrong.addAll(order);
                    failures.add(new Failure(null, "verifying the restore failed: " + e.getMessage()));
                }
            }
            String first = failures.isEmpty() ? "" : failures.get(0).toString();
            Set<String> unpersisted = Set.of();
            if (target == WriteTarget.RAM) {
                try {
                    unpersisted = access.unpersisted();
                } catch (RuntimeException e) {
                    unpersisted = Set.of();
                }
            }
            if (wrong.isEmpty()) {
                return report(Outcome.ROLLED_BACK, "Write failed (" + first + "); the old values were restored and verified",
                        "写入失败（" + first + "）；已恢复并校验旧值", unpersisted, false);
            }
            String ram = target == WriteTarget.RAM ? "; the persisted values are untouched: restarting the device restores them"
                    : "";
            String ramZh = target == WriteTarget.RAM ? "；已固化的值未被改动：重启设备即可恢复" : "";
            return report(Outcome.ROLLBACK_FAILED, "DANGER: write failed (" + first + ") and restoring failed for " + wrong
                            + ": the device may hold a mix of old and new values. The old values are in " + backup + ram,
                    "危险：写入失败（" + first + "）且恢复失败：" + wrong + "，设备可能处于新旧参数混合状态。旧值见备份 " + backup
                            + ramZh, unpersisted, false);
        }

        WriteReport unexpected(RuntimeException e) {
            failures.add(new Failure(null, "unexpected error: " + e));
            if (attempted.isEmpty()) {
                return report(Outcome.ABORTED, "Nothing written: unexpected error (" + e + ")", "未写入：意外错误（" + e + "）");
            }
            try {
                return rollback();
            } catch (RuntimeException again) {
                failures.add(new Failure(null, "rollback failed: " + again));
                return report(Outcome.ROLLBACK_FAILED, "DANGER: unexpected error during the write and the rollback ("
                        + e + "); the old values are in " + backup, "危险：写入和恢复过程中出现意外错误（" + e + "）；旧值见备份 " + backup);
            }
        }

        Path writeBackup() throws IOException {
            Path dir = req.backupDirectory();
            Files.createDirectories(dir);
            OffsetDateTime now = OffsetDateTime.now(clock);
            String addr = device == null ? "x" : String.valueOf(device.address());
            String serial = device == null || device.serialNumber().isEmpty() ? ""
                    : "-" + device.serialNumber().replaceAll("[^A-Za-z0-9._-]", "_");
            String base = safe(schema.profileId()) + "-addr" + addr + serial + "-" + STAMP.format(now) + "-backup";
            Path file = dir.resolve(base + ".json");
            for (int i = 2; Files.exists(file); i++) {
                file = dir.resolve(base + "-" + i + ".json");
            }
            ParameterFile pf = ParameterFiles.export(schema, device, current, List.of(), now);
            ParameterFiles.write(schema, pf, file);
            // read it back as an import would (without range checks: it holds whatever the device has)
            ImportResult r = ParameterFileCodec.read(schema, Files.readAllBytes(file), String.valueOf(file.getFileName()), false);
            if (!r.ok()) {
                throw new IOException("the backup " + file + " does not read back: " + r.errors());
            }
            Comparison c = ParameterComparison.compare(schema, current, r.file().values());
            if (!c.identical()) {
                throw new IOException("the backup " + file + " does not hold the device's values: " + c.differences());
            }
            return file;
        }

        private static String safe(String s) {
            return s.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }
}
