package org.bmsw.workbench.records.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.core.internal.CoreServices;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.Series;
import org.bmsw.recorder.internal.RecorderImpl;
import org.bmsw.recorder.internal.Recorders;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.internal.SimulatedBms;
import org.bmsw.workbench.internal.WatchedContext;
import org.bmsw.workbench.internal.WindowHarness;
import org.bmsw.workbench.internal.pages.OverviewPage;
import org.bmsw.workbench.ui.CellGrid;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
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
 * The Records page in the real window on Xvfb, with a real recorder and a simulated Smart BMS (16 cells) on a socat
 * pty: it records the connected device, lists and charts recordings (here also six hours of a 24-cell pack made
 * earlier), exports and imports them, and replays one into the window, where the Overview shows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordsPageTest {

    static final String FIELD = OverviewPage.FIELD;
    static final Duration SIX_HOURS = Duration.ofHours(6);

    @TempDir
    static Path dir;

    private SimulatedBms bms;
    private CoreFixture core;
    private RecorderImpl recorder;
    private WindowHarness harness;
    private WatchedContext context;
    private RecordsPage page;
    private String sixHours;
    private Shell shell;

    @BeforeAll
    void start() throws Exception {
        Path records = dir.resolve("data/records");
        sixHours = Recorders.synthesize(records, "six hours", 24,
                "repeat 2 { discharge 20A for 50m; rest 10m; charge 20A for 50m; rest 10m }; charge 25A until cutoff for 2h; rest 10m",
                SIX_HOURS,
                Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES));
        bms = SimulatedBms.smartBms(dir, 16, 3);
        core = new CoreFixture(200, new SerialTransport(), bms.profile);
        recorder = Recorders.create(core.live, records);
        CoreServices.add(core.transports, core.profiles, Recorders.replayTransport(recorder), Recorders.replayProfile());
        harness = new WindowHarness(core, dir.resolve("data"), Map.of("port", "serial:" + bms.hostPort(), "autoConnect", true));
        harness.await("connected to the simulated BMS", 15_000, () -> harness.controller.session().isPresent());
        shell = harness.mainShell();
        context = new WatchedContext(harness.controller);
        page = new RecordsPage(recorder, context);
        harness.addPage(page, 600);
        harness.run(() -> harness.showPage("records"));
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (recorder != null) {
            Recorders.stop(recorder);
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
    void recordsTheConnectedDeviceAndListsTheRecording() throws Exception {
        harness.await("the record button enabled", 5_000, () -> this.<Button>field("record").isEnabled());
        harness.run(() -> {
            this.<Spinner>field("interval").setSelection(2); // 0.2 s
            this.<Text>field("name").setText("on the bench");
            press("record");
        });
        harness.await("recording", 5_000, () -> page.recordingStartedHere().isPresent());
        String id = page.recordingStartedHere().orElseThrow();
        assertEquals("Stop recording", harness.ui(() -> this.<Button>field("record").getText()));
        harness.await("snapshots counted on the page", 10_000, () -> this.<Label>field("record.status").getText()
                .matches("Recording " + id + ": ([5-9]|\\d\\d+) snapshots"));
        harness.run(() -> press("record"));
        harness.await("stopped", 5_000, () -> page.recordingStartedHere().isEmpty());

        RecordingInfo info = recorder.list().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        assertEquals(RecordingInfo.State.FINISHED, info.state());
        assertEquals(Duration.ofMillis(200), info.interval());
        assertEquals(List.of("smartbms.v4@" + bms.hostPort() + "#1"), info.devices().stream().map(d -> d.key()).toList());
        assertTrue(info.samples() >= 5, info.toString());
        harness.await("listed", 5_000, () -> rows().stream().anyMatch(r -> r[0].equals("on the bench") && r[4].equals("finished")
                && r[3].equals(Long.toString(info.samples()))));
        assertTrue(rows().stream().anyMatch(r -> r[0].equals("six hours") && r[3].equals("21600")), rows().toString());
    }

    @Test
    @Order(2)
    void aChosenRecordingIsChartedWithItsCyclesEventsAndCapacity() throws Exception {
        choose("six hours");
        harness.await("charted", 15_000, () -> page.charts().stream().allMatch(c -> c.series() != null));
        String key = "smartbms@/dev/ttyUSB0#1";
        try (Recording r = recorder.open(sixHours)) {
            for (RecordChart chart : harness.ui(() -> page.charts())) {
                Series shown = chart.series();
                assertEquals(21_600, Arrays.stream(shown.count()).sum(), shown.metric() + ": every snapshot in a bucket");
                Series expected = r.series(key, shown.metric(), null, null, shown.size());
                assertArrayEquals(expected.max(), shown.max(), shown.metric() + " maxima");
                assertArrayEquals(expected.min(), shown.min(), shown.metric() + " minima");
                assertTrue(shown.size() >= 50 && shown.size() <= 2000, "a bucket per pixel column: " + shown.size());
            }
            assertEquals(List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.SOC, Metric.CELL_SPREAD),
                    harness.ui(() -> page.charts().stream().map(c -> c.series().metric()).toList()));
            List<Cycle> cycles = r.cycles(key);
            assertTrue(cycles.stream().filter(c -> c.kind() == Cycle.Kind.DISCHARGE).count() >= 2, cycles.toString());
            Table table = harness.ui(() -> field("cycles"));
            harness.await("the cycle table", 15_000, () -> table.getItemCount() == cycles.size());
            for (int i = 0; i < cycles.size(); i++) {
                Cycle c = cycles.get(i);
                int row = i;
                String[] cells = harness.ui(() -> texts(table.getItem(row), 5));
                assertEquals(c.kind().name().toLowerCase(Locale.ROOT), cells[0]);
                assertEquals(String.format(Locale.ROOT, "%.3f", c.ampHoursIn()), cells[3]);
                assertEquals(String.format(Locale.ROOT, "%.3f", c.ampHoursOut()), cells[4]);
            }
            List<FlagEvent> events = r.events();
            Table timeline = harness.ui(() -> field("events"));
            assertEquals(events.size(), (int) harness.ui(timeline::getItemCount));
            int cov = indexOf(events, "PROTECT.COVBit");
            assertTrue(cov >= 0, "the overcharge tripped the over-voltage protection: " + events);
            assertEquals("PROTECT.COVBit", harness.ui(() -> timeline.getItem(cov).getText(1)));
            harness.run(() -> {
                timeline.setSelection(cov);
                Event chosen = new Event();
                chosen.item = timeline.getItem(cov);
                timeline.notifyListeners(SWT.Selection, chosen);
            });
            Table around = harness.ui(() -> field("around"));
            harness.await("the cells around the event", 10_000, () -> around.getItemCount() == 24);
            Telemetry at = r.around(events.get(cov), Duration.ZERO).get(0);
            for (int i = 0; i < 24; i++) {
                int row = i;
                assertEquals(String.format(Locale.ROOT, "%.3f", at.cells().get(i).volts()),
                        harness.ui(() -> around.getItem(row).getText(2)).replace(" ⇄", ""), "cell " + (i + 1) + " at the event");
            }
            int highest = at.maxCell().orElseThrow().index() - 1;
            assertTrue(Double.parseDouble(harness.ui(() -> around.getItem(highest).getText(2)).replace(" ⇄", "")) >= 3.65,
                    "the highest cell above the protection's threshold");
            String capacity = harness.ui(() -> this.<Label>field("capacity.summary").getText());
            assertTrue(capacity.startsWith("Health ") || capacity.startsWith("No charge"), capacity);
        }
        assertTrue(context.messages.stream().anyMatch(m -> m.startsWith("six hours: 21600 snapshots charted in ")), context.messages.toString());
    }

    @Test
    @Order(3)
    void exportsAndImportsRecordings() throws Exception {
        Path csv = dir.resolve("six.csv");
        Path json = dir.resolve("six.json");
        harness.run(() -> page.export(sixHours, RecordsPage.Export.SAMPLES_CSV, csv));
        harness.run(() -> page.export(sixHours, RecordsPage.Export.JSON, json));
        harness.await("exported", 30_000, () -> context.messages.stream().filter(m -> m.startsWith("Exported " + sixHours)).count() == 2);
        try (Stream<String> lines = Files.lines(csv)) {
            assertEquals(21_601, lines.count(), "header and every snapshot");
        }
        int before = recorder.list().size();
        harness.run(() -> page.importFile(json));
        harness.await("imported and listed", 30_000, () -> rows().size() == before + 1);
        RecordingInfo copy = recorder.list().stream().filter(r -> r.source().startsWith("imported")).findFirst().orElseThrow();
        assertEquals(21_600, copy.samples());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"something else\"}\n", StandardCharsets.UTF_8);
        harness.run(() -> page.importFile(bad));
        harness.await("refused in the status line, with the file and the line", 10_000, () -> context.problems.stream()
                .anyMatch(p -> p.startsWith("Refused, nothing imported: " + bad + ":1:")));
        assertTrue(harness.ui(harness::dialogs).isEmpty(), "no dialog");
        assertEquals(before + 1, recorder.list().size(), "nothing added");
    }

    @Test
    @Order(4)
    void aReplayDrivesTheOverviewLikeALiveDevice() throws Exception {
        Set<String> recordedVoltages = new HashSet<>();
        try (Recording r = recorder.open(sixHours)) {
            r.forEachSample("smartbms@/dev/ttyUSB0#1", null, null,
                    (Telemetry t) -> recordedVoltages.add(String.format(Locale.ROOT, "%.2f V", t.pack().voltage())));
        }
        choose("six hours");
        harness.run(() -> {
            this.<Combo>field("speed").select(3); // 600x
            press("replay");
        });
        harness.await("the window shows the replay", 15_000, () -> harness.controller.session()
                .map(s -> s.link().settings().transport().equals("replay")).orElse(false));
        assertTrue(context.messages.contains("Replaying six hours in the window at 600×"), context.messages.toString());
        // the import of test 3 is a second recording named "six hours" with the same snapshots: either may be chosen
        Set<String> sixHoursPorts = new HashSet<>();
        recorder.list().stream().filter(info -> info.name().equals("six hours"))
                .forEach(info -> sixHoursPorts.add("replay:" + info.id() + "?speed=600"));
        harness.await("the bar shows the replay's port", 5_000, () -> sixHoursPorts.contains(
                WindowHarness.<Combo>find(shell, FIELD, "port").getText()));
        assertOverviewShowsTheRecording(recordedVoltages);
        harness.await("recording is refused for a replay", 5_000, () -> !this.<Button>field("record").isEnabled()
                && this.<Label>field("record.status").getText().startsWith("A replay is shown"));

        // the same through the connection bar, as a user does without this page
        context.disconnect();
        harness.await("disconnected", 5_000, () -> harness.controller.session().isEmpty());
        harness.run(() -> {
            Combo port = WindowHarness.find(shell, FIELD, "port");
            port.setText("replay:" + sixHours + "?speed=600");
            Button connect = WindowHarness.find(shell, FIELD, "connect");
            connect.notifyListeners(SWT.Selection, null);
        });
        harness.await("connected through the bar", 15_000, () -> harness.controller.session()
                .map(s -> s.link().settings().path().equals(sixHours + "?speed=600")).orElse(false));
        assertOverviewShowsTheRecording(recordedVoltages);
        context.disconnect();
    }

    private void assertOverviewShowsTheRecording(Set<String> recordedVoltages) throws Exception {
        harness.run(() -> harness.showPage("overview"));
        harness.await("24 recorded cells on the Overview (the live pack has 16)", 10_000,
                () -> this.<CellGrid>field("overview:cells").cellCount() == 24);
        Set<String> shown = new HashSet<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (shown.size() < 3 && System.currentTimeMillis() < deadline) {
            String voltage = harness.ui(() -> this.<ValueList>field("overview:values").text("voltage"));
            assertTrue(recordedVoltages.contains(voltage), "a recorded voltage: " + voltage);
            shown.add(voltage);
            Thread.sleep(250);
        }
        assertTrue(shown.size() >= 3, "the replay moves on: " + shown);
        harness.run(() -> harness.showPage("records"));
    }

    @Test
    @Order(5)
    void speaksChinese() throws Exception {
        harness.run(() -> WindowHarness.find(shell, FIELD, "language.zh").notifyListeners(SWT.Selection, null));
        harness.await("relabelled", 5_000, () -> this.<Button>field("replay").getText().equals("在窗口中回放"));
        assertEquals("记录", page.title(Locale.SIMPLIFIED_CHINESE));
        assertTrue(rows().stream().anyMatch(r -> r[4].equals("已完成")), rows().toString());
        harness.run(() -> WindowHarness.find(shell, FIELD, "language.en").notifyListeners(SWT.Selection, null));
        harness.await("back in English", 5_000, () -> this.<Button>field("replay").getText().equals("Replay in window"));
    }

    // ------------------------------------------------------------------ helpers

    private <W extends Control> W field(String name) {
        W w = WindowHarness.find(shell, FIELD, name.startsWith("overview:") ? name.substring(9) : "records." + name);
        assertNotNull(w, "no field " + name);
        return w;
    }

    private void press(String name) {
        field(name).notifyListeners(SWT.Selection, null);
    }

    private static int indexOf(List<FlagEvent> events, String key) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).key().equals(key) && events.get(i).raised()) {
                return i;
            }
        }
        return -1;
    }

    private List<String[]> rows() {
        return harness.ui(() -> {
            Table table = field("recordings");
            return Stream.of(table.getItems()).map(i -> texts(i, 5)).toList();
        });
    }

    private static String[] texts(TableItem item, int columns) {
        String[] out = new String[columns];
        for (int i = 0; i < columns; i++) {
            out[i] = item.getText(i);
        }
        return out;
    }

    private void choose(String name) throws InterruptedException {
        harness.await(name + " listed", 10_000, () -> rows().stream().anyMatch(r -> r[0].equals(name)));
        harness.run(() -> {
            Table table = field("recordings");
            for (TableItem item : table.getItems()) {
                if (item.getText(0).equals(name)) {
                    table.setSelection(item);
                    table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                    return;
                }
            }
        });
    }
}
