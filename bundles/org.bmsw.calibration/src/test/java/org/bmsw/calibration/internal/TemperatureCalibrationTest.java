package org.bmsw.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.ProbeState;
import org.bmsw.simulator.battery.SimulatorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temperature offsets of a simulated Smart BMS whose probes read off by a few degrees: TempOffset1–3 corrected to a
 * reference thermometer through the safe batch write, a refused write rolled back, bad references refused.
 */
class TemperatureCalibrationTest {

    @TempDir
    Path dir;

    private SimulatedDevice bms;
    private DeviceSession session;
    private final CalibrationServiceImpl service = CalibrationServiceImpl.withStandardProcedures();

    @BeforeEach
    void start() throws Exception {
        bms = SimulatedDevice.smartBms(dir, PackConfig.smartBms(16).seed(3).probeSpreadCelsius(2.5).build());
        session = bms.connect();
    }

    @AfterEach
    void stop() throws Exception {
        bms.close();
    }

    private CalibrationResult run(Map<String, String> inputs) {
        CalibrationRequest request = new CalibrationRequest(inputs, AccessLevel.ENGINEER, true,
                CurrentCalibrationTest.FAST, dir.resolve("data"), Locale.ENGLISH);
        return service.run(service.procedure("temperature").orElseThrow(), session, request, null);
    }

    /** What a thermometer with a 0.1 °C display on probe {@code index} shows: the cells it sits on. */
    private double thermometer(int index) {
        SimulatorState state = bms.battery.snapshot();
        ProbeState probe = state.probes().get(index - 1);
        double sum = 0;
        for (int c = probe.firstCell(); c <= probe.lastCell(); c++) {
            sum += state.cells().get(c - 1).celsius();
        }
        return Math.round(sum / (probe.lastCell() - probe.firstCell() + 1) * 10) / 10.0;
    }

    private double reading(int index) {
        return bms.battery.snapshot().probes().get(index - 1).celsius();
    }

    @Test
    void theOffsetsBringEveryProbeToItsThermometer() throws Exception {
        Map<String, String> references = new LinkedHashMap<>();
        double worstBefore = 0;
        for (int probe = 1; probe <= 3; probe++) {
            references.put("T" + probe, String.valueOf(thermometer(probe)));
            worstBefore = Math.max(worstBefore, Math.abs(reading(probe) - thermometer(probe)));
        }
        assertTrue(worstBefore > 1, "the probes are off before: " + worstBefore);
        double t4 = reading(4);

        CalibrationResult result = run(references);

        assertEquals(Outcome.CALIBRATED, result.outcome(), result.summary().english());
        StringBuilder figures = new StringBuilder("temperature error before / after:");
        for (int probe = 1; probe <= 3; probe++) {
            var m = result.measurement("T" + probe).orElseThrow();
            figures.append(String.format(Locale.ROOT, " T%d %+.2f / %+.2f °C;", probe, m.errorBefore(), m.errorAfter()));
            assertTrue(Math.abs(m.errorAfter()) <= TemperatureProcedure.TOLERANCE_CELSIUS, "T" + probe + " after: " + m.errorAfter());
            double live = session.readTelemetry().temperatures().get(probe - 1).celsius();
            assertEquals(thermometer(probe), live, 0.11, "T" + probe + " on the wire now");
            double expected = 400 + Math.round((thermometer(probe) - m.before()) / 0.1);
            assertEquals(expected, bms.values().get("TempOffset" + probe), 1.0, "TempOffset" + probe);
            assertEquals(expected, result.parameter("TempOffset" + probe).orElseThrow().after(), 1.0);
        }
        System.out.println(figures);
        assertEquals(t4, reading(4), 0.05, "T04 has no offset parameter and stays as it was");
        assertTrue(result.backupFile().toString().contains("backups"), "the schema engine backed up first");
        assertEquals(Outcome.CALIBRATED, service.reports(dir.resolve("data")).get(0).outcome());
    }

    @Test
    void aWriteTheDeviceRefusesMidwayIsRolledBack() throws Exception {
        double before2 = reading(2);
        bms.refuseWritesAt = address -> address == 0x1203; // TempOffset2
        CalibrationResult result = run(Map.of("T1", String.valueOf(thermometer(1)), "T2", String.valueOf(thermometer(2)),
                "T3", String.valueOf(thermometer(3))));

        assertEquals(Outcome.ROLLED_BACK, result.outcome(), result.summary().english());
        assertTrue(result.summary().english().contains("the old values were restored and verified"), result.summary().english());
        for (int probe = 1; probe <= 3; probe++) {
            assertEquals(400, bms.values().get("TempOffset" + probe), 1e-9, "TempOffset" + probe + " restored");
        }
        assertEquals(before2, reading(2), 0.05);
        assertTrue(bms.writes.get() >= 3, "TempOffset1 was written, TempOffset2 refused, TempOffset1 restored");
        assertEquals(Outcome.ROLLED_BACK, service.reports(dir.resolve("data")).get(0).outcome());
    }

    @Test
    void implausibleReferencesAreRefusedAndNothingIsWritten() throws Exception {
        CalibrationResult farOff = run(Map.of("T1", "60"));
        assertEquals(Outcome.REFUSED, farOff.outcome());
        assertTrue(farOff.summary().english().contains("a probe that far off is faulty or the thermometer is not on it"),
                farOff.summary().english());

        CalibrationResult noParameter = run(Map.of("T5", "25"));
        assertEquals(Outcome.REFUSED, noParameter.outcome());
        assertTrue(noParameter.summary().english().startsWith("Probe T5 has no offset parameter on this device (it has "
                + "T01, T02, T03)"), noParameter.summary().english());

        CalibrationResult nothing = run(Map.of());
        assertTrue(nothing.summary().english().startsWith("Enter the reference temperature of at least one probe"));
        CalibrationResult text = run(Map.of("T2", "warm"));
        assertTrue(text.summary().english().contains("is not a temperature"), text.summary().english());

        for (CalibrationResult r : List.of(farOff, noParameter, nothing, text)) {
            assertEquals(Outcome.REFUSED, r.outcome());
            assertNull(r.reportFile());
        }
        assertEquals(0, bms.writes.get(), "no write reached the device");
        for (int probe = 1; probe <= 3; probe++) {
            assertEquals(400, session.parameters().read(List.of("TempOffset" + probe)).get("TempOffset" + probe).value(), 1e-9);
        }
    }
}
