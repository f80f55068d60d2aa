package org.bmsw.workbench.cantrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.core.internal.CoreFixture;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.slcan.internal.SlcanTransport;
import org.bmsw.workbench.internal.WindowHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
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
 * The CAN trace page in the real window on Xvfb: the window connects by itself to a simulated JDI BI5148 + BMU behind
 * a simulated Lawicel adapter on a socat pty, through the real slcan transport and the JDI CAN profile made from the
 * profile's data; the page shows the broadcast and the XCP exchange decoded with the profile's DBC, filters, pauses
 * and saves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanTracePageTest {

    static final String FIELD = CanTracePage.NAME;
    static final int BMS_PACK = 0x18FF01F3;

    @TempDir
    static Path dir;

    private SimulatedJdiOnSlcan jdi;
    private CoreFixture core;
    private WindowHarness harness;
    private Shell shell;
    private CanTracePage page;
    private Dbc dbc;

    @BeforeAll
    void start() throws Exception {
        dbc = Dbc.load(JdiData.dbc());
        jdi = new SimulatedJdiOnSlcan(dir);
        core = new CoreFixture(200, new SlcanTransport(new SerialTransport()), jdi.profile);
        harness = new WindowHarness(core, dir.resolve("data"), Map.of("port", "slcan:" + jdi.port(), "baud", 500_000,
                "profile", "jdi.bi51.can", "autoConnect", true));
        harness.await("connected to the simulated JDI on CAN", 20_000, () -> harness.controller.session().isPresent());
        shell = harness.mainShell();
        page = new CanTracePage(harness.controller);
        harness.addPage(page, 700);
        harness.run(() -> harness.showPage("cantrace"));
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (core != null) {
            core.close();
        }
        if (jdi != null) {
            jdi.close();
        }
    }

    @Test
    @Order(1)
    void theBroadcastIsShownDecodedWithTheProfilesDbc() throws Exception {
        harness.await("frames traced", 10_000, () -> page.shownFrames().size() >= 60);
        assertEquals("DBC jdi-bi51.dbc (from the device's profile)", harness.ui(() -> this.<Label>field("dbc").getText()));
        assertTrue(harness.ui(() -> this.<Label>field("state").getText()).startsWith("Tracing slcan:" + jdi.port()));
        Set<String> messages = page.shownFrames().stream().map(t -> dbc.message(t.frame().id(), t.frame().extended())
                .map(DbcMessage::name).orElse("?")).collect(Collectors.toSet());
        assertTrue(messages.containsAll(List.of("BMS_Pack", "BMS_State", "BMS_Power", "BMS_CellVoltages")), messages.toString());

        Table table = harness.ui(() -> field("frames"));
        int rows = harness.ui(table::getItemCount);
        assertEquals(page.shownFrames().size(), rows, "a row per frame");
        List<TracedFrame> frames = page.shownFrames();
        int checked = 0;
        for (int i = Math.max(0, frames.size() - 40); i < frames.size(); i++) {
            TracedFrame t = frames.get(i);
            int row = i;
            String[] cells = harness.ui(() -> texts(table.getItem(row)));
            CanFrame f = t.frame();
            assertEquals(f.extended() ? String.format("%08X", f.id()) : String.format("%03X", f.id()), cells[2]);
            assertEquals(Integer.toString(f.length()), cells[3]);
            assertEquals(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f.data()), cells[4]);
            DbcMessage message = dbc.message(f.id(), f.extended()).orElse(null);
            if (message == null) {
                continue;
            }
            assertEquals(message.name(), cells[5]);
            for (Map.Entry<String, Double> value : message.decode(f.data()).entrySet()) {
                assertTrue(cells[6].contains(value.getKey() + "="), value.getKey() + " in " + cells[6]);
            }
            if (f.id() == BMS_PACK) {
                double soc = Double.parseDouble(cells[6].replaceAll(".*\\bSOC=([0-9.]+) %.*", "$1"));
                assertEquals(jdi.battery.snapshot().socPercent(), soc, 1.0, "the simulated pack's SOC as the frame says it");
            }
            checked++;
        }
        assertTrue(checked >= 20, checked + " decoded rows checked");
    }

    @Test
    @Order(2)
    void xcpRequestsTheProgramSendsAreTracedAsSent() throws Exception {
        DeviceSession session = harness.controller.session().orElseThrow();
        double cov = session.parameters().read(List.of("COV")).get("COV").value();
        assertTrue(cov > 3000, "COV read over XCP: " + cov);
        harness.await("the XCP exchange in the trace", 5_000, () -> page.shownFrames().stream()
                .anyMatch(t -> t.sent() && t.frame().id() == 0x7F0) && page.shownFrames().stream()
                .anyMatch(t -> !t.sent() && t.frame().id() == 0x7F1));
        Table table = harness.ui(() -> field("frames"));
        List<TracedFrame> frames = page.shownFrames();
        int sent = frames.indexOf(frames.stream().filter(t -> t.sent() && t.frame().id() == 0x7F0).findFirst().orElseThrow());
        assertEquals("Tx", harness.ui(() -> table.getItem(sent).getText(1)));
        assertEquals("7F0", harness.ui(() -> table.getItem(sent).getText(2)));
    }

    @Test
    @Order(3)
    void theFilterNarrowsByIdMessageOrSignal() throws Exception {
        setFilter("BMS_Pack");
        harness.await("only BMS_Pack", 5_000, () -> !page.shownFrames().isEmpty()
                && page.shownFrames().stream().allMatch(t -> t.frame().id() == BMS_PACK));
        setFilter("0x18ff01f3");
        harness.await("the same by id", 5_000, () -> !page.shownFrames().isEmpty()
                && page.shownFrames().stream().allMatch(t -> t.frame().id() == BMS_PACK));
        setFilter("Model");
        String insulation = "BMS_Insulation";
        harness.await("the message carrying the Model signal", 5_000, () -> !page.shownFrames().isEmpty()
                && page.shownFrames().stream().allMatch(t -> dbc.message(t.frame().id(), true).map(DbcMessage::name)
                .orElse("").equals(insulation)));
        setFilter("");
        harness.await("everything again", 5_000, () -> page.shownFrames().stream().map(t -> t.frame().id()).distinct().count() >= 5);
    }

    @Test
    @Order(4)
    void pauseHoldsTheListWhileCaptureGoesOn() throws Exception {
        harness.run(() -> press("pause"));
        assertEquals("Resume", harness.ui(() -> this.<Button>field("pause").getText()));
        Thread.sleep(300);
        int held = page.shownFrames().size();
        Thread.sleep(1200);
        assertEquals(held, page.shownFrames().size(), "the list stands still");
        assertTrue(harness.ui(() -> this.<Label>field("state").getText()).matches("Paused: [1-9]\\d* frames captured meanwhile.*"),
                harness.ui(() -> this.<Label>field("state").getText()));
        harness.run(() -> press("pause"));
        harness.await("the frames captured meanwhile shown", 3_000, () -> page.shownFrames().size() > held + 10);
    }

    @Test
    @Order(5)
    void savesTheFramesShownAsACandumpLogAndCsv() throws Exception {
        setFilter("BMS_Pack");
        harness.await("filtered", 5_000, () -> page.shownFrames().size() >= 5
                && page.shownFrames().stream().allMatch(t -> t.frame().id() == BMS_PACK));
        harness.run(() -> press("pause"));
        List<TracedFrame> frames = page.shownFrames();
        Path log = dir.resolve("pack.log");
        Path csv = dir.resolve("pack.csv");
        harness.run(() -> page.save(log, CanTracePage.SaveAs.CANDUMP));
        harness.run(() -> page.save(csv, CanTracePage.SaveAs.CSV));
        harness.await("saved", 5_000, () -> Files.exists(log) && Files.exists(csv));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(frames.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("\\(\\d{10}\\.\\d{6}\\) slcan0 18FF01F3#[0-9A-F]{16}"), lines.get(i));
            assertEquals(TraceFiles.candumpFrame(frames.get(i)), lines.get(i).substring(lines.get(i).lastIndexOf(' ') + 1));
        }
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(frames.size() + 1, rows.size());
        assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",BMS_Pack,") && r.contains("SOC=")), rows.get(1));
        harness.run(() -> press("pause"));
        setFilter("");
    }

    @Test
    @Order(6)
    void speaksChinese() throws Exception {
        harness.run(() -> WindowHarness.find(shell, FIELD, "language.zh").notifyListeners(SWT.Selection, null));
        harness.await("relabelled", 5_000, () -> this.<Button>field("clear").getText().equals("清空"));
        assertEquals("CAN 报文", page.title(Locale.SIMPLIFIED_CHINESE));
        harness.await("state in Chinese", 5_000, () -> this.<Label>field("state").getText().startsWith("正在跟踪"));
        harness.run(() -> WindowHarness.find(shell, FIELD, "language.en").notifyListeners(SWT.Selection, null));
        harness.await("back in English", 5_000, () -> this.<Button>field("clear").getText().equals("Clear"));
    }

    /**
     * The device side's own listener on the simulated adapter against the page: per id (each id comes from one thread
     * on either side, so its order is the wire's), the frames traced as received are a run of those the device sent,
     * and those traced as sent a run of those the device received.
     */
    @Test
    @Order(7)
    void theTraceIsWhatTheDevicesAdapterPassed() throws Exception {
        harness.await("everything shown", 5_000, () -> page.shownFrames().size() > 100);
        List<TracedFrame> shown = page.shownFrames();
        List<TracedFrame> adapter = jdi.adapterFrames.range(0, jdi.adapterFrames.total());
        assertEquals(0, jdi.adapterFrames.dropped());
        Map<Integer, List<CanFrame>> received = byId(shown, false);
        Map<Integer, List<CanFrame>> deviceSent = byId(adapter, true);
        assertTrue(received.keySet().containsAll(List.of(BMS_PACK, 0x7F1)), received.keySet().toString());
        received.forEach((id, frames) -> assertTrue(Collections.indexOfSubList(deviceSent.get(id), frames) >= 0,
                String.format("the %d frames of %X traced as received are, in order, frames the device sent", frames.size(), id)));
        Map<Integer, List<CanFrame>> sent = byId(shown, true);
        Map<Integer, List<CanFrame>> deviceReceived = byId(adapter, false);
        assertEquals(Set.of(0x7F0), sent.keySet(), "the program sends only XCP requests");
        assertTrue(Collections.indexOfSubList(deviceReceived.get(0x7F0), sent.get(0x7F0)) >= 0,
                "the " + sent.get(0x7F0).size() + " XCP requests traced as sent reached the device, in order");
    }

    private static Map<Integer, List<CanFrame>> byId(List<TracedFrame> frames, boolean sent) {
        return frames.stream().filter(t -> t.sent() == sent).map(TracedFrame::frame)
                .collect(Collectors.groupingBy(CanFrame::id, Collectors.toList()));
    }

    // ------------------------------------------------------------------ helpers

    private void setFilter(String text) {
        harness.run(() -> this.<Text>field("filter").setText(text));
    }

    private <W extends Control> W field(String name) {
        W w = WindowHarness.find(shell, FIELD, "cantrace." + name);
        assertNotNull(w, "no field " + name);
        return w;
    }

    private void press(String name) {
        field(name).notifyListeners(SWT.Selection, null);
    }

    private static String[] texts(TableItem item) {
        String[] out = new String[7];
        for (int i = 0; i < out.length; i++) {
            out[i] = item.getText(i);
        }
        return out;
    }
}
