package org.bmsw.workbench.cantrace.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.Link;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * CAN trace: every frame of the connected CAN link as it passes (time, direction, id, DLC, data), decoded with the
 * device profile's DBC (or one the user opens): message name and signal values. A filter by id, message or signal;
 * pause (capture goes on, the list stands still); clear; save as a candump log or CSV. Frames are captured on the
 * link's threads into a bounded log and shown four times a second in a virtual table, so a busy bus never floods
 * the UI thread.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=700")
public class CanTracePage implements WorkbenchPage {

    /** Widget data key naming controls, for tests and tools. */
    static final String NAME = "bmsw.field";
    static final int CAPACITY = 100_000;
    private static final int REFRESH_MILLIS = 250;
    private static final String[] COLUMNS = {"column.time", "column.dir", "column.id", "column.dlc", "column.data",
            "column.message", "column.signals"};

    enum SaveAs { CANDUMP, CSV }

    private final WorkbenchContext context;
    private final FrameLog log = new FrameLog(CAPACITY);

    // UI thread only
    private Locale locale;
    private Composite root;
    private Button pause;
    private Button clear;
    private Label filterLabel;
    private Text filterText;
    private Button openDbc;
    private Button saveLog;
    private Button saveCsv;
    private Label dbcLabel;
    private Label state;
    private Label counters;
    private Table table;
    private AutoCloseable contextWatch;
    private AutoCloseable tapHandle;
    private Link traced;
    private Instant traceStart = Instant.now();
    private FrameDecoder decoder = new FrameDecoder(null);
    private String dbcSource = "";
    private Path openedDbc;
    private FrameFilter filter = FrameFilter.parse("");
    private final List<TracedFrame> shown = new ArrayList<>();
    private long seen;
    private boolean paused;
    private long rateFrom;
    private long rateAt = System.nanoTime();
    private double rate;

    @Activate
    public CanTracePage(@Reference WorkbenchContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "cantrace";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));

        Composite bar = new Composite(root, SWT.NONE);
        bar.setLayout(new GridLayout(8, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        pause = button(bar, "pause", this::togglePause);
        clear = button(bar, "clear", this::clear);
        filterLabel = new Label(bar, SWT.NONE);
        filterText = new Text(bar, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.setData(NAME, "cantrace.filter");
        filterText.addListener(SWT.Modify, e -> applyFilter(filterText.getText()));
        openDbc = button(bar, "dbc.open", this::askDbc);
        saveLog = button(bar, "save.log", () -> askSave(SaveAs.CANDUMP));
        saveCsv = button(bar, "save.csv", () -> askSave(SaveAs.CSV));
        counters = new Label(bar, SWT.NONE);
        counters.setData(NAME, "cantrace.counters");
        counters.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));

        Composite info = new Composite(root, SWT.NONE);
        info.setLayout(new GridLayout(2, false));
        info.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        state = new Label(info, SWT.NONE);
        state.setData(NAME, "cantrace.state");
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        dbcLabel = new Label(info, SWT.NONE);
        dbcLabel.setData(NAME, "cantrace.dbc");

        table = new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setData(NAME, "cantrace.frames");
        int[] widths = {90, 40, 90, 40, 190, 150, 600};
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn column = new TableColumn(table, i == 0 || i == 3 ? SWT.RIGHT : SWT.LEFT);
            column.setWidth(widths[i]);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));

        relabel();
        contextWatch = context.onChange(() -> Ui.later(root.getDisplay(), root, this::follow));
        follow();
        root.getDisplay().timerExec(REFRESH_MILLIS, this::refresh);
    }

    private static Button button(Composite parent, String name, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setData(NAME, "cantrace." + name);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        follow();
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch, tapHandle);
        tapHandle = null;
        traced = null;
    }

    private void relabel() {
        pause.setText(Messages.get(locale, paused ? "resume" : "pause"));
        clear.setText(Messages.get(locale, "clear"));
        filterLabel.setText(Messages.get(locale, "filter"));
        filterText.setMessage(Messages.get(locale, "filter.hint"));
        openDbc.setText(Messages.get(locale, "dbc.open"));
        saveLog.setText(Messages.get(locale, "save.log"));
        saveCsv.setText(Messages.get(locale, "save.csv"));
        for (int i = 0; i < COLUMNS.length; i++) {
            table.getColumn(i).setText(Messages.get(locale, COLUMNS[i]));
        }
        showDbc();
        table.clearAll();
        root.layout(true, true);
    }

    // ------------------------------------------------------------------ the link

    /** The window's device changed: trace its link if it is a CAN link. UI thread. */
    private void follow() {
        Optional<DeviceSession> session = context.session();
        Link link = session.map(DeviceSession::link).orElse(null);
        if (link != traced) {
            Ui.closeQuietly(tapHandle);
            tapHandle = null;
            traced = link;
            if (link instanceof CanLink can) {
                traceStart = Instant.now();
                tapHandle = FrameTap.start(can, log).orElse(null);
            }
            if (openedDbc == null) {
                session.ifPresentOrElse(this::dbcOf, () -> useDbc(null, ""));
            }
        }
        if (link == null) {
            state.setText(Messages.get(locale, "state.noDevice"));
        } else if (!(link instanceof CanLink)) {
            state.setText(Messages.format(locale, "state.notCan", link.settings().describe()));
        } else if (tapHandle == null) {
            state.setText(Messages.format(locale, "state.noTap", link.settings().describe()));
        } else {
            state.setText(paused ? Messages.format(locale, "state.paused", log.total() - seen)
                    : Messages.format(locale, "state.tracing", link.settings().describe()));
        }
        state.setForeground(link instanceof CanLink && tapHandle == null ? Palette.ALARM_2 : Palette.TEXT);
        root.layout(true, true);
    }

    /** The DBC the device's session decodes with, if it is a CAN device's. */
    private void dbcOf(DeviceSession session) {
        Optional<Dbc> dbc = session.capability(DbcTelemetry.class).map(DbcTelemetry::dbc)
                .or(() -> session.capability(Dbc.class));
        useDbc(dbc.orElse(null), dbc.map(d -> Messages.format(locale, "dbc.session", d.source())).orElse(""));
    }

    private void useDbc(Dbc dbc, String source) {
        decoder = new FrameDecoder(dbc);
        dbcSource = source;
        showDbc();
        rebuild();
    }

    private void showDbc() {
        dbcLabel.setText(decoder.dbc().isPresent() ? dbcSource : Messages.get(locale, "dbc.none"));
        dbcLabel.getParent().layout(true);
    }

    private void askDbc() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.dbc", "*"});
        String file = dialog.open();
        if (file != null) {
            loadDbc(Path.of(file));
        }
    }

    /** Reads a DBC file off the UI thread and decodes with it from now on (also the frames already shown). */
    void loadDbc(Path file) {
        Ui.background(root, () -> Dbc.load(file), dbc -> {
            openedDbc = file;
            useDbc(dbc, Messages.format(locale, "dbc.file", file.getFileName()));
        }, e -> context.status(Messages.format(locale, "dbc.refused", file, e.getMessage()), true));
    }

    // ------------------------------------------------------------------ the list

    /** Four times a second: the frames captured since, through the filter, onto the end of the list. */
    private void refresh() {
        if (root.isDisposed()) {
            return;
        }
        long total = log.total();
        long now = System.nanoTime();
        if (now - rateAt >= 1_000_000_000L) {
            rate = (total - rateFrom) * 1e9 / (now - rateAt);
            rateFrom = total;
            rateAt = now;
        }
        if (!paused) {
            List<TracedFrame> fresh = log.range(seen, total);
            seen = total;
            if (!fresh.isEmpty()) {
                append(fresh);
            }
        } else {
            state.setText(Messages.format(locale, "state.paused", total - seen));
        }
        long dropped = log.dropped();
        counters.setText(dropped == 0 ? Messages.format(locale, "counters", total, shown.size(), rate)
                : Messages.format(locale, "counters.dropped", total, shown.size(), rate, dropped));
        counters.getParent().layout(true);
        root.getDisplay().timerExec(REFRESH_MILLIS, this::refresh);
    }

    private void append(List<TracedFrame> fresh) {
        for (TracedFrame t : fresh) {
            if (filter.matches(t, decoder.message(t.frame()))) {
                shown.add(t);
            }
        }
        if (shown.size() > CAPACITY) {
            shown.subList(0, shown.size() - CAPACITY).clear();
            table.clearAll();
        }
        table.setItemCount(shown.size());
        if (!shown.isEmpty()) {
            table.showItem(table.getItem(shown.size() - 1));
        }
    }

    /** The list again from every frame kept, e.g. after the filter or the DBC changed. */
    private void rebuild() {
        if (table == null) {
            return;
        }
        shown.clear();
        table.clearAll();
        table.setItemCount(0);
        if (!paused) {
            seen = log.total(); // paused, the list keeps standing at what it showed
        }
        append(log.range(0, seen));
    }

    private void fill(TableItem item, int index) {
        if (index < 0 || index >= shown.size()) {
            return;
        }
        TracedFrame t = shown.get(index);
        var f = t.frame();
        FrameDecoder.Decoded d = decoder.decode(f);
        double seconds = Duration.between(traceStart, t.time()).toNanos() / 1e9;
        item.setText(new String[] {String.format(Locale.ROOT, "%.4f", seconds), Messages.get(locale, t.sent() ? "dir.tx" : "dir.rx"),
                f.extended() ? String.format("%08X", f.id()) : String.format("%03X", f.id()), Integer.toString(f.length()),
                f.remote() ? "RTR" : java.util.HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f.data()), d.message(), d.signals()});
    }

    void applyFilter(String text) {
        filter = FrameFilter.parse(text);
        rebuild();
    }

    private void togglePause() {
        paused = !paused;
        pause.setText(Messages.get(locale, paused ? "resume" : "pause"));
        follow();
    }

    private void clear() {
        log.clear();
        seen = log.total();
        shown.clear();
        table.clearAll();
        table.setItemCount(0);
        traceStart = Instant.now();
    }

    // ------------------------------------------------------------------ saving

    private void askSave(SaveAs kind) {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterPath(context.dataDirectory().toString());
        dialog.setFileName("can-trace" + (kind == SaveAs.CANDUMP ? ".log" : ".csv"));
        String file = dialog.open();
        if (file != null) {
            save(Path.of(file), kind);
        }
    }

    /** Writes the frames shown (the filter applies) off the UI thread. */
    void save(Path file, SaveAs kind) {
        List<TracedFrame> frames = List.copyOf(shown);
        FrameDecoder withDbc = new FrameDecoder(decoder.dbc().orElse(null)); // its own cache: the UI keeps using ours
        String interfaceName = interfaceName();
        Ui.background(root, () -> {
            if (kind == SaveAs.CANDUMP) {
                TraceFiles.candump(file, interfaceName, frames);
            } else {
                TraceFiles.csv(file, frames, withDbc);
            }
            return frames.size();
        }, n -> context.status(Messages.format(locale, "saved", n, file), false),
                e -> context.status(Messages.format(locale, "save.failed", file, e.getMessage()), true));
    }

    /** The interface name candump would print: the SocketCAN interface, else the transport's, e.g. slcan0. */
    private String interfaceName() {
        if (traced == null) {
            return "can0";
        }
        String transport = traced.settings().transport();
        return transport.equals("socketcan") ? traced.settings().path() : transport.replaceAll("[^A-Za-z0-9]", "") + "0";
    }

    /** For tests: the frames in the list, in order. */
    List<TracedFrame> shownFrames() {
        return List.copyOf(shown);
    }

    FrameDecoder decoder() {
        return decoder;
    }
}
