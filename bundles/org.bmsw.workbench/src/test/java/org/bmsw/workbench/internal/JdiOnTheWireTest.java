package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.simulator.battery.CellState;
import org.bmsw.simulator.battery.ProbeState;
import org.bmsw.simulator.battery.Relay;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.internal.pages.OverviewPage;
import org.bmsw.workbench.ui.Chips;
import org.bmsw.workbench.ui.FlagLamps;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDI BI5148 with one BMU (64 cells) behind a real pty: the window connects by itself (the remembered port),
 * the Cells page groups the cascade by module with the device's insulation, supply voltages, relays and
 * inputs, and a parameter goes through the manual's Calibration (RAM) then Flash, the unflashed change shown
 * in between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdiOnTheWireTest {

    @TempDir
    static Path dir;

    private SimulatedBms bms;
    private CoreFixture core;
    private WindowHarness harness;

    @BeforeAll
    void start() throws Exception {
        bms = SimulatedBms.jdi(dir, 64, 48, 16);
        bms.battery.runSeconds(3);
        bms.battery.setCurrentDemand(-42.5);
        bms.battery.runSeconds(60);
        bms.battery.setRelay(Relay.RL6, true);
        core = new CoreFixture(300, new SerialTransport(), bms.profile);
        // the remembered adapter is gone: the window falls back to the default port by itself
        harness = new WindowHarness(core, dir.resolve("data"), Map.of("port", "serial:" + dir.resolve("unplugged-adapter"),
                "defaultPort", "serial:" + bms.hostPort(), "autoConnect", true));
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
    void theCellsPageGroupsTheCascadeByModuleWithTheDevicesOwnMeasurements() throws Exception {
        harness.await("connected by itself to the default port", 15_000, () -> harness.controller.session().isPresent());
        harness.run(() -> harness.showPage("cells"));
        Tree cells = harness.ui(() -> field("cells.table"));
        harness.await("the cascade listed", 10_000, () -> cells.getItemCount() == 2);
        bms.running(false);
        SimulatorState state = bms.battery.snapshot();
        Thread.sleep(900);
        harness.await("the frozen state listed", 3_000, () -> {
            TreeItem first = cells.getItem(0).getItem(0);
            return Math.abs(Double.parseDouble(first.getText(1)) - state.cells().get(0).volts() * 1000) <= 1;
        });
        assertEquals(List.of(48, 16), harness.ui(() -> Stream.of(cells.getItems()).map(TreeItem::getItemCount).toList()),
                "the BIU's 48 cells, then the BMU's 16");
        assertEquals("Main board (BIU)", harness.ui(() -> cells.getItem(0).getText(0)));
        assertEquals("Module 1 (BMU)", harness.ui(() -> cells.getItem(1).getText(0)));
        for (CellState cell : state.cells()) {
            TreeItem row = harness.ui(() -> cells.getItem(cell.module()).getItem(cell.module() == 0 ? cell.index() - 1
                    : cell.index() - 49));
            assertEquals(String.format("B%02d", cell.index()), harness.ui(() -> row.getText(0)));
            assertEquals(cell.volts() * 1000, Double.parseDouble(harness.ui(() -> row.getText(1))), 1.0, "cell " + cell.index());
            assertEquals(cell.balancing(), !harness.ui(() -> row.getText(3)).isEmpty(), "balancing of " + cell.index());
        }

        Tree probes = harness.ui(() -> field("probes.table"));
        List<String> probeTexts = harness.ui(() -> Stream.of(probes.getItems()).flatMap(m -> Stream.of(m.getItems()))
                .map(i -> i.getText(1)).toList());
        assertEquals(state.probes().size(), probeTexts.size(), "4 NTC per 16 cells");
        for (ProbeState probe : state.probes()) {
            assertEquals(probe.celsius(), Double.parseDouble(probeTexts.get(probe.index() - 1).replace(" °C", "")), 0.51,
                    "probe " + probe.index());
        }

        Map<String, String> quantities = harness.ui(() -> {
            Tree table = field("quantities.table");
            java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
            for (TreeItem item : table.getItems()) {
                rows.put(item.getText(0), item.getText(1));
            }
            return rows;
        });
        assertTrue(quantities.keySet().containsAll(List.of("Insulation resistance HV+", "Insulation resistance HV−",
                "KeyOn voltage", "Wake-up voltage", "VCC")), quantities.toString());
        assertEquals(state.insulationPositiveKOhm(), number(quantities.get("Insulation resistance HV+")), 1.0);
        assertEquals(state.keyOnVolts(), number(quantities.get("KeyOn voltage")), 0.11);
        assertEquals(state.vccVolts(), number(quantities.get("VCC")), 0.11);

        List<Chips.Chip> io = harness.ui(() -> this.<Chips>field("io").chips());
        Chips.Chip rl6 = io.stream().filter(c -> c.label().equals("RL6")).findFirst().orElseThrow();
        assertEquals(FlagLamps.colour(FlagLamps.Kind.STATE, 1), rl6.colour(), "RL6 closed shows lit");
        assertTrue(io.stream().anyMatch(c -> c.label().equals("RL1")), "every relay is listed: " + io);
        bms.running(true);
    }

    @Test
    @Order(2)
    void aParameterGoesToRamWithCalibrationAndSurvivesARestartOnlyAfterFlash() throws Exception {
        harness.run(() -> harness.showPage("parameters"));
        harness.await("parameters read", 10_000, () -> deviceColumn("COVDelay").matches("\\d+"));
        assertEquals("Calibration (to RAM)...", harness.ui(() -> this.<Button>action(harness.window.shell(), "write").getText()));
        assertTrue(harness.ui(() -> this.<Button>action(harness.window.shell(), "flash").getVisible()), "Flash offered");
        double flashed = bms.device.flashedValues().get("COVDelay");
        double wanted = flashed == 7 ? 8 : 7;

        harness.run(() -> harness.parameters.enterValue("COVDelay", Integer.toString((int) wanted)));
        harness.run(() -> press(harness.window.shell(), "write"));
        Shell confirm = awaitDialog("write");
        assertEquals("Calibration (to RAM)...", harness.ui(() -> this.<Button>action(confirm, "write").getText()));
        harness.run(() -> press(confirm, "write"));
        Shell report = awaitDialog("outcome");
        assertEquals("Written and verified", harness.ui(() -> this.<Label>action(report, "outcome").getText()));
        harness.run(() -> press(report, "close"));

        assertEquals(wanted, bms.device.ramValues().get("COVDelay"), 1e-9, "the BMS works with the RAM value at once");
        assertEquals(Set.of("COVDelay"), bms.device.unflashedKeys());
        assertEquals(flashed, bms.device.flashedValues().get("COVDelay"), 1e-9, "not in flash yet");
        harness.await("the unflashed change shown", 5_000, () -> this.<Label>action(harness.window.shell(), "unflashed")
                .getText().startsWith("1 changes not flashed") && row("COVDelay").getBackground(2).equals(Palette.UNFLASHED));

        harness.later(() -> press(harness.window.shell(), "flash")); // asks in a modal dialog
        Shell ask = awaitDialog("yes");
        harness.run(() -> press(ask, "yes"));
        harness.await("flashed", 5_000, () -> bms.device.unflashedKeys().isEmpty()
                && this.<Label>action(harness.window.shell(), "unflashed").getText().isEmpty());
        assertEquals(wanted, bms.device.flashedValues().get("COVDelay"), 1e-9, "in flash now");
        bms.device.restart();
        assertEquals(wanted, bms.device.ramValues().get("COVDelay"), 1e-9, "and after a restart");
    }

    // ------------------------------------------------------------------ helpers (UI thread)

    private <W extends Control> W field(String name) {
        W w = WindowHarness.find(harness.window.shell(), OverviewPage.FIELD, name);
        assertNotNull(w, "no field " + name);
        return w;
    }

    private <W extends Control> W action(Control root, String name) {
        W w = WindowHarness.find(root, "bmsw.action", name);
        assertNotNull(w, "no action " + name);
        return w;
    }

    private void press(Control root, String name) {
        action(root, name).notifyListeners(SWT.Selection, null);
    }

    private TableItem row(String key) {
        for (String group : List.of("PROTECT")) {
            Table table = action(harness.window.shell(), "group." + group);
            for (TableItem item : table.getItems()) {
                if (key.equals(item.getData())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no row " + key);
    }

    private String deviceColumn(String key) {
        return row(key).getText(5);
    }

    private static double number(String text) {
        var m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(text);
        assertTrue(m.find(), "no number in '" + text + "'");
        return Double.parseDouble(m.group());
    }

    private Shell awaitDialog(String action) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Shell found = harness.ui(() -> harness.dialogs().stream()
                    .filter(s -> WindowHarness.find(s, "bmsw.action", action) != null).findFirst().orElse(null));
            if (found != null) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no dialog with " + action + "; open: " + harness.ui(() -> harness.dialogs().stream()
                .map(Shell::getText).toList()) + "; problems: " + harness.ui(() -> Stream.of(
                this.<Table>action(harness.window.shell(), "problems").getItems()).map(i -> i.getText(1)).toList()));
    }
}
