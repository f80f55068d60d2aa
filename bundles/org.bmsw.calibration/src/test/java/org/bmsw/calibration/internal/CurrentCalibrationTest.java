package org.bmsw.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationListener;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationTiming;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.SimulatorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Current zero and real-current calibration of a simulated Smart BMS whose current sensor has a gain and an offset
 * error, over a real pty pair: the error after calibrating, the refusals that write nothing, and the restore when
 * the verification or the device fails.
 */
class CurrentCalibrationTest {

    /** The sensor reads 3.47 % high and 0.83 A off zero (within the 3 A shield current: the pack counts as at rest). */
    static final double SENSOR_GAIN = 1.0347;
    static final double SENSOR_OFFSET_AMPS = 0.83;
    static final CalibrationTiming FAST = new CalibrationTiming(Duration.ofMillis(1200), Duration.ofSeconds(4),
            Duration.ofMillis(100));
    /** Refusals wait this long for a steady state that does not come. */
    static final CalibrationTiming IMPATIENT = new CalibrationTiming(Duration.ofMillis(1000), Duration.ofMillis(2000),
            Duration.ofMillis(100));

    @TempDir
    Path dir;

    private SimulatedDevice bms;
    private DeviceSession session;
    private final CalibrationServiceImpl service = CalibrationServiceImpl.withStandardProcedures();

    @BeforeEach
    void start() throws Exception {
        bms = SimulatedDevice.smartBms(dir, PackConfig.smartBms(16).seed(5).initialSoc(0.5)
                .currentSensor(SENSOR_GAIN, SENSOR_OFFSET_AMPS).build());
        session = bms.connect();
    }

    @AfterEach
    void stop() throws Exception {
        bms.close();
    }

    private CalibrationResult run(String procedure, Map<String, String> inputs, CalibrationListener listener) {
        return run(procedure, inputs, listener, FAST);
    }

    private CalibrationResult run(String procedure, Map<String, String> inputs, CalibrationListener listener,
                                  CalibrationTiming timing) {
        CalibrationRequest request = new CalibrationRequest(inputs, AccessLevel.ENGINEER, true, timing, dir.resolve("data"),
                Locale.ENGLISH);
        return service.run(service.procedure(procedure).orElseThrow(), session, request, listener);
    }

    /** The reading the device puts on the wire now, minus the true current, after the battery settled at {@code amps}. */
    private double errorAt(double amps) throws Exception {
        bms.battery.setCurrentDemand(amps);
        Thread.sleep(600);
        SimulatorState state = bms.battery.snapshot();
        return session.readTelemetry().pack().current() - state.trueAmps();
    }

    @Test
    void zeroThenRealCurrentBringTheReadingWithinHalfAPercentOfFullScale() throws Exception {
        double tolerance = Math.max(0.005 * CurrentCalibration.FULL_SCALE_AMPS, 0.1);
        assertEquals(0.25, tolerance, 1e-9, "0.5 % of the 50 A full scale is larger than 0.1 A");
        double[] points = {0, 12.34, 29.87, 44.6, -19.3, -45.2};
        StringBuilder before = new StringBuilder("reading error before calibration:");
        for (double amps : points) {
            double error = errorAt(amps);
            before.append(String.format(Locale.ROOT, " %+.2f A: %+.3f A;", amps, error));
            if (amps != -19.3) { // there gain and offset errors happen to cancel
                assertTrue(Math.abs(error) > tolerance, "before calibration the reading is off at " + amps + " A: " + error);
            }
        }
        System.out.println(before);

        bms.battery.setCurrentDemand(0);
        Thread.sleep(300);
        CalibrationResult zero = run("current-zero", Map.of(), null);
        assertEquals(Outcome.CALIBRATED, zero.outcome(), zero.summary().english());
        assertEquals(SENSOR_OFFSET_AMPS, zero.measurement("current").orElseThrow().before(), 0.051);
        assertEquals(0, zero.measurement("current").orElseThrow().after(), 0.051);
        assertEquals(16380 + 83, bms.values().get("C_Offset"), 1e-9, "the device keeps the new zero in C_Offset");
        assertEquals(16380, zero.parameter("C_Offset").orElseThrow().before(), 1e-9, "C_Offset before, in the report");
        assertEquals(16463, zero.parameter("C_Offset").orElseThrow().after(), 1e-9, "C_Offset after, in the report");

        bms.battery.setCurrentDemand(29.87);
        Thread.sleep(500);
        // a meter with a 0.1 A display, read and entered as the Smart BMS manual wants it: charging negative
        double meter = Math.round(bms.battery.snapshot().trueAmps() * 10) / 10.0;
        CalibrationResult gain = run("current", Map.of("reference", String.valueOf(-meter), "convention", "manual"), null);
        assertEquals(Outcome.CALIBRATED, gain.outcome(), gain.summary().english());
        var m = gain.measurement("current").orElseThrow();
        assertEquals(meter, m.reference(), 1e-9, "the manual's −30 A means 30 A charging");
        assertEquals((SENSOR_GAIN - 1) * meter, m.errorBefore(), 0.1, "the gain error before");
        assertTrue(Math.abs(m.errorAfter()) <= tolerance, "error after " + m.errorAfter());
        assertTrue(m.note().english().contains("charging negative"), m.note().english());
        assertEquals(82 / SENSOR_GAIN, bms.values().get("C_Gain"), 0.5, "the device keeps its gain in C_Gain");

        StringBuilder figures = new StringBuilder("reading error after zero + real-current calibration (full scale 50 A, "
                + "allowed ±0.25 A):");
        for (double amps : points) {
            double error = errorAt(amps);
            figures.append(String.format(Locale.ROOT, " %+.2f A: %+.3f A;", amps, error));
            assertTrue(Math.abs(error) <= tolerance, "at " + amps + " A the error is " + error);
        }
        System.out.println(figures);

        List<ReportEntry> reports = service.reports(dir.resolve("data"));
        assertEquals(2, reports.size(), "one report per calibration");
        assertEquals("current", reports.get(0).procedure(), "newest first");
        assertEquals(Outcome.CALIBRATED, reports.get(0).outcome());
        assertTrue(Files.readString(gain.textReport()).contains("Charging current"), "the text report shows the reading");
        assertNotNull(gain.backupFile());
        var backup = ParameterFiles.read(bms.schema, gain.backupFile());
        assertTrue(backup.ok(), backup.problems().toString());
        assertEquals(82, backup.file().values().get("C_Gain"), 1e-9, "the backup holds the gain from before");
    }

    @Test
    void zeroIsRefusedWhileCurrentFlowsAndNothingIsWritten() throws Exception {
        bms.battery.setCurrentDemand(-12);
        Thread.sleep(500);
        CalibrationResult result = run("current-zero", Map.of(), null, IMPATIENT);

        assertEquals(Outcome.REFUSED, result.outcome());
        assertTrue(result.summary().english().matches("Not at rest: the current reached -1\\d\\.\\d A \\(discharging\\); at rest "
                + "every reading stays within ±3\\.0 A \\(the shield current\\)\\..*"), result.summary().english());
        assertTrue(result.summary().english().contains("Nothing written"), result.summary().english());
        assertNothingWritten(result);
    }

    @Test
    void realCurrentIsRefusedWhenNotChargingSteadilyAndNothingIsWritten() throws Exception {
        CalibrationResult atRest = run("current", Map.of("reference", "30"), null, IMPATIENT);
        assertEquals(Outcome.REFUSED, atRest.outcome());
        assertTrue(atRest.summary().english().contains("Not charging steadily: the current was 0.8 A (at rest)"),
                atRest.summary().english());

        bms.battery.setCurrentDemand(5);
        Thread.sleep(500);
        CalibrationResult tooLow = run("current", Map.of("reference", "5"), null, IMPATIENT);
        assertEquals(Outcome.REFUSED, tooLow.outcome());
        assertTrue(tooLow.summary().english().contains("outside the manual's window of 10–50 A"), tooLow.summary().english());

        bms.battery.setCurrentDemand(-25);
        Thread.sleep(500);
        CalibrationResult discharging = run("current", Map.of("reference", "25"), null, IMPATIENT);
        assertTrue(discharging.summary().english().contains("(discharging)"), discharging.summary().english());

        // a charger that hunts between 20 and 26 A
        Thread hunting = new Thread(() -> {
            try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    bms.battery.setCurrentDemand(i % 2 == 0 ? 20 : 26);
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        hunting.start();
        try {
            CalibrationResult unsteady = run("current", Map.of("reference", "23"), null, IMPATIENT);
            assertEquals(Outcome.REFUSED, unsteady.outcome());
            assertTrue(unsteady.summary().english().contains("varied between"), unsteady.summary().english());
        } finally {
            hunting.interrupt();
            hunting.join();
        }

        bms.battery.setCurrentDemand(30);
        Thread.sleep(500);
        CalibrationResult wrongSign = run("current", Map.of("reference", "-30"), null, IMPATIENT);
        assertEquals(Outcome.REFUSED, wrongSign.outcome());
        assertTrue(wrongSign.summary().english().contains("but this calibration is done while CHARGING. If you meant "
                + "charging, enter it with charging negative"), wrongSign.summary().english());
        CalibrationResult wrongValue = run("current", Map.of("reference", "3"), null, IMPATIENT);
        assertTrue(wrongValue.summary().english().contains("outside the manual's window"), wrongValue.summary().english());
        CalibrationResult farOff = run("current", Map.of("reference", "45"), null, IMPATIENT);
        assertTrue(farOff.summary().english().contains("is a wrong entry"), farOff.summary().english());

        for (CalibrationResult r : List.of(atRest, tooLow, discharging, wrongSign, wrongValue, farOff)) {
            assertNothingWritten(r);
        }
    }

    @Test
    void writingNeedsEngineerAccessAndADryRunWritesNothing() throws Exception {
        CalibrationRequest user = new CalibrationRequest(Map.of(), AccessLevel.USER, true, FAST, dir.resolve("data"), null);
        CalibrationResult locked = service.run(service.procedure("current-zero").orElseThrow(), session, user, null);
        assertEquals(Outcome.REFUSED, locked.outcome());
        assertTrue(locked.summary().english().startsWith("Calibration needs engineer access"), locked.summary().english());
        assertNothingWritten(locked);

        CalibrationResult dry = service.run(service.procedure("current-zero").orElseThrow(), session,
                user.withWrite(false), null);
        assertEquals(Outcome.DRY_RUN, dry.outcome(), dry.summary().english());
        assertEquals(SENSOR_OFFSET_AMPS, dry.measurement("current").orElseThrow().before(), 0.051);
        assertNothingWritten(dry);
    }

    @Test
    void aVerificationThatFailsRestoresThePreviousCalibration() throws Exception {
        bms.battery.setCurrentDemand(30);
        Thread.sleep(500);
        double meter = bms.battery.snapshot().trueAmps();
        // the charger is switched off right after the device calibrated, before the verification
        CalibrationResult result = run("current", Map.of("reference", String.valueOf(meter)), (stage, message) -> {
            if (stage == Stage.VERIFYING) {
                bms.battery.setCurrentDemand(0);
            }
        });

        assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.summary().english());
        assertTrue(result.summary().english().startsWith("The charging current did not stay steady during the verification"),
                result.summary().english());
        assertEquals(82, bms.values().get("C_Gain"), 1e-9, "the gain parameter is back");
        assertEquals(1.0, bms.battery.snapshot().currentCalibrationGain(), 1e-9, "and so is the device's calibration");
        assertEquals(82.0, result.parameter("C_Gain").orElseThrow().after(), 1e-9, "read back after the restore");
        assertEquals(Outcome.ROLLED_BACK, service.reports(dir.resolve("data")).get(0).outcome(), "the report is saved");
    }

    @Test
    void aRefusedCalibrationWriteLeavesTheDeviceAsBefore() throws Exception {
        bms.battery.setCurrentDemand(30);
        Thread.sleep(500);
        bms.refuseWritesAt = address -> address == 8209;
        CalibrationResult result = run("current", Map.of("reference", "30"), null);

        assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.summary().english());
        assertTrue(result.summary().english().startsWith("The real-current calibration write failed"), result.summary().english());
        assertEquals(1.0, bms.battery.snapshot().currentCalibrationGain(), 1e-9);
        assertEquals(82, bms.values().get("C_Gain"), 1e-9);
    }

    @Test
    void aDeviceThatStopsAnsweringDuringTheVerificationIsReportedWithItsBackup() throws Exception {
        bms.battery.setCurrentDemand(0);
        Thread.sleep(300);
        CalibrationResult result = run("current-zero", Map.of(), (stage, message) -> {
            if (stage == Stage.VERIFYING) {
                bms.silent = true;
            }
        });

        assertEquals(Outcome.FAILED, result.outcome(), result.summary().english());
        assertTrue(result.summary().english().contains("restoring failed too"), result.summary().english());
        assertTrue(result.summary().english().contains(result.backupFile().toString()), "names the backup");
        assertEquals(Outcome.FAILED, service.reports(dir.resolve("data")).get(0).outcome(), "the report is saved");

        // the device answers again: the backup restores it through the schema engine
        bms.silent = false;
        var backup = ParameterFiles.read(bms.schema, result.backupFile()).file().values();
        var restored = Parameters.write(session, backup, "", dir.resolve("data"));
        assertTrue(restored.succeeded(), restored.summary().english());
        assertEquals(16380, bms.values().get("C_Offset"), 1e-9);
        assertEquals(0, bms.battery.snapshot().currentCalibrationOffsetAmps(), 1e-9);
    }

    /** No write reached the device, the calibration and its parameters are as they were, nothing was saved. */
    private void assertNothingWritten(CalibrationResult result) throws Exception {
        assertTrue(result.outcome().nothingWritten(), result.outcome().name());
        assertEquals(0, bms.writes.get(), "write requests that reached the device");
        assertEquals(1.0, bms.battery.snapshot().currentCalibrationGain(), 1e-12);
        assertEquals(0.0, bms.battery.snapshot().currentCalibrationOffsetAmps(), 1e-12);
        var read = session.parameters().read(List.of("C_Gain", "C_Offset"));
        assertEquals(82, read.get("C_Gain").value(), 1e-9, "C_Gain read back over the wire");
        assertEquals(16380, read.get("C_Offset").value(), 1e-9, "C_Offset read back over the wire");
        assertNull(result.backupFile(), "no backup needed");
        assertNull(result.reportFile(), "no report for a run that wrote nothing");
        assertFalse(Files.exists(dir.resolve("data").resolve("calibration")), "no report folder");
    }
}
