package org.bmsw.workbench.calibration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.bmsw.calibration.CalibrationTiming;
import org.bmsw.calibration.internal.CalibrationServiceImpl;
import org.bmsw.core.internal.CoreFixture;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.internal.SimulatedBms;
import org.bmsw.workbench.internal.WindowHarness;
import org.bmsw.workbench.ui.StateLamp;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Calibration page in the real window on Xvfb, against a simulated Smart BMS (sensor with a gain and an offset
 * error) behind a real socat pty pair, driven as a user would: the device's calibrations listed, a refusal that
 * writes nothing, the engineer lock, current zero and real current with the manual's sign, confirmation, results
 * before and after, the reports, Chinese. The UI thread stays free while a calibration runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalibrationPageTest {

    @TempDir
    static Path dir;

    private SimulatedBms bms;
    private CoreFixture core;
    private WindowHarness harness;
    private CalibrationPage page;
    private Shell shell;

    @BeforeAll
    void start() throws Exception {
        bms = SimulatedBms.smartBms(dir, 16, 9);
        bms.battery.setCurrentSensorError(1.03, 0.7);
        core = new CoreFixture(200, new SerialTransport(), bms.profile);
        harness = new WindowHarness(core, dir.resolve("data"), Map.of());
        page = new CalibrationPage(harness.controller, core.live, CalibrationServiceImpl.withStandardProcedures());
        page.timing(new CalibrationTiming(Duration.ofMillis(1200), Duration.ofSeconds(4), Duration.ofMillis(100)));
        harness.addPage(page, 400);
        shell = harness.mainShell();
        harness.run(() -> {
            Combo port = WindowHarness.find(shell, "bmsw.field", "port");
            port.setText("serial:" + bms.hostPort());
            Button connect = WindowHarness.find(shell, "bmsw.field", "connect");
            connect.notifyListeners(SWT.Selection, new Event());
        });
        harness.await("the device connected", 10_000, () -> harness.controller.session().isPresent());
        harness.run(() -> harness.showPage("calibration"));
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (core != null) {
            core.close();
        }
        if (bms != null) {
            bms.close();
        }
    }

    @Test
    @Order(1)
    void listsTheSmartBmsCalibrationsWithLiveReadings() throws Exception {
        harness.await("the procedures", 5_000, () -> this.<List>named("procedures").getItemCount() == 4);
        assertEquals("Current zero", harness.ui(() -> this.<List>named("procedures").getItem(0)));
        assertEquals("Real current", harness.ui(() -> this.<List>named("procedures").getItem(1)));
        assertEquals("Current zero", harness.ui(() -> this.<Label>named("title").getText()));
        assertTrue(harness.ui(() -> this.<Label>named("steps").getText()).startsWith("1. Disconnect the charger"));
        harness.await("the live current", 5_000, () -> this.<ValueList>named("live").text("current").startsWith("+0.7 A"));
        assertTrue(harness.ui(() -> this.<ValueList>named("live").text("temperatures")).contains("T01"));
    }

    @Test
    @Order(2)
    void withoutEngineerModeOnlyCheckingIsPossibleAndARefusalWritesNothing() throws Exception {
        assertFalse(harness.ui(() -> this.<Button>named("calibrate").getEnabled()), "Calibrate needs Engineer mode");
        assertTrue(harness.ui(() -> this.<Label>named("engineer").getText()).startsWith("Engineer mode is off"));

        bms.battery.setCurrentDemand(-15);
        Thread.sleep(400);
        press("check");
        long slowest = 0;
        while (!harness.ui(() -> resultLamp().text()).startsWith("Refused")) {
            long t0 = System.nanoTime();
            harness.ui(() -> null);
            slowest = Math.max(slowest, System.nanoTime() - t0);
            Thread.sleep(50);
            assertTrue(slowest < 2_000_000_000L, "stuck");
        }
        assertTrue(slowest < 500_000_000L, "the UI thread answered within " + slowest / 1_000_000 + " ms while the device was read");
        assertEquals("Refused, nothing written", harness.ui(() -> resultLamp().text()));
        assertTrue(harness.ui(() -> this.<Label>named("result.summary").getText()).startsWith("Not at rest: the current reached -1"));
        assertEquals(16380, bms.device.ramValues().get("C_Offset"), 1e-9);
        assertEquals(0, bms.battery.snapshot().currentCalibrationOffsetAmps(), 1e-12);
        assertEquals(0, harness.ui(() -> this.<Table>named("reports.table").getItemCount()), "no report for a refusal");

        press("check");
        harness.await("Cancel enabled while waiting", 3_000, () -> this.<Button>named("cancel").getEnabled());
        assertFalse(harness.ui(() -> this.<Button>named("check").getEnabled()), "one run at a time");
        press("cancel");
        awaitOutcome("Cancelled, nothing written");
        assertTrue(harness.ui(() -> this.<Button>named("check").getEnabled()));
    }

    @Test
    @Order(3)
    void currentZeroIsConfirmedWrittenAndVerified() throws Exception {
        harness.run(() -> harness.controller.setUnlocked(AccessLevel.ENGINEER));
        harness.await("Calibrate enabled", 3_000, () -> this.<Button>named("calibrate").getEnabled());
        bms.battery.setCurrentDemand(0);
        Thread.sleep(800);

        press("calibrate");
        harness.await("the confirmation", 10_000, () -> named("confirm").isVisible());
        String question = harness.ui(() -> this.<Label>named("confirm.text").getText());
        assertTrue(question.startsWith("Dry run: the device would take its present reading (0.7 A) as 0 A"), question);
        assertTrue(question.contains("The parameters C_Gain, C_Offset are backed up first"), question);
        assertEquals(16380, bms.device.ramValues().get("C_Offset"), 1e-9, "nothing written before the confirmation");

        press("confirm");
        awaitOutcome("Calibrated");
        Table readings = harness.ui(() -> named("result.readings"));
        assertEquals("0.70", harness.ui(() -> readings.getItem(0).getText(2)), "before");
        assertEquals("0.00", harness.ui(() -> readings.getItem(0).getText(4)), "after");
        assertEquals("±0.25", harness.ui(() -> readings.getItem(0).getText(6)));
        assertEquals(16450, bms.device.ramValues().get("C_Offset"), 1e-9);
        harness.await("the report listed", 5_000, () -> this.<Table>named("reports.table").getItemCount() == 1);
    }

    @Test
    @Order(4)
    void realCurrentShowsTheManualsSignAndCalibrates() throws Exception {
        harness.run(() -> {
            List procedures = named("procedures");
            procedures.select(1);
            procedures.notifyListeners(SWT.Selection, new Event());
        });
        assertTrue(harness.ui(() -> named("sign.preview").isVisible()), "the sign box is shown for a current");
        harness.run(() -> {
            this.<Text>named("input.reference").setText("-30");
            Button natural = named("sign.natural");
            Button manual = named("sign.manual");
            natural.setSelection(false);
            manual.setSelection(true);
            manual.notifyListeners(SWT.Selection, new Event());
        });
        assertEquals("= -30 A entered with charging negative (−), as the Smart BMS manual enters it = 30.0 A charging",
                harness.ui(() -> this.<Label>named("sign.preview").getText()));

        bms.battery.setCurrentDemand(30);
        Thread.sleep(800);
        press("calibrate");
        harness.await("the confirmation", 10_000, () -> named("confirm").isVisible());
        press("confirm");
        awaitOutcome("Calibrated");
        Table readings = harness.ui(() -> named("result.readings"));
        assertEquals("30.00", harness.ui(() -> readings.getItem(0).getText(1)), "the reference in this program's sign");
        assertEquals("+0.90", harness.ui(() -> readings.getItem(0).getText(3)), "3 % gain error before");
        double error = Math.abs(harness.controller.session().orElseThrow().readTelemetry().pack().current()
                - bms.battery.snapshot().trueAmps());
        assertTrue(error <= 0.25, "reading error now " + error);
        harness.await("both reports listed", 5_000, () -> this.<Table>named("reports.table").getItemCount() == 2);
    }

    @Test
    @Order(5)
    void aReportOpensAndThePageSpeaksChinese() throws Exception {
        harness.run(() -> {
            Table table = named("reports.table");
            table.select(0);
            table.notifyListeners(SWT.Selection, new Event());
        });
        harness.await("the report text", 5_000, () -> this.<Text>named("reports.text").getText()
                .startsWith("BMS Workbench calibration report"));
        assertTrue(harness.ui(() -> this.<Text>named("reports.text").getText()).contains("Real current (current)"));

        harness.run(() -> {
            Button chinese = WindowHarness.find(shell, "bmsw.field", "language.zh");
            chinese.notifyListeners(SWT.Selection, new Event());
        });
        harness.await("Chinese", 5_000, () -> resultLamp().text().equals("已校准"));
        assertEquals("实际电流校准", harness.ui(() -> this.<Label>named("title").getText()));
        assertTrue(harness.ui(() -> this.<Label>named("sign.preview").getText()).contains("充电 30.0 A"));
        String tab = harness.ui(() -> {
            for (CTabItem item : harness.tabs().getItems()) {
                if (item.getData() == page) {
                    return item.getText();
                }
            }
            return null;
        });
        assertEquals("校准", tab);
    }

    /** Waits for the result lamp to say {@code outcome}; fails with what the page shows. */
    private void awaitOutcome(String outcome) throws InterruptedException {
        try {
            harness.await(outcome, 15_000, () -> resultLamp().text().equals(outcome));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page shows " + harness.ui(() -> resultLamp().text() + ": "
                    + this.<Label>named("result.summary").getText() + " / " + this.<Label>named("state").getText()), e);
        }
    }

    private StateLamp resultLamp() {
        return named("result.outcome");
    }

    private void press(String action) {
        harness.run(() -> this.<Button>named(action).notifyListeners(SWT.Selection, new Event()));
    }

    /** UI thread. */
    private <W extends Control> W named(String name) {
        W w = WindowHarness.find(shell, CalibrationPage.NAME, name);
        assertNotNull(w, "no control " + name);
        return w;
    }
}
