package org.bmsw.workbench.records.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The right side of the page: four charts of the chosen recording, and tabs with its cycle table, its event timeline
 * with the cells around the chosen event, and its capacity trend. UI thread only.
 */
final class DetailView {

    static final String NAME = RecordsPage.NAME;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] CYCLE_COLUMNS = {"cycles.kind", "cycles.start", "cycles.duration", "cycles.ahIn", "cycles.ahOut",
            "cycles.whIn", "cycles.whOut", "cycles.soc", "cycles.cells", "cycles.spread", "cycles.temp", "cycles.peak", "cycles.flags"};
    private static final String[] EVENT_COLUMNS = {"events.time", "events.flag", "events.meaning", "events.change"};
    private static final String[] AROUND_COLUMNS = {"events.cell", "events.before", "events.at", "events.after"};
    private static final String[] CAPACITY_COLUMNS = {"capacity.when", "capacity.phase", "capacity.ah", "capacity.swing",
            "capacity.measured", "capacity.soh"};

    private final List<RecordChart> chartViews = new ArrayList<>();
    private final TabFolder tabs;
    private final TabItem cyclesTab;
    private final TabItem eventsTab;
    private final TabItem capacityTab;
    private final Table cycles;
    private final Table events;
    private final Label aroundTitle;
    private final Table around;
    private final Label capacitySummary;
    private final Table capacity;
    private Locale locale;
    private Detail.Analysis analysis;

    DetailView(Composite parent, Consumer<FlagEvent> eventChosen) {
        Composite chartGrid = new Composite(parent, SWT.NONE);
        chartGrid.setLayout(new GridLayout(2, true));
        chartGrid.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        String[] formats = {"%.2f", "%.1f", "%.0f", "%.0f"};
        org.eclipse.swt.graphics.Color[] colours = {Palette.LOW, Palette.ALARM_2, Palette.OK, Palette.FAULT};
        for (int i = 0; i < Detail.CHARTED.size(); i++) {
            RecordChart chart = new RecordChart(chartGrid, colours[i], formats[i]);
            GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
            data.heightHint = 140;
            chart.setLayoutData(data);
            chart.setData(NAME, "records.chart." + Detail.CHARTED.get(i).name());
            chartViews.add(chart);
        }

        tabs = new TabFolder(parent, SWT.TOP);
        GridData tabData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tabData.heightHint = 220;
        tabs.setLayoutData(tabData);
        cyclesTab = new TabItem(tabs, SWT.NONE);
        cycles = table(tabs, "cycles", CYCLE_COLUMNS.length);
        cyclesTab.setControl(cycles);

        eventsTab = new TabItem(tabs, SWT.NONE);
        SashForm eventSash = new SashForm(tabs, SWT.HORIZONTAL);
        events = table(eventSash, "events", EVENT_COLUMNS.length);
        events.addListener(SWT.Selection, e -> {
            if (e.item != null && e.item.getData() instanceof FlagEvent event) {
                eventChosen.accept(event);
            }
        });
        Composite aroundBox = new Composite(eventSash, SWT.NONE);
        aroundBox.setLayout(new GridLayout(1, false));
        aroundTitle = new Label(aroundBox, SWT.NONE);
        around = table(aroundBox, "around", AROUND_COLUMNS.length);
        around.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        eventSash.setWeights(3, 2);
        eventsTab.setControl(eventSash);

        capacityTab = new TabItem(tabs, SWT.NONE);
        Composite capacityBox = new Composite(tabs, SWT.NONE);
        capacityBox.setLayout(new GridLayout(1, false));
        capacitySummary = new Label(capacityBox, SWT.WRAP);
        capacitySummary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        capacitySummary.setData(NAME, "records.capacity.summary");
        capacity = table(capacityBox, "capacity", CAPACITY_COLUMNS.length);
        capacity.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        capacityTab.setControl(capacityBox);
    }

    private static Table table(Composite parent, String name, int columns) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setData(NAME, "records." + name);
        for (int i = 0; i < columns; i++) {
            new TableColumn(table, SWT.LEFT);
        }
        return table;
    }

    List<RecordChart> charts() {
        return chartViews;
    }

    /** Bucket count for the charts: their width in pixels. */
    int buckets() {
        return chartViews.get(0).buckets();
    }

    void relabel(Locale l) {
        locale = l;
        String[][] titles = {{"chart.voltage", "V"}, {"chart.current", "A"}, {"chart.soc", "%"}, {"chart.spread", "mV"}};
        for (int i = 0; i < chartViews.size(); i++) {
            chartViews.get(i).setTexts(Messages.get(l, titles[i][0]), titles[i][1], Messages.get(l, "chart.empty"));
        }
        cyclesTab.setText(Messages.get(l, "tab.cycles"));
        eventsTab.setText(Messages.get(l, "tab.events"));
        capacityTab.setText(Messages.get(l, "tab.capacity"));
        headings(cycles, CYCLE_COLUMNS);
        headings(events, EVENT_COLUMNS);
        headings(around, AROUND_COLUMNS);
        headings(capacity, CAPACITY_COLUMNS);
        aroundTitle.setText(Messages.get(l, "events.around"));
        if (analysis != null) {
            showAnalysis(analysis);
        }
    }

    private void headings(Table table, String[] keys) {
        for (int i = 0; i < keys.length; i++) {
            table.getColumn(i).setText(Messages.get(locale, keys[i]));
        }
    }

    void clear() {
        analysis = null;
        chartViews.forEach(c -> c.show(null, 1));
        cycles.removeAll();
        events.removeAll();
        around.removeAll();
        capacity.removeAll();
        capacitySummary.setText("");
    }

    void showCharts(Detail.Charts d) {
        for (int i = 0; i < chartViews.size(); i++) {
            Metric metric = Detail.CHARTED.get(i);
            chartViews.get(i).show(d.series().get(metric), metric == Metric.CELL_SPREAD ? 1000 : 1);
        }
    }

    void showAnalysis(Detail.Analysis d) {
        analysis = d;
        cycles.removeAll();
        for (Cycle c : d.cycles()) {
            TableItem item = new TableItem(cycles, SWT.NONE);
            item.setData(c);
            List<String> flags = new ArrayList<>(c.protections().stream().sorted().toList());
            flags.addAll(c.alarms().stream().sorted().toList());
            item.setText(new String[] {Messages.get(locale, "kind." + c.kind().name().toLowerCase(Locale.ROOT)), time(c.start()),
                    duration(c.duration()), num("%.3f", c.ampHoursIn()), num("%.3f", c.ampHoursOut()), num("%.1f", c.wattHoursIn()),
                    num("%.1f", c.wattHoursOut()), num("%.0f", c.startSoc()) + " → " + num("%.0f", c.endSoc()),
                    num("%.3f", c.minCell()) + " – " + num("%.3f", c.maxCell()), num("%.0f", c.maxSpread() * 1000),
                    num("%.1f", c.maxTemperature()), num("%.1f", c.peakCurrent()), String.join(" ", flags)});
            if (!c.protections().isEmpty()) {
                item.setBackground(Palette.INVALID);
            } else if (!c.alarms().isEmpty()) {
                item.setBackground(Palette.CONFIRM);
            }
        }
        events.removeAll();
        around.removeAll();
        for (FlagEvent e : d.events()) {
            TableItem item = new TableItem(events, SWT.NONE);
            item.setData(e);
            item.setText(new String[] {time(e.time()), e.key(), e.label().text(locale),
                    e.toLevel() == 0 ? Messages.get(locale, "events.cleared") : Messages.format(locale, "events.raised", e.toLevel())});
            if (e.raised()) {
                item.setForeground(e.severity() == org.bmsw.device.api.Severity.FAULT ? Palette.FAULT : Palette.ALARM_2);
            }
        }
        showCapacity(d.capacity());
        for (Table t : new Table[] {cycles, events, around, capacity}) {
            for (TableColumn column : t.getColumns()) {
                column.pack();
            }
        }
    }

    private void showCapacity(CapacityTrend trend) {
        capacity.removeAll();
        if (trend.points().isEmpty()) {
            capacitySummary.setText(Messages.get(locale, "capacity.none"));
            return;
        }
        capacitySummary.setText(Messages.format(locale, "capacity.summary", num("%.1f %%", trend.sohPercent()),
                num("%+.2f %%", trend.fadePerCycle()), num("%.1f Ah", trend.nominalAh()), trend.points().size()));
        for (CapacityTrend.Point p : trend.points()) {
            new TableItem(capacity, SWT.NONE).setText(new String[] {time(p.time()),
                    Messages.get(locale, "kind." + p.kind().name().toLowerCase(Locale.ROOT)), num("%.2f", p.ampHours()),
                    num("%.1f", p.socSwing()), num("%.2f", p.capacityAh()), num("%.1f", p.sohPercent())});
        }
    }

    /** The cells from {@code window} before to {@code window} after the event: first, nearest, last snapshot. */
    void showAround(FlagEvent event, List<Telemetry> snapshots) {
        around.removeAll();
        if (snapshots.isEmpty()) {
            return;
        }
        Telemetry before = snapshots.get(0);
        Telemetry after = snapshots.get(snapshots.size() - 1);
        Telemetry at = before;
        for (Telemetry t : snapshots) {
            if (Duration.between(t.time(), event.time()).abs().compareTo(Duration.between(at.time(), event.time()).abs()) < 0) {
                at = t;
            }
        }
        int cells = Math.max(before.cells().size(), Math.max(at.cells().size(), after.cells().size()));
        int highest = at.maxCell().map(CellVoltage::index).orElse(-1);
        int lowest = at.minCell().map(CellVoltage::index).orElse(-1);
        for (int i = 0; i < cells; i++) {
            TableItem item = new TableItem(around, SWT.NONE);
            item.setText(new String[] {String.format(Locale.ROOT, "B%02d", i + 1), cell(before, i), cell(at, i), cell(after, i)});
            if (i + 1 == highest) {
                item.setForeground(2, Palette.FAULT);
            } else if (i + 1 == lowest) {
                item.setForeground(2, Palette.LOW);
            }
        }
        for (TableColumn column : around.getColumns()) {
            column.pack();
        }
    }

    private static String cell(Telemetry t, int i) {
        if (i >= t.cells().size()) {
            return "";
        }
        CellVoltage c = t.cells().get(i);
        return num("%.3f", c.volts()) + (c.balancing() ? " ⇄" : "");
    }

    static String time(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(TIME);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String num(String format, double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
