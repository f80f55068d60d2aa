package org.bmsw.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameter-table calibrations: the Smart BMS's voltage table Vol0–Vol10 and the JDI's SOC, each offered only
 * where the device has it, written through the safe batch write (JDI: Calibration, then Flash) and verified.
 */
class VoltageTableAndSocTest {

    @TempDir
    Path dir;

    private final CalibrationServiceImpl service = CalibrationServiceImpl.withStandardProcedures();

    private CalibrationResult run(DeviceSession session, String procedure, Map<String, String> inputs) {
        CalibrationRequest request = new CalibrationRequest(inputs, AccessLevel.ENGINEER, true,
                CurrentCalibrationTest.FAST, dir.resolve("data"), Locale.ENGLISH);
        return service.run(service.procedure(procedure).orElseThrow(), session, request, null);
    }

    @Test
    void theSmartBmsVoltageTableIsWrittenFromThePresetAndPointsAndMustRise() throws Exception {
        try (SimulatedDevice bms = SimulatedDevice.smartBms(dir, PackConfig.smartBms(16).chemistry(Chemistry.LFP)
                .initialSoc(0.5).seed(2).build())) {
            DeviceSession session = bms.connect();
            assertEquals(List.of("current-zero", "current", "temperature", "voltage"),
                    service.proceduresFor(session).stream().map(CalibrationProcedure::id).toList(),
                    "what a Smart BMS offers");

            CalibrationResult falling = run(session, "voltage", Map.of("Vol5", "3100"));
            assertEquals(Outcome.REFUSED, falling.outcome());
            assertTrue(falling.summary().english().startsWith("The table must rise: Vol5 (3100 mV) is not above Vol4"),
                    falling.summary().english());
            assertEquals(0, bms.writes.get(), "nothing written");

            CalibrationResult written = run(session, "voltage", Map.of("preset", "lfp", "Vol10", "3500"));
            assertEquals(Outcome.CALIBRATED, written.outcome(), written.summary().english());
            double[] lfp = OcvTableProcedure.LFP;
            for (int i = 0; i < 10; i++) {
                assertEquals(lfp[i], bms.values().get("Vol" + i), 1e-9, "Vol" + i + " from the manual's LFP table");
                assertEquals(lfp[i], written.parameter("Vol" + i).orElseThrow().after(), 1e-9, "read back");
            }
            assertEquals(3500, bms.values().get("Vol10"), 1e-9, "the point given on top of the preset");
            var soc = written.measurement("soc.table").orElseThrow();
            assertTrue(soc.before() > 0 && soc.before() < 100 && soc.after() > 0 && soc.after() < 100,
                    "the SOC the old and the new table give: " + soc.before() + " / " + soc.after());
            assertEquals(Outcome.CALIBRATED, service.reports(dir.resolve("data")).get(0).outcome());

            CalibrationResult again = run(session, "voltage", Map.of("preset", "lfp", "Vol10", "3500"));
            assertTrue(again.summary().english().startsWith("The device already holds this table"), again.summary().english());
        }
    }

    @Test
    void theJdiSocIsSetThenFlashedAndVerified() throws Exception {
        try (SimulatedDevice jdi = SimulatedDevice.jdi(dir, PackConfig.jdi(16).chemistry(Chemistry.LFP).capacityAh(100)
                .initialSoc(0.7).seed(1).build())) {
            DeviceSession session = jdi.connect();
            assertEquals(List.of("soc"), service.proceduresFor(session).stream().map(CalibrationProcedure::id).toList(),
                    "a JDI has no current calibration registers, no temperature offsets and no voltage table");
            double before = session.readTelemetry().pack().socPercent();
            assertEquals(70, before, 1.5);

            CalibrationResult refused = run(session, "soc", Map.of("soc", "80.5"));
            assertEquals(Outcome.REFUSED, refused.outcome());
            assertEquals(0, jdi.writes.get());

            CalibrationResult result = run(session, "soc", Map.of("soc", "85"));
            assertEquals(Outcome.CALIBRATED, result.outcome(), result.summary().english());
            assertEquals(85, session.readTelemetry().pack().socPercent(), 1.0);
            assertEquals(85, result.measurement("soc").orElseThrow().after(), 1.0);
            assertEquals(before, result.measurement("soc").orElseThrow().before(), 0.5);
            assertTrue(jdi.device.unflashedKeys().isEmpty(), "flashed, as the manual's Calibration then Flash");
        }
    }
}
