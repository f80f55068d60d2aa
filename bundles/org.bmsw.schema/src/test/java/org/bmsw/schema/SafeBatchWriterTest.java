package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.schema.WriteReport.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safe batch write: backup, validation, ordering, read-back, rollback, RAM staging. */
class SafeBatchWriterTest {

    private static final DeviceIdentity DEVICE = new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "35-7-3", "", "",
            1, false);
    private static final ValidationContext ENGINEER_NMC = new ValidationContext(AccessLevel.ENGINEER, "NMC");

    private final ParameterSchema schema = Fixtures.smartBms();
    private final ParameterValidator validator = new ParameterValidator(schema);
    private final SafeBatchWriter writer = new SafeBatchWriter(schema,
            Clock.fixed(Instant.parse("2024-03-26T08:46:21Z"), ZoneOffset.ofHours(8)));

    @TempDir
    Path backups;

    private static Map<String, Double> overlay(Map<String, Double> base, Map<String, Double> changes) {
        Map<String, Double> m = new HashMap<>(base);
        m.putAll(changes);
        return m;
    }

    private static Map<String, Double> map(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private WriteRequest request(Map<String, Double> values, ValidationContext ctx, Set<String> confirmed, boolean persist) {
        return new WriteRequest(values, ctx, confirmed, backups, persist);
    }

    /** Asserts two value sets are the same on the device (raw equality), key by key. */
    private void assertSameValues(Map<String, Double> expected, Map<String, Double> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String k : expected.keySet()) {
            assertTrue(schema.require(k).sameOnDevice(expected.get(k), actual.get(k)),
                    what + ": " + k + " expected " + expected.get(k) + " but was " + actual.get(k));
        }
    }

    @Test
    void writesOnlyChangesAfterABackupAndVerifiesThem() throws IOException {
        Map<String, Double> old = ManualValues.english();
        FakeDevice dev = new FakeDevice(schema, old, false);
        Map<String, Double> wanted = map("COV", 4220, "COVR", 4100, "FCC", 55, "TOV", 100.8);
        WriteReport r = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.WRITTEN, r.outcome(), r.summary().english() + " " + r.failures() + r.validation().problems());
        // TOV is unchanged: not written
        assertEquals(Set.of("COV", "COVR", "FCC"), Set.copyOf(dev.writeLog));
        assertEquals(3, dev.writeCalls);
        assertEquals(Set.of("COV", "COVR", "FCC"), Set.copyOf(r.written()));
        assertEquals(Set.copyOf(r.written()), Set.copyOf(r.verified()));
        assertTrue(r.succeeded());
        assertSameValues(overlay(old, wanted), dev.values(), "device");
        assertTrue(dev.targets.stream().allMatch(t -> t == WriteTarget.PERSISTENT));

        // the backup holds the old values and imports cleanly
        assertNotNull(r.backupFile());
        assertEquals(backups, r.backupFile().getParent());
        assertTrue(r.backupFile().getFileName().toString().startsWith("smartbms.v4-addr1-20240326T164621.000"),
                r.backupFile().toString());
        ImportResult back = ParameterFiles.read(schema, r.backupFile());
        assertTrue(back.ok(), back.problems().toString());
        assertTrue(ParameterComparison.compare(schema, old, back.file().values()).identical());
        assertEquals("35-7-3", back.file().firmwareVersion());
        assertEquals(1, back.file().deviceAddress());
    }

    @Test
    void nothingToWrite() {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        WriteReport r = writer.write(dev, DEVICE, request(map("COV", 4200), ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.UNCHANGED, r.outcome());
        assertEquals(0, dev.writeCalls);
    }

    @Test
    void refusesErrorsWithoutWritingAnything() {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        // COVR above COV, and a user may not write a calibration value
        WriteReport r = writer.write(dev, DEVICE, request(map("COVR", 4300, "C_Gain", 80), ValidationContext.user(),
                Set.of(), false));
        assertEquals(Outcome.REFUSED, r.outcome());
        assertEquals(0, dev.writeCalls);
        assertEquals(Set.of("protect.cov.release@COVR", "access@C_Gain"),
                Set.copyOf(r.validation().errors().stream().map(Problem::id).toList()));
        assertTrue(r.deviceUnchanged());
    }

    @Test
    void dangerousChangesNeedTheirConfirmation() {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        Map<String, Double> wanted = map("485_ADDR", 2);
        WriteReport refused = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.REFUSED, refused.outcome());
        assertEquals(Set.of("dangerous@485_ADDR"), refused.validation().confirmationIds());
        assertEquals(0, dev.writeCalls);
        // a confirmation of something else does not count
        WriteReport wrong = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of("dangerous@CELLNUM"), false));
        assertEquals(Outcome.REFUSED, wrong.outcome());
        assertEquals(0, dev.writeCalls);
        WriteReport ok = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of("dangerous@485_ADDR"), false));
        assertEquals(Outcome.WRITTEN, ok.outcome());
        assertEquals(2.0, dev.values().get("485_ADDR"));
    }

    @Test
    void keysTheDeviceDoesNotHaveAreRefused() {
        Map<String, Double> partial = new LinkedHashMap<>(ManualValues.english());
        partial.remove("SlowDelay");
        FakeDevice dev = new FakeDevice(schema, partial, false);
        WriteReport r = writer.write(dev, DEVICE, request(map("SlowDelay", 9000), ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.REFUSED, r.outcome());
        assertEquals(List.of("not-on-device@SlowDelay"), r.validation().errors().stream().map(Problem::id).toList());
        assertEquals(0, dev.writeCalls);
    }

    @Test
    void previewShowsWhatWouldChange() throws Exception {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        WritePreview p = writer.preview(dev, map("COV", 4220, "TOV", 100.8, "485_ADDR", 3), ENGINEER_NMC);
        assertEquals(Set.of("COV", "485_ADDR"), p.changes().keySet());
        assertEquals(Set.of("dangerous@485_ADDR"), p.validation().confirmationIds());
        assertEquals(2, p.comparison().differences().size());
        assertEquals(0, dev.writeCalls);
        WriteReport r = writer.write(dev, DEVICE, request(map("COV", 4220, "TOV", 100.8, "485_ADDR", 3), ENGINEER_NMC,
                p.validation().confirmationIds(), false));
        assertEquals(Outcome.WRITTEN, r.outcome());
    }

    /** Raising a trip and its release writes the trip first; lowering writes the release first; no step breaks a rule. */
    @Test
    void orderKeepsEveryIntermediateStateValid() {
        Map<String, Double> old = ManualValues.english();
        Map<String, Double> raise = map("COV", 4240, "COVR", 4180, "COV1", 4140, "COV2", 4190, "COV3", 4240,
                "TOV", 101.76, "TOV3", 101.76, "BalV", 4150);
        Map<String, Double> lower = map("COV", 4100, "COVR", 4000, "COV1", 4000, "COV2", 4050, "COV3", 4100,
                "TOV", 98.4, "TOVR", 96, "TOV1", 96, "TOV2", 97.2, "TOV3", 98.4, "BalV", 4000);
        for (Map<String, Double> wanted : List.of(raise, lower)) {
            assertTrue(validator.validateSet(old, wanted, ENGINEER_NMC).ok(), validator.validateSet(old, wanted, ENGINEER_NMC).toString());
            FakeDevice dev = new FakeDevice(schema, old, false);
            WriteReport r = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), false));
            assertEquals(Outcome.WRITTEN, r.outcome(), r.summary().english());
            for (int i = 0; i < dev.history.size(); i++) {
                Map<String, Double> state = dev.history.get(i);
                assertEquals(List.of(), validator.validateSet(state, state, ENGINEER_NMC).problems(),
                        "after write " + (i + 1) + " (" + dev.writeLog.get(i) + ")");
            }
            int cov = r.order().indexOf("COV");
            int covr = r.order().indexOf("COVR");
            if (wanted == raise) {
                assertTrue(cov < covr, "raise: trip before release " + r.order());
                assertTrue(r.order().indexOf("COV3") > cov, "raise: trip before alarm level 3 " + r.order());
            } else {
                assertTrue(covr < cov, "lower: release before trip " + r.order());
                assertTrue(r.order().indexOf("COV3") < cov, "lower: alarm level 3 before trip " + r.order());
            }
        }
    }

    /** The 24S NMC set of the English screen rewritten to the 23S LFP set of the Chinese tables, and back. */
    @Test
    void rewritesAWholeProfile() {
        Map<String, Double> english = ManualValues.english();
        Map<String, Double> chinese = ManualValues.chinese();
        FakeDevice dev = new FakeDevice(schema, english, false);
        ValidationContext lfp = new ValidationContext(AccessLevel.ENGINEER, "LFP");
        WriteReport r = writer.write(dev, DEVICE, request(chinese, lfp, Set.of("dangerous@CELLNUM"), false));
        assertEquals(Outcome.WRITTEN, r.outcome(), r.summary().english());
        assertSameValues(chinese, dev.values(), "LFP set");
        WriteReport back = writer.write(dev, DEVICE, request(english, ENGINEER_NMC, Set.of("dangerous@CELLNUM"), false));
        assertEquals(Outcome.WRITTEN, back.outcome(), back.summary().english());
        assertSameValues(english, dev.values(), "NMC set");
        assertEquals(2, Files.exists(r.backupFile()) && Files.exists(back.backupFile()) ? 2 : 0);
    }

    private enum Fault { THROW_BEFORE, THROW_AFTER, CORRUPT, READ }

    /**
     * Interrupts the write at every position, in every way; afterwards the device holds all the old values
     * (rolled back) or all the new ones (written), checked on the device itself.
     */
    @Test
    void interruptedAtEveryPositionLeavesAllOldOrAllNew() {
        Map<String, Double> old = ManualValues.english();
        Map<String, Double> wanted = ManualValues.chinese();
        Map<String, Double> changes = validator.changes(old, wanted);
        int k = changes.size();
        assertTrue(k > 40, "a large batch: " + k);
        Map<String, Double> allNew = overlay(old, wanted);
        ValidationContext lfp = new ValidationContext(AccessLevel.ENGINEER, "LFP");
        int rolledBack = 0;
        int written = 0;
        List<String> bad = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            // write calls 1..k; reads: 1 = initial, 2..k+1 = per-write read-backs, k+2 = final verification
            int positions = fault == Fault.READ ? k + 2 : k + 1;
            for (int n = 1; n <= positions; n++) {
                FakeDevice dev = new FakeDevice(schema, old, false);
                if (fault == Fault.READ) {
                    dev.failReadAt = n;
                } else {
                    dev.failWriteAt = n;
                    dev.writeFault = FakeDevice.WriteFault.valueOf(fault.name());
                }
                WriteReport r = writer.write(dev, DEVICE, request(wanted, lfp, Set.of("dangerous@CELLNUM"), false));
                Map<String, Double> now = dev.values();
                boolean isOld = ParameterComparison.compare(schema, old, now).identical();
                boolean isNew = ParameterComparison.compare(schema, allNew, now).identical();
                String where = fault + " at " + n + ": " + r.outcome() + " " + r.failures();
                if (fault != Fault.READ && n <= k) {
                    // the write stops at the faulty one: nothing after it is written, the failure names its key
                    if (r.written().size() != n - 1 || !r.order().get(n - 1).equals(r.failures().get(0).key())) {
                        bad.add(where + " did not stop at write " + n + ": written " + r.written().size());
                    }
                }
                switch (r.outcome()) {
                    case ROLLED_BACK -> {
                        rolledBack++;
                        if (!isOld) {
                            bad.add(where + " not all old");
                        }
                        if (r.verified().size() != k) {
                            bad.add(where + " verified " + r.verified().size());
                        }
                    }
                    case WRITTEN -> {
                        written++;
                        if (!isNew) {
                            bad.add(where + " not all new");
                        }
                    }
                    case ABORTED -> {
                        if (!isOld || dev.writeCalls != 0) {
                            bad.add(where + " aborted but wrote");
                        }
                    }
                    default -> bad.add(where);
                }
            }
        }
        assertEquals(List.of(), bad);
        assertTrue(rolledBack > 3 * k, "faults inside the batch roll back: " + rolledBack);
        assertTrue(written >= 3, "a fault after the last write does not disturb it: " + written);
    }

    @Test
    void aDeviceThatDiesMidWayIsReportedAsMixedWithTheBackupNamed() {
        Map<String, Double> old = ManualValues.english();
        FakeDevice dev = new FakeDevice(schema, old, false);
        dev.failWriteAt = 3;
        dev.writeFault = FakeDevice.WriteFault.THROW_BEFORE;
        dev.deadAfterFault = true;
        Map<String, Double> wanted = map("COV", 4220, "COVR", 4100, "FCC", 55, "CHG_C", 12);
        WriteReport r = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.ROLLBACK_FAILED, r.outcome(), r.summary().english());
        assertTrue(r.summary().english().startsWith("DANGER"), r.summary().english());
        assertTrue(r.summary().english().contains(r.backupFile().toString()));
        assertEquals(2, r.written().size());
        assertFalse(r.deviceUnchanged());
        // the restore was tried several times per key
        assertTrue(dev.writeCalls > 3 + 2, "restore attempts: " + dev.writeCalls);
    }

    @Test
    void restoreWritesAreRetried() {
        Map<String, Double> old = ManualValues.english();
        FakeDevice dev = new FakeDevice(schema, old, false);
        // the 3rd write stores a wrong value; the first two restore writes are lost too
        dev.failWriteAt = 3;
        dev.writeFault = FakeDevice.WriteFault.CORRUPT;
        dev.alsoFailWrites = Set.of(4, 5);
        WriteReport r = writer.write(dev, DEVICE, request(map("COV", 4220, "COVR", 4100, "FCC", 55, "CHG_C", 12),
                ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.ROLLED_BACK, r.outcome(), r.summary().english() + r.failures());
        assertSameValues(old, dev.values(), "restored");
        assertEquals(3, r.restored().size());
        assertTrue(r.failures().stream().anyMatch(f -> f.reason().startsWith("restore attempt 1 failed")), r.failures().toString());
    }

    @Test
    void aFailingInitialReadOrBackupAbortsBeforeAnyWrite() throws IOException {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        dev.failReadAt = 1;
        WriteReport r = writer.write(dev, DEVICE, request(map("FCC", 60), ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.ABORTED, r.outcome());
        assertEquals(0, dev.writeCalls);

        Path notADirectory = Files.writeString(backups.resolve("file"), "x");
        FakeDevice dev2 = new FakeDevice(schema, ManualValues.english(), false);
        WriteReport r2 = writer.write(dev2, DEVICE, new WriteRequest(map("FCC", 60), ENGINEER_NMC, Set.of(),
                notADirectory, false));
        assertEquals(Outcome.ABORTED, r2.outcome());
        assertTrue(r2.summary().english().contains("backup"), r2.summary().english());
        assertEquals(0, dev2.writeCalls);
    }

    @Test
    void stagingDeviceWritesToRamAndPersistsOnlyWhenAsked() {
        Map<String, Double> old = ManualValues.english();
        Map<String, Double> wanted = map("COV", 4220, "FCC", 55);
        FakeDevice dev = new FakeDevice(schema, old, true);
        WriteReport r = writer.write(dev, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), false));
        assertEquals(Outcome.WRITTEN, r.outcome());
        assertEquals(Set.of("COV", "FCC"), r.unpersisted());
        assertFalse(r.persisted());
        assertTrue(r.summary().english().contains("RAM"), r.summary().english());
        assertTrue(dev.targets.stream().allMatch(t -> t == WriteTarget.RAM));
        assertEquals(0, dev.persistCalls);
        assertSameValues(old, dev.persistedValues(), "flash untouched");
        dev.restart();
        assertSameValues(old, dev.values(), "a restart brings the old values back");

        FakeDevice dev2 = new FakeDevice(schema, old, true);
        WriteReport p = writer.write(dev2, DEVICE, request(wanted, ENGINEER_NMC, Set.of(), true));
        assertEquals(Outcome.WRITTEN, p.outcome());
        assertTrue(p.persisted());
        assertEquals(Set.of(), p.unpersisted());
        assertEquals(1, dev2.persistCalls);
        dev2.restart();
        assertSameValues(overlay(old, wanted), dev2.values(), "persisted");
    }

    @Test
    void stagingDeviceFailuresRollBackRamAndNeverTouchFlash() {
        Map<String, Double> old = ManualValues.english();
        FakeDevice dev = new FakeDevice(schema, old, true);
        dev.failWriteAt = 2;
        dev.writeFault = FakeDevice.WriteFault.CORRUPT;
        WriteReport r = writer.write(dev, DEVICE, request(map("COV", 4220, "COVR", 4100, "FCC", 55), ENGINEER_NMC,
                Set.of(), true));
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertEquals(0, dev.persistCalls);
        assertSameValues(old, dev.values(), "RAM restored");
        assertSameValues(old, dev.persistedValues(), "flash untouched");

        FakeDevice dev2 = new FakeDevice(schema, old, true);
        dev2.persistFailures = 2;
        WriteReport pf = writer.write(dev2, DEVICE, request(map("FCC", 55), ENGINEER_NMC, Set.of(), true));
        assertEquals(Outcome.PERSIST_FAILED, pf.outcome());
        assertEquals(Set.of("FCC"), pf.unpersisted());
        assertEquals(2, dev2.persistCalls);
        dev2.persistFailures = 1;
        FakeDevice dev3 = new FakeDevice(schema, old, true);
        dev3.persistFailures = 1;
        WriteReport retried = writer.write(dev3, DEVICE, request(map("FCC", 55), ENGINEER_NMC, Set.of(), true));
        assertEquals(Outcome.WRITTEN, retried.outcome(), "one failed persist is retried");
        assertTrue(retried.persisted());
    }

    @Test
    void backupsOfRepeatedWritesDoNotOverwriteEachOther() throws IOException {
        FakeDevice dev = new FakeDevice(schema, ManualValues.english(), false);
        writer.write(dev, DEVICE, request(map("FCC", 55), ENGINEER_NMC, Set.of(), false));
        writer.write(dev, DEVICE, request(map("FCC", 56), ENGINEER_NMC, Set.of(), false));
        try (Stream<Path> files = Files.list(backups)) {
            assertEquals(2, files.filter(f -> f.toString().endsWith("-backup.json") || f.toString().endsWith(".json")).count());
        }
    }
}
