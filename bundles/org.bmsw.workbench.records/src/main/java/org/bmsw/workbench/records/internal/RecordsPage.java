package org.bmsw.workbench.records.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.Recorder;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.recorder.Series;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records: records the connected device at a chosen interval; lists the recordings; charts the chosen one (voltage,
 * current, SOC, cell spread, min / max per pixel from the recorder's decimation) with its cycle table, event timeline
 * (cells around each event) and capacity trend; exports CSV and JSON, imports, deletes; and replays a recording into
 * the window as if live: the window connects to the port {@code replay:<id>}, so the Overview and Cells pages show
 * it through live telemetry like any device. All recorder work runs off the UI thread.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=600")
public class RecordsPage implements WorkbenchPage {

    /** Widget data key naming controls, for tests and tools. */
    static final String NAME = "bmsw.field";
    static final String[] SPEEDS = {"1", "10", "60", "600", "3600"};
    private static final String[] LIST_COLUMNS = {"list.name", "list.started", "list.length", "list.samples", "list.state"};
    private static final long RUNNING_REFRESH_MILLIS = 1000;

    private final Recorder recorder;
    private final WorkbenchContext context;
    /** The recording this page started, by id; it outlives the page's controls (the component stays). */
    private volatile String ours;

    // UI thread only
    private Locale locale;
    private Composite root;
    private Group recordGroup;
    private Label intervalLabel;
    private Spinner interval;
    private Label nameLabel;
    private Text name;
    private Button startStop;
    private Label recordStatus;
    private Group listGroup;
    private Table list;
    private Button refresh;
    private Button importButton;
    private Button exportButton;
    private Menu exportMenu;
    private Button delete;
    private Label deviceLabel;
    private Combo device;
    private Label speedLabel;
    private Combo speed;
    private Button replay;
    private DetailView detail;
    private AutoCloseable contextWatch;
    private RecordingInfo selected;
    private int loads;

    @Activate
    public RecordsPage(@Reference Recorder recorder, @Reference WorkbenchContext context) {
        this.recorder = recorder;
        this.context = context;
    }

    @Override
    public String id() {
        return "records";
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

        recordGroup = new Group(root, SWT.NONE);
        recordGroup.setLayout(new GridLayout(6, false));
        recordGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        intervalLabel = new Label(recordGroup, SWT.NONE);
        interval = new Spinner(recordGroup, SWT.BORDER);
        interval.setValues(10, 1, 36_000, 1, 10, 100); // tenths of a second: 0.1 s .. 1 h, 1.0 s
        interval.setData(NAME, "records.interval");
        nameLabel = new Label(recordGroup, SWT.NONE);
        name = new Text(recordGroup, SWT.BORDER);
        name.setLayoutData(new GridData(220, SWT.DEFAULT));
        name.setData(NAME, "records.name");
        startStop = new Button(recordGroup, SWT.PUSH);
        startStop.setData(NAME, "records.record");
        startStop.addListener(SWT.Selection, e -> startOrStop());
        recordStatus = new Label(recordGroup, SWT.NONE);
        recordStatus.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        recordStatus.setData(NAME, "records.record.status");

        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        listGroup = new Group(sash, SWT.NONE);
        listGroup.setLayout(new GridLayout(1, false));
        list = new Table(listGroup, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        list.setHeaderVisible(true);
        list.setLinesVisible(true);
        list.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        list.setData(NAME, "records.recordings");
        for (int i = 0; i < LIST_COLUMNS.length; i++) {
            new TableColumn(list, i == 3 ? SWT.RIGHT : SWT.LEFT);
        }
        list.addListener(SWT.Selection, e -> choose());

        Composite actions = new Composite(listGroup, SWT.NONE);
        actions.setLayout(new RowLayout());
        refresh = button(actions, "refresh", this::refresh);
        importButton = button(actions, "import", this::askImport);
        exportButton = button(actions, "export", () -> {
            org.eclipse.swt.graphics.Rectangle b = exportButton.getBounds();
            exportMenu.setLocation(exportButton.getParent().toDisplay(b.x, b.y + b.height));
            exportMenu.setVisible(true);
        });
        exportMenu = new Menu(exportButton);
        for (Export kind : Export.values()) {
            MenuItem item = new MenuItem(exportMenu, SWT.PUSH);
            item.setData(kind);
            item.addListener(SWT.Selection, e -> askExport(kind));
        }
        delete = button(actions, "delete", this::askDelete);

        Composite replayRow = new Composite(listGroup, SWT.NONE);
        replayRow.setLayout(new GridLayout(5, false));
        deviceLabel = new Label(replayRow, SWT.NONE);
        device = new Combo(replayRow, SWT.READ_ONLY);
        device.setLayoutData(new GridData(180, SWT.DEFAULT));
        device.setData(NAME, "records.device");
        device.addListener(SWT.Selection, e -> load());
        speedLabel = new Label(replayRow, SWT.NONE);
        speed = new Combo(replayRow, SWT.READ_ONLY);
        for (String s : SPEEDS) {
            speed.add(s + "×");
        }
        speed.select(2);
        speed.setData(NAME, "records.speed");
        replay = button(replayRow, "replay", this::replay);

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        detail = new DetailView(right, this::showAround);
        sash.setWeights(2, 3);

        relabel();
        contextWatch = context.onChange(() -> Ui.later(root.getDisplay(), root, this::updateRecordControls));
        updateRecordControls();
        refresh();
        tickWhileRecording();
    }

    private static Button button(Composite parent, String name, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setData(NAME, "records." + name);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        refresh();
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch);
    }

    private void relabel() {
        recordGroup.setText(Messages.get(locale, "record.group"));
        intervalLabel.setText(Messages.get(locale, "record.interval"));
        nameLabel.setText(Messages.get(locale, "record.name"));
        listGroup.setText(Messages.get(locale, "list.group"));
        for (int i = 0; i < LIST_COLUMNS.length; i++) {
            list.getColumn(i).setText(Messages.get(locale, LIST_COLUMNS[i]));
        }
        refresh.setText(Messages.get(locale, "list.refresh"));
        importButton.setText(Messages.get(locale, "list.import"));
        exportButton.setText(Messages.get(locale, "list.export") + " ▾");
        for (MenuItem item : exportMenu.getItems()) {
            item.setText(Messages.get(locale, ((Export) item.getData()).label));
        }
        delete.setText(Messages.get(locale, "list.delete"));
        deviceLabel.setText(Messages.get(locale, "list.device"));
        speedLabel.setText(Messages.get(locale, "replay.speed"));
        replay.setText(Messages.get(locale, "replay.start"));
        detail.relabel(locale);
        updateRecordControls();
        root.layout(true, true);
    }

    // ------------------------------------------------------------------ recording the connected device

    /** The device the window shows, unless it is itself a replay (which is not recorded again). */
    private Optional<DeviceSession> recordable() {
        return context.session().filter(s -> !"replay".equals(s.link().settings().transport()));
    }

    private void updateRecordControls() {
        if (root == null || root.isDisposed()) {
            return;
        }
        boolean running = ours != null;
        startStop.setText(Messages.get(locale, running ? "record.stop" : "record.start"));
        startStop.setEnabled(running || recordable().isPresent());
        interval.setEnabled(!running);
        name.setEnabled(!running);
        if (!running) {
            recordStatus.setText(recordable().isPresent() ? ""
                    : Messages.get(locale, context.session().isPresent() ? "record.replaying" : "record.noDevice"));
        }
        recordGroup.layout(true);
    }

    private void startOrStop() {
        String running = ours;
        if (running != null) {
            startStop.setEnabled(false);
            Ui.background(root, () -> recorder.stop(running), info -> {
                ours = null;
                context.status(Messages.format(locale, "record.stopped", info.id(), info.samples()), false);
                updateRecordControls();
                refresh();
            }, this::failed);
            return;
        }
        Optional<DeviceSession> session = recordable();
        if (session.isEmpty()) {
            return;
        }
        RecordingRequest request = new RecordingRequest(name.getText(), Duration.ofMillis(interval.getSelection() * 100L),
                Set.of(RecordedDevice.keyOf(session.get())), null);
        startStop.setEnabled(false);
        Ui.background(root, () -> recorder.start(request), info -> {
            ours = info.id();
            context.status(Messages.format(locale, "record.started", info.id()), false);
            updateRecordControls();
            refresh();
        }, this::failed);
    }

    /** While this page's recording runs, its snapshot count once a second. */
    private void tickWhileRecording() {
        if (root.isDisposed()) {
            return;
        }
        String running = ours;
        if (running != null) {
            Ui.background(root, () -> {
                try (Recording r = recorder.open(running)) {
                    return r.info();
                }
            }, info -> {
                if (info.state() != RecordingInfo.State.RECORDING) {
                    ours = null; // stopped elsewhere (bmsw record stop, its limit)
                    updateRecordControls();
                    refresh();
                } else {
                    recordStatus.setText(Messages.format(locale, "record.running", info.id(), info.samples()));
                    recordGroup.layout(true);
                }
            }, e -> { });
        }
        root.getDisplay().timerExec((int) RUNNING_REFRESH_MILLIS, this::tickWhileRecording);
    }

    // ------------------------------------------------------------------ the list

    void refresh() {
        String keep = selected == null ? null : selected.id();
        Ui.background(root, recorder::list, all -> {
            list.removeAll();
            for (RecordingInfo info : all) {
                TableItem item = new TableItem(list, SWT.NONE);
                item.setData(info);
                Instant first = first(info);
                Duration length = Duration.between(first, last(info));
                item.setText(new String[] {info.name(), DetailView.time(first), DetailView.duration(length),
                        Long.toString(info.samples()), Messages.get(locale, "state." + info.state().name().toLowerCase(Locale.ROOT))});
                if (info.id().equals(keep)) {
                    list.setSelection(item);
                    selected = info;
                }
            }
            for (TableColumn column : list.getColumns()) {
                column.pack();
            }
            if (keep != null && list.getSelectionCount() == 0) {
                selected = null;
                detail.clear();
            }
            updateActions();
        }, this::failed);
    }

    /** The first snapshot's time (an imported recording was started where it was made), else the start. */
    private static Instant first(RecordingInfo info) {
        return info.devices().stream().map(RecordedDevice::first).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(info.started());
    }

    private static Instant last(RecordingInfo info) {
        return info.state() == RecordingInfo.State.RECORDING ? Instant.now()
                : info.devices().stream().map(RecordedDevice::last).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(info.ended().orElse(info.started()));
    }

    private void updateActions() {
        boolean chosen = selected != null;
        exportButton.setEnabled(chosen);
        delete.setEnabled(chosen && selected.state() != RecordingInfo.State.RECORDING);
        replay.setEnabled(chosen && selected.samples() > 0);
    }

    private void choose() {
        TableItem[] items = list.getSelection();
        selected = items.length == 0 ? null : (RecordingInfo) items[0].getData();
        device.removeAll();
        if (selected != null) {
            for (RecordedDevice d : selected.devices()) {
                device.add(d.identity().model() + " @" + d.identity().address() + "  " + d.key());
            }
            if (!selected.devices().isEmpty()) {
                device.select(0);
            }
        }
        device.setEnabled(device.getItemCount() > 1);
        updateActions();
        load();
    }

    private Optional<RecordedDevice> chosenDevice() {
        if (selected == null || device.getSelectionIndex() < 0 || device.getSelectionIndex() >= selected.devices().size()) {
            return Optional.empty();
        }
        return Optional.of(selected.devices().get(device.getSelectionIndex()));
    }

    /**
     * Reads the chosen device's charts off the UI thread, then its cycles, events and capacity (a pass over every
     * snapshot, so the charts do not wait for it); only the latest choice is shown.
     */
    private void load() {
        Optional<RecordedDevice> d = chosenDevice();
        if (d.isEmpty()) {
            detail.clear();
            return;
        }
        RecordingInfo info = selected;
        String key = d.get().key();
        int buckets = detail.buckets();
        int load = ++loads;
        context.status(Messages.format(locale, "status.loading", info.name()), false);
        Ui.background(root, () -> charts(info.id(), key, buckets), charts -> {
            if (load != loads) {
                return;
            }
            detail.showCharts(charts);
            Ui.background(root, () -> analysis(info.id(), key), analysis -> {
                if (load == loads) {
                    detail.showAnalysis(analysis);
                    context.status(Messages.format(locale, "status.loaded", info.name(), info.samples(), charts.millis(),
                            analysis.cycles().size(), analysis.events().size(), analysis.millis()), false);
                }
            }, this::failed);
        }, this::failed);
    }

    private Detail.Charts charts(String id, String key, int buckets) throws RecorderException {
        long t0 = System.nanoTime();
        try (Recording r = recorder.open(id)) {
            Map<Metric, Series> series = new EnumMap<>(Metric.class);
            for (Metric m : Detail.CHARTED) {
                series.put(m, r.series(key, m, null, null, buckets));
            }
            return new Detail.Charts(series, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private Detail.Analysis analysis(String id, String key) throws RecorderException {
        long t0 = System.nanoTime();
        try (Recording r = recorder.open(id)) {
            List<FlagEvent> events = r.events().stream().filter(e -> e.device().equals(key)).toList();
            return new Detail.Analysis(r.cycles(key), events, r.capacityTrend(key, r.cycleOptions()),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void showAround(FlagEvent event) {
        String id = selected == null ? null : selected.id();
        if (id == null) {
            return;
        }
        Ui.background(root, () -> {
            try (Recording r = recorder.open(id)) {
                return r.around(event, Duration.ofSeconds(30));
            }
        }, (List<Telemetry> snapshots) -> detail.showAround(event, snapshots), this::failed);
    }

    // ------------------------------------------------------------------ export, import, delete

    enum Export {
        SAMPLES_CSV("list.export.samplesCsv", ".csv"),
        CYCLES_CSV("list.export.cyclesCsv", "-cycles.csv"),
        JSON("list.export.json", ".json");

        final String label;
        final String suffix;

        Export(String label, String suffix) {
            this.label = label;
            this.suffix = suffix;
        }
    }

    private void askExport(Export kind) {
        if (selected == null) {
            return;
        }
        FileDialog dialog = new FileDialog(root.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterPath(context.dataDirectory().toString());
        dialog.setFileName(selected.id() + kind.suffix);
        String file = dialog.open();
        if (file != null) {
            export(selected.id(), kind, Path.of(file));
        }
    }

    /** Writes the export off the UI thread, through a temporary file so a failure leaves no half file. */
    void export(String id, Export kind, Path file) {
        Ui.background(root, () -> {
            Path part = file.resolveSibling(file.getFileName() + ".part");
            try (Recording r = recorder.open(id); OutputStream out = Files.newOutputStream(part)) {
                if (kind == Export.JSON) {
                    r.exportJson(out, true);
                } else {
                    Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                    if (kind == Export.SAMPLES_CSV) {
                        r.exportSamplesCsv(writer);
                    } else {
                        r.exportCyclesCsv(writer, r.cycleOptions());
                    }
                    writer.flush();
                }
            } catch (RecorderException | IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }, written -> context.status(Messages.format(locale, "status.exported", id, written), false), this::failed);
    }

    private void askImport() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.json;*.sqlite", "*"});
        String file = dialog.open();
        if (file != null) {
            importFile(Path.of(file));
        }
    }

    /** Imports off the UI thread; a refused file is named in the status line with its line and field. */
    void importFile(Path file) {
        Ui.background(root, () -> recorder.importFile(file), info -> {
            context.status(Messages.format(locale, "status.imported", file.getFileName(), info.id(), info.samples()), false);
            refresh();
        }, e -> context.status(e instanceof RecordingFormatException refused
                ? Messages.format(locale, "import.refused", refused.getMessage()) : e.getMessage(), true));
    }

    private void askDelete() {
        if (selected == null) {
            return;
        }
        MessageBox box = new MessageBox(root.getShell(), SWT.ICON_WARNING | SWT.YES | SWT.NO);
        box.setText(Messages.get(locale, "list.delete"));
        box.setMessage(Messages.format(locale, "list.delete.confirm", selected.name(), selected.id()));
        if (box.open() == SWT.YES) {
            String id = selected.id();
            Ui.background(root, () -> {
                recorder.delete(id);
                return id;
            }, gone -> {
                context.status(Messages.format(locale, "status.deleted", gone), false);
                refresh();
            }, this::failed);
        }
    }

    // ------------------------------------------------------------------ replay

    /**
     * The window connects to {@code replay:<id>?speed=N} at the chosen device's recorded address, with the replay
     * profile: the Overview and Cells pages show it like a live device.
     */
    private void replay() {
        Optional<RecordedDevice> d = chosenDevice();
        if (d.isEmpty()) {
            return;
        }
        String factor = SPEEDS[Math.max(0, speed.getSelectionIndex())];
        LinkSettings link = LinkSettings.of("replay", selected.id() + "?speed=" + factor, LinkSettings.DEFAULT_BAUD);
        context.connect(link, d.get().identity().address(), "replay");
        context.status(Messages.format(locale, "replay.started", selected.name(), factor + "×"), false);
    }

    private void failed(Exception e) {
        context.status(Messages.format(locale, "status.failed", e.getMessage()), true);
        updateRecordControls();
    }

    /** For tests: the recording this page started, if it runs. */
    Optional<String> recordingStartedHere() {
        return Optional.ofNullable(ours);
    }

    List<RecordChart> charts() {
        return new ArrayList<>(detail.charts());
    }
}
