package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.simulator.battery.CellState;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.internal.pages.OverviewPage;
import org.bmsw.workbench.ui.CellGrid;
import org.bmsw.workbench.ui.Chips;
import org.bmsw.workbench.ui.SocGauge;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window on a real X server (Xvfb) against a simulated Smart BMS behind a real socat pty pair, through
 * the real serial transport, register profile, connection service and live telemetry: the user connects with
 * the connection bar, the pages show the simulator's state, a parameter write goes through the safe batch
 * writer and lands in the device, the language switches, and a pulled cable is one message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchOnTheWireTest {

    private static final String FIELD = OverviewPage.FIELD;

    @TempDir
    static Path dir;

    private SimulatedBms bms;
    private CoreFixture core;
    private WindowHarness harness;

    @BeforeAll
    void start() throws Exception {
        bms = SimulatedBms.smartBms(dir, 24, 7);
        bms.battery.setCurrentDemand(-12);
        core = new CoreFixture(200, new SerialTransport(), bms.profile);
        harness = new WindowHarness(core, dir.resolve("data"), Map.of());
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
    void connectsThroughTheBarAndShowsTheSimulatorsState() throws Exception {
        harness.run(() -> {
            Combo port = bar("port");
            port.setText("serial:" + bms.hostPort());
            Button connect = bar("connect");
            connect.notifyListeners(SWT.Selection, null);
        });
        harness.await("the device connected", 10_000, () -> harness.controller.session().isPresent());
        harness.await("live telemetry on the overview", 10_000, () -> !text("voltage").equals("–"));

        assertTrue(harness.ui(() -> this.<Label>bar("device").getText()).contains("35-7-3"), "firmware version shown");
        harness.await("frames counted", 5_000, () -> this.<Label>bar("frames").getText().matches(".*success [1-9]\\d*\\s+error 0.*"));
        assertTrue(harness.saved.get("port").toString().endsWith(bms.hostPort().toString()), "last port remembered");
        harness.await("the branding's six icons on the window", 5_000, () -> harness.window.shell().getImages().length == 6);

        // freeze the battery, let two polls pass, then every value on screen must be the model's
        bms.running(false);
        SimulatorState state = bms.battery.snapshot();
        Thread.sleep(700);
        harness.await("the frozen state on screen", 3_000,
                () -> Math.abs(number(text("voltage")) - state.packVolts()) <= 0.0051);
        assertEquals(state.measuredAmps(), number(text("current")), 0.051);
        assertTrue(text("current").endsWith("▼"), "discharging shows its direction: " + text("current"));
        assertEquals(state.socPercent(), number(harness.ui(() -> this.<SocGauge>field("soc").text())), 0.51);
        assertEquals("24 S", text("cellcount"));
        assertEquals(state.chemistry().name(), text("type"));
        CellGrid grid = harness.ui(() -> field("cells"));
        List<CellState> cells = state.cells();
        for (CellState cell : cells) {
            assertEquals(cell.volts() * 1000, number(harness.ui(() -> grid.textOf(cell.index()))), 1.0, "cell " + cell.index());
        }
        CellState highest = cells.stream().max((a, b) -> Double.compare(a.volts(), b.volts())).orElseThrow();
        CellState lowest = cells.stream().min((a, b) -> Double.compare(a.volts(), b.volts())).orElseThrow();
        assertEquals(highest.volts() * 1000, number(harness.ui(() -> grid.textOf(harness.ui(grid::maxIndex)))), 1.0,
                "the framed highest cell is the highest");
        assertEquals(lowest.volts() * 1000, number(harness.ui(() -> grid.textOf(harness.ui(grid::minIndex)))), 1.0,
                "the framed lowest cell is the lowest");
        assertEquals(highest.volts() * 1000, number(text("vmax")), 1.0);
        Chips probes = harness.ui(() -> field("temperatures"));
        List<Chips.Chip> chips = harness.ui(probes::chips);
        for (int i = 0; i < state.probes().size(); i++) {
            var probe = state.probes().get(i);
            if (probe.fitted()) {
                assertEquals(probe.celsius(), number(chips.get(i).value()), 0.051, "probe " + (i + 1));
            } else {
                assertEquals("not fitted", chips.get(i).value(), "probe " + (i + 1));
            }
        }
        assertTrue(chips.stream().anyMatch(c -> c.value().equals("not fitted")), "unfitted probes are said as such: " + chips);
        assertEquals(state.protections().isEmpty() ? "Normal" : "Protection / fault",
                harness.ui(() -> this.<org.bmsw.workbench.ui.StateLamp>field("state").text()).replace("Alarm", "Normal"));
        bms.running(true);
    }

    @Test
    @Order(2)
    void writesAParameterThroughTheSafeBatchWriterAndTheDeviceHasIt() throws Exception {
        harness.run(() -> harness.showPage("parameters"));
        harness.await("parameters read", 10_000, () -> deviceColumn("PROTECT", "COVR").matches("\\d+"));
        double before = bms.battery.parameters().get("COVR");
        double wanted = before == 3500 ? 3510 : 3500; // LFP: below COV 3650, TOVR within 5 % of COVR × 24

        harness.run(() -> harness.parameters.enterValue("COVR", Integer.toString((int) wanted)));
        assertEquals(org.bmsw.workbench.ui.Palette.CHANGED,
                harness.ui(() -> row("PROTECT", "COVR").getBackground(2)), "the edit is highlighted");
        assertEquals(before, bms.battery.parameters().get("COVR"), 1e-9, "nothing written while editing");

        harness.run(() -> action(harness.window.shell(), "write").notifyListeners(SWT.Selection, null));
        Shell confirm = awaitDialog("write");
        harness.run(() -> action(confirm, "write").notifyListeners(SWT.Selection, null));
        Shell report = awaitDialog("outcome");
        assertEquals("Written and verified", harness.ui(() -> this.<Label>action(report, "outcome").getText()));
        harness.run(() -> action(report, "close").notifyListeners(SWT.Selection, null));

        assertEquals(wanted, bms.battery.parameters().get("COVR"), 1e-9, "the device holds the new value");
        harness.await("the device column shows the new value", 5_000,
                () -> deviceColumn("PROTECT", "COVR").equals(Integer.toString((int) wanted)));
        try (Stream<Path> backups = Files.list(dir.resolve("data").resolve("backups"))) {
            Path backup = backups.findFirst().orElseThrow();
            var old = ParameterFiles.read(bms.profile.parameterSchema().orElseThrow(), backup);
            assertTrue(old.ok(), old.problems().toString());
            assertEquals(before, old.file().values().get("COVR"), 1e-9, "the backup holds the old value");
        }
    }

    @Test
    @Order(3)
    void aValueOutsideItsRangeIsRefusedOnEntryAndNeverWritten() throws Exception {
        harness.run(() -> harness.showPage("parameters"));
        double before = bms.battery.parameters().get("COV");
        harness.run(() -> harness.parameters.enterValue("COV", "99999"));
        assertEquals(org.bmsw.workbench.ui.Palette.INVALID,
                harness.ui(() -> row("PROTECT", "COV").getBackground(2)));
        assertEquals("99999", harness.ui(() -> row("PROTECT", "COV").getText(2)), "the entry stays for correcting");
        assertTrue(harness.ui(() -> problemLines().stream().anyMatch(l -> l.contains("COV"))), "the problem is listed");
        harness.run(() -> action(harness.window.shell(), "write").notifyListeners(SWT.Selection, null));
        Thread.sleep(500);
        assertTrue(harness.ui(harness::dialogs).isEmpty(), "no write dialog while a value is refused");
        assertTrue(statusLine().contains("red"), statusLine());
        assertEquals(before, bms.battery.parameters().get("COV"), 1e-9);
        harness.run(() -> action(harness.window.shell(), "revert").notifyListeners(SWT.Selection, null));
    }

    @Test
    @Order(4)
    void anEngineeringParameterNeedsEngineerModeAndADangerousChangeAnExplicitYes() throws Exception {
        harness.run(() -> harness.showPage("parameters"));
        double before = bms.battery.parameters().get("SC");
        harness.run(() -> harness.parameters.enterValue("SC", "700"));
        assertEquals(org.bmsw.workbench.ui.Palette.INVALID,
                harness.ui(() -> row("PROTECT", "SC").getBackground(2)), "locked for a user");

        harness.controller.setUnlocked(AccessLevel.ENGINEER);
        harness.await("engineer mode shown", 3_000, () -> this.<Label>bar("engineer").getText().equals("ENGINEER MODE"));
        harness.run(() -> harness.parameters.enterValue("SC", "700"));
        assertEquals(org.bmsw.workbench.ui.Palette.CONFIRM,
                harness.ui(() -> row("PROTECT", "SC").getBackground(2)), "accepted, marked as needing confirmation");
        harness.run(() -> action(harness.window.shell(), "write").notifyListeners(SWT.Selection, null));
        Shell confirm = awaitDialog("acknowledge");
        assertFalse(harness.ui(() -> this.<Button>action(confirm, "write").getEnabled()), "no write before the explicit yes");
        harness.run(() -> {
            Button tick = action(confirm, "acknowledge");
            tick.setSelection(true);
            tick.notifyListeners(SWT.Selection, null);
        });
        assertTrue(harness.ui(() -> this.<Button>action(confirm, "write").getEnabled()));
        harness.run(() -> action(confirm, "write").notifyListeners(SWT.Selection, null));
        Shell report = awaitDialog("outcome");
        assertEquals("Written and verified", harness.ui(() -> this.<Label>action(report, "outcome").getText()));
        harness.run(() -> action(report, "close").notifyListeners(SWT.Selection, null));
        assertEquals(700, bms.battery.parameters().get("SC"), 1e-9);
        assertTrue(before != 700);
        harness.controller.setUnlocked(AccessLevel.USER);
    }

    @Test
    @Order(5)
    void switchesLanguageWithoutRestart() throws Exception {
        harness.run(() -> harness.showPage("overview"));
        harness.run(() -> bar("language.zh").notifyListeners(SWT.Selection, null));
        harness.await("Chinese tabs", 3_000, () -> tabTitles().contains("概览") && tabTitles().contains("参数设置"));
        harness.await("Chinese values", 3_000, () -> text("current").contains("A") && harness.ui(
                () -> this.<SocGauge>field("soc")) != null);
        assertTrue(harness.ui(() -> harness.window.shell().getMenuBar().getItem(0).getText()).startsWith("文件"));
        assertTrue(harness.ui(() -> this.<Button>bar("connect").getText()).equals("断开"));
        assertEquals("zh", harness.saved.get("language"), "the choice is remembered");
        harness.run(() -> bar("language.en").notifyListeners(SWT.Selection, null));
        harness.await("English tabs", 3_000, () -> tabTitles().contains("Overview"));
        assertEquals("en", harness.saved.get("language"));
    }

    @Test
    @Order(6)
    void aPulledCableIsOneClearMessageNotAStormOfDialogs() throws Exception {
        bms.unplug();
        harness.await("the loss reported", 5_000, () -> statusLine().contains("lost"));
        Thread.sleep(1_500);
        assertTrue(harness.ui(harness::dialogs).isEmpty(), "no dialog for a lost device");
        assertEquals("Connection lost", harness.ui(() -> this.<org.bmsw.workbench.ui.StateLamp>bar("connection").text()));
        assertEquals("Connect", harness.ui(() -> this.<Button>bar("connect").getText()));
        assertEquals("–", text("voltage"), "no stale values presented as live");
    }

    @Test
    @Order(7)
    void aPageContributedByAnotherBundleAppearsAndGoesWhileTheWindowIsOpen() throws Exception {
        org.bmsw.workbench.WorkbenchPage contributed = new org.bmsw.workbench.WorkbenchPage() {
            @Override
            public String id() {
                return "records";
            }

            @Override
            public String title(Locale locale) {
                return locale.getLanguage().equals("zh") ? "记录" : "Records";
            }

            @Override
            public void createContents(org.eclipse.swt.widgets.Composite parent, Locale locale) {
                new Label(parent, SWT.NONE).setText("contributed");
            }
        };
        // DS calls the bind method on its own thread, as it does when a bundle starts
        Thread binder = new Thread(() -> harness.window.addPage(contributed,
                Map.of(org.bmsw.workbench.WorkbenchPage.PROPERTY_ORDER, 600)));
        binder.start();
        binder.join();
        harness.await("the contributed page's tab", 3_000, () -> tabTitles().contains("Records"));
        assertEquals(List.of("Overview", "Cells", "Parameters", "Controls", "Records", "System"), tabTitles(),
                "placed by its order property");
        harness.run(() -> harness.showPage("records"));
        assertEquals("contributed", harness.ui(() -> ((Label) ((org.eclipse.swt.widgets.Composite) harness.tabs()
                .getSelection().getControl()).getChildren()[0]).getText()), "built when shown");
        Thread unbinder = new Thread(() -> harness.window.removePage(contributed));
        unbinder.start();
        unbinder.join();
        harness.await("the tab gone", 3_000, () -> !tabTitles().contains("Records"));
        assertTrue(harness.ui(() -> ((org.eclipse.swt.widgets.Composite) harness.tabs().getSelection().getControl())
                .getChildren().length > 0), "another page is shown, built");
    }

    @Test
    @Order(8)
    void aPageConnectsTheWindowThroughTheContextAndTheBarShowsThePort() throws Exception {
        Path other = Files.createDirectories(dir.resolve("second"));
        try (SimulatedBms second = SimulatedBms.smartBms(other, 16, 11)) {
            harness.run(() -> harness.showPage("overview"));
            WorkbenchContext context = harness.controller; // the service pages get
            String port = "serial:" + second.hostPort();
            context.connect(LinkSettings.of("serial", second.hostPort().toString(), 19200), 1,
                    bms.profile.id());
            harness.await("connected to the second BMS", 10_000, () -> context.session().isPresent());
            harness.await("its 16 cells on the overview", 10_000, () -> text("cellcount").equals("16 S"));
            assertEquals(port, harness.ui(() -> this.<Combo>bar("port").getText()), "the bar shows the port");
            assertEquals("19200", harness.ui(() -> this.<Combo>bar("baud").getText()));
            assertEquals(bms.profile.displayName().text(Locale.ENGLISH), harness.ui(() -> this.<Combo>bar("profile").getText()));
            assertEquals("Disconnect", harness.ui(() -> this.<Button>bar("connect").getText()));
            assertEquals(port, harness.saved.get("port"), "remembered as a connection made with the bar is");

            DeviceSession first = context.session().orElseThrow();
            context.connect(LinkSettings.of("serial", second.hostPort().toString(), 19200), 1, "");
            harness.await("connected again, recognising the device", 10_000,
                    () -> context.session().filter(s -> s != first).isPresent());
            assertFalse(first.isOpen(), "the open session closed first");
            assertEquals("Recognise", harness.ui(() -> this.<Combo>bar("profile").getText()));

            context.connect(LinkSettings.of("nosuch", "bus0", 9600), 1, "");
            harness.await("refused, saying the transport is missing", 5_000,
                    () -> statusLine().contains("No transport 'nosuch' is available"));
            assertEquals("nosuch:bus0", harness.ui(() -> this.<Combo>bar("port").getText()));
            assertTrue(context.session().isEmpty());
        }
    }

    // ------------------------------------------------------------------ helpers (UI thread)

    private <W extends org.eclipse.swt.widgets.Control> W bar(String name) {
        W w = WindowHarness.find(harness.window.shell(), ConnectionBar.NAME, name);
        assertNotNull(w, "no bar control " + name);
        return w;
    }

    private <W extends org.eclipse.swt.widgets.Control> W field(String name) {
        W w = WindowHarness.find(harness.window.shell(), FIELD, name);
        assertNotNull(w, "no field " + name);
        return w;
    }

    /** A value of the overview's list, as drawn. */
    private String text(String key) {
        return harness.ui(() -> this.<org.bmsw.workbench.ui.ValueList>field("values").text(key));
    }

    private <W extends org.eclipse.swt.widgets.Control> W action(org.eclipse.swt.widgets.Control root, String name) {
        W w = WindowHarness.find(root, "bmsw.action", name);
        assertNotNull(w, "no action " + name);
        return w;
    }

    private TableItem row(String group, String key) {
        Table table = action(harness.window.shell(), "group." + group);
        for (TableItem item : table.getItems()) {
            if (key.equals(item.getData())) {
                return item;
            }
        }
        throw new AssertionError("no row " + key);
    }

    private String deviceColumn(String group, String key) {
        return row(group, key).getText(5);
    }

    private List<String> problemLines() {
        Table table = action(harness.window.shell(), "problems");
        return Stream.of(table.getItems()).map(i -> i.getText(0) + " " + i.getText(1)).toList();
    }

    /** The leading number of a text such as "79.12 V", "-12.0 A ▼", "3290 mV (B07)". */
    private static double number(String text) {
        var m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(text);
        assertTrue(m.find(), "no number in '" + text + "'");
        return Double.parseDouble(m.group());
    }

    private String statusLine() {
        return harness.ui(() -> this.<Label>bar("status").getText());
    }

    private List<String> tabTitles() {
        return harness.ui(() -> Stream.of(harness.tabs().getItems()).map(CTabItem::getText).toList());
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
        throw new AssertionError("no dialog with " + action + "; status: " + statusLine() + "; dialogs: "
                + harness.ui(() -> harness.dialogs().stream().map(WorkbenchOnTheWireTest::describe).toList()));
    }

    /** Every text in a dialog, for failure messages. UI thread. */
    private static String describe(org.eclipse.swt.widgets.Control control) {
        StringBuilder b = new StringBuilder();
        if (control instanceof Shell s) {
            b.append("[").append(s.getText()).append("] ");
        } else if (control instanceof Label l) {
            b.append(l.getText()).append(" | ");
        } else if (control instanceof Button bt) {
            b.append("<").append(bt.getText()).append("> ");
        } else if (control instanceof Table t) {
            for (TableItem i : t.getItems()) {
                for (int c = 0; c < Math.max(1, t.getColumnCount()); c++) {
                    b.append(i.getText(c)).append(' ');
                }
                b.append("; ");
            }
        }
        if (control instanceof org.eclipse.swt.widgets.Composite c) {
            for (var child : c.getChildren()) {
                b.append(describe(child));
            }
        }
        return b.toString();
    }
}
