package org.bmsw.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.cli.internal.CliHarness.Result;
import org.bmsw.core.internal.TestCore;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bmsw calibrate} through the program's own command runner, in-process, against a simulated Smart BMS on a
 * socat pty opened by the real serial transport and connection service: what it prints, its exit codes, and that a
 * refusal writes nothing.
 */
class CalibrateCommandTest {

    @TempDir
    Path dir;

    private SimulatedDevice bms;
    private TestCore core;
    private CliHarness cli;
    private String port;

    @BeforeEach
    void start() throws Exception {
        bms = SimulatedDevice.smartBms(dir, PackConfig.smartBms(16).seed(5).currentSensor(1.03, 0.6).build());
        core = new TestCore(new SerialTransport(), bms.profile);
        cli = new CliHarness(core.connections, core.transports, core.profiles, dir.resolve("data"), new CalibrateCommand(CalibrationServiceImpl.withStandardProcedures()));
        port = bms.hostPort().toString();
    }

    @AfterEach
    void stop() throws Exception {
        core.close();
        bms.close();
    }

    private Result calibrate(String... args) {
        String[] all = new String[args.length + 7];
        all[0] = "calibrate";
        System.arraycopy(args, 0, all, 1, args.length);
        String[] fast = {"--port", port, "--stable-for", "1", "--wait", "3"};
        System.arraycopy(fast, 0, all, args.length + 1, fast.length);
        return cli.run(all);
    }

    @Test
    void listsWhatTheDeviceOffers() {
        Result list = cli.run("calibrate", "list", "--port", port);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().startsWith("SMARTBMS-V4 @1 (fw 35-7-3): 4 calibration(s)"), list.out());
        for (String id : new String[] {"current-zero ", "current ", "temperature ", "voltage "}) {
            assertTrue(list.out().contains("\n  " + id), id + " in\n" + list.out());
        }
        assertTrue(list.out().contains("C_Gain,C_Offset"), list.out());

        Result json = cli.run("calibrate", "list", "--port", port, "--json", "--lang", "zh");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"title\" : \"实际电流校准\""), json.out());
    }

    @Test
    void withoutYesOrEngineerNothingIsWritten() {
        Result noYes = calibrate("current-zero", "--engineer");
        assertEquals(3, noYes.code(), noYes.err());
        assertTrue(noYes.out().startsWith("DRY_RUN: Dry run: the device would take its present reading (0.6 A) as 0 A"),
                noYes.out());
        assertTrue(noYes.err().contains("calibrate current-zero: refused: checked only, nothing written: add --yes"),
                noYes.err());

        Result noEngineer = calibrate("current-zero", "--yes");
        assertEquals(3, noEngineer.code());
        assertTrue(noEngineer.err().contains("refused: Calibration needs engineer access"), noEngineer.err());

        Result dry = calibrate("current-zero", "--dry-run", "--json");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("\"outcome\" : \"DRY_RUN\""), dry.out());

        assertEquals(0, bms.writes.get(), "no write reached the device");
        assertFalse(Files.exists(dir.resolve("data/calibration")), "no report");
    }

    @Test
    void refusedWhenNotChargingWithTheReasonOnStandardError() {
        Result run = calibrate("current", "--reference", "-30", "--convention", "manual", "--engineer", "--yes");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("-30 A entered with charging negative (−), as the Smart BMS manual enters it "
                + "= 30.0 A charging"), run.err());
        assertTrue(run.err().contains("calibrate current: refused: Not charging steadily: the current was 0.6 A (at rest)"),
                run.err());
        assertEquals(0, bms.writes.get());
    }

    @Test
    void calibratesZeroThenRealCurrentAndListsTheReports() throws Exception {
        Result zero = calibrate("current-zero", "--engineer", "--yes");
        assertEquals(0, zero.code(), zero.err());
        assertTrue(zero.out().startsWith("CALIBRATED: Zero calibrated: the reading at rest went from 0.6 A to 0.0 A"), zero.out());
        assertTrue(zero.err().contains("1. Disconnect the charger and every load"), "the steps first: " + zero.err());
        assertTrue(zero.out().contains("C_Offset   16380"), zero.out());

        bms.battery.setCurrentDemand(25);
        Thread.sleep(500);
        Result gain = calibrate("current", "--reference", "-25", "--convention", "manual", "--engineer", "--yes");
        assertEquals(0, gain.code(), gain.err());
        assertTrue(gain.out().matches("(?s)CALIBRATED: Real current calibrated at 25\\.0 A: error \\+0\\.[78]0 A before, "
                + "\\+0\\.00 A after \\(allowed ±0\\.25 A\\).*"), gain.out());
        assertEquals(25, session().readTelemetry().pack().current(), 0.051);

        Result reports = cli.run("calibrate", "reports");
        assertEquals(0, reports.code(), reports.err());
        assertTrue(reports.out().startsWith("2 report(s) in " + dir.resolve("data/calibration")), reports.out());
        assertTrue(reports.out().matches("(?s).*\n  1 .*Real current .*CALIBRATED.*\n  2 .*Current zero .*CALIBRATED.*"),
                reports.out());
        Result show = cli.run("calibrate", "reports", "--show", "1");
        assertTrue(show.out().startsWith("BMS Workbench calibration report"), show.out());
        assertTrue(show.out().contains("Inputs:     reference = -25, convention = manual"), show.out());
        JsonNode json = new ObjectMapper().readTree(cli.run("calibrate", "reports", "--json").out());
        assertEquals(2, json.size());
        assertEquals("current", json.get(0).path("procedure").asText());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, cli.run("calibrate", "temperature", "--port", port).code(), "--probe is required");
        assertEquals(2, calibrate("current-zero", "--stable-for", "0").code());
        Result point = calibrate("voltage", "--point", "Vol11=3000");
        assertEquals(2, point.code());
        assertTrue(point.err().contains("the points are Vol0 .. Vol10"), point.err());
        assertEquals(2, cli.run("calibrate").code(), "a subcommand is needed");
        assertEquals(0, bms.writes.get());
    }

    private org.bmsw.device.api.DeviceSession session() throws Exception {
        return bms.connect();
    }
}
