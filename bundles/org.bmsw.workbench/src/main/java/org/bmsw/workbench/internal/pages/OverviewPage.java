package org.bmsw.workbench.internal.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.Announce;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Ui;
import org.bmsw.workbench.ui.CellGrid;
import org.bmsw.workbench.ui.Chips;
import org.bmsw.workbench.ui.FlagLamps;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.Series;
import org.bmsw.workbench.ui.SocGauge;
import org.bmsw.workbench.ui.StateLamp;
import org.bmsw.workbench.ui.TrendChart;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The pack at a glance, as the vendor tools' main screens and better: SOC gauge and pack values, every
 * cell on a colour scale with the extremes and balancing marked, temperatures with unfitted probes said
 * as such, every flag family as lamps with its legend, and live charts of voltage, current, SOC and cell
 * spread (kept while the page is hidden).
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=100")
public class OverviewPage implements WorkbenchPage {

    /** Widget data key naming what a value widget shows, so tests and tools can find it. */
    public static final String FIELD = "bmsw.field";

    private static final double REST_AMPS = 0.05;
    private static final int HISTORY = 4096;
    private static final long CHART_REDRAW_MILLIS = 1000;

    private final LiveTelemetry live;
    private final WorkbenchContext context;
    private final Series voltage = new Series(HISTORY);
    private final Series current = new Series(HISTORY);
    private final Series soc = new Series(HISTORY);
    private final Series spread = new Series(HISTORY);
    private final History history = new History();
    private AutoCloseable historySubscription;

    // UI thread only
    private Locale locale;
    private LiveFeed feed;
    private Scrolling scrolling;
    private Telemetry shown;
    private Group batteryGroup;
    private Group cellGroup;
    private Group temperatureGroup;
    private Composite flagColumn;
    private SocGauge gauge;
    private StateLamp stateLamp;
    private ValueList fields;
    private CellGrid cells;
    private Chips temperatures;
    private final Map<String, Group> flagGroups = new LinkedHashMap<>();
    private final Map<String, FlagLamps> flagLamps = new LinkedHashMap<>();
    private final List<TrendChart> charts = new ArrayList<>();
    private long chartsDrawn;

    @Activate
    public OverviewPage(@Reference LiveTelemetry live, @Reference WorkbenchContext context) {
        this.live = live;
        this.context = context;
    }

    @Override
    public String id() {
        return "overview";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.overview.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        scrolling = new Scrolling(parent);
        Composite root = scrolling.content();
        root.setLayout(new GridLayout(3, false));

        batteryGroup = group(root, 1, new GridData(SWT.FILL, SWT.FILL, false, false));
        ((GridData) batteryGroup.getLayoutData()).widthHint = 300;
        gauge = new SocGauge(batteryGroup);
        gauge.setLayoutData(new GridData(SWT.CENTER, SWT.TOP, true, false));
        gauge.setData(FIELD, "soc");
        stateLamp = new StateLamp(batteryGroup);
        stateLamp.setLayoutData(new GridData(SWT.CENTER, SWT.TOP, true, false));
        stateLamp.setData(FIELD, "state");
        fields = new ValueList(batteryGroup, List.of("voltage", "current", "power", "fcc", "rc", "soh", "cycles",
                "runtime", "type", "cellcount", "vmax", "vmin", "spread", "tmax", "tmin"), Format.NONE);
        fields.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        fields.setData(FIELD, "values");

        Composite centre = new Composite(root, SWT.NONE);
        centre.setLayout(new GridLayout(1, false));
        centre.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        cellGroup = group(centre, 1, new GridData(SWT.FILL, SWT.TOP, true, false));
        cells = new CellGrid(cellGroup);
        cells.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        cells.setData(FIELD, "cells");
        temperatureGroup = group(centre, 1, new GridData(SWT.FILL, SWT.TOP, true, false));
        temperatures = new Chips(temperatureGroup);
        temperatures.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        temperatures.setData(FIELD, "temperatures");

        flagColumn = new Composite(root, SWT.NONE);
        flagColumn.setLayout(new GridLayout(1, false));
        GridData flagData = new GridData(SWT.FILL, SWT.FILL, false, false);
        flagData.widthHint = 400;
        flagColumn.setLayoutData(flagData);

        Composite chartRow = new Composite(root, SWT.NONE);
        chartRow.setLayout(new GridLayout(4, true));
        chartRow.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        charts.add(chart(chartRow, voltage, Palette.LOW, "%.2f"));
        charts.add(chart(chartRow, current, Palette.ALARM_2, "%.1f"));
        charts.add(chart(chartRow, soc, Palette.OK, "%.1f"));
        charts.add(chart(chartRow, spread, Palette.FAULT, "%.0f"));

        relabel();
        historySubscription = live.subscribe(history);
        feed = new LiveFeed(live, context, root, this::render);
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        render(shown);
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(historySubscription);
        if (feed != null) {
            feed.close();
        }
    }

    private void relabel() {
        batteryGroup.setText(Messages.get(locale, "overview.battery"));
        cellGroup.setText(Messages.get(locale, "overview.cells"));
        temperatureGroup.setText(Messages.get(locale, "overview.temperatures"));
        fields.relabel(key -> Messages.get(locale, "overview.field." + key));
        cells.setTexts(module -> Messages.format(locale, module == 0 ? "cells.module.main" : "cells.module.n", module),
                Messages.get(locale, "overview.legend.max"), Messages.get(locale, "overview.legend.min"),
                Messages.get(locale, "overview.legend.balancing"));
        java.util.function.LongFunction<String> span = millis -> Messages.format(locale, "overview.chart.span",
                millis < 120_000 ? Messages.format(locale, "overview.chart.seconds", millis / 1000)
                        : Messages.format(locale, "overview.chart.minutes", millis / 60_000));
        String[][] titles = {{"overview.chart.voltage", "V"}, {"overview.chart.current", "A"},
                {"overview.chart.soc", "%"}, {"overview.chart.spread", "mV"}};
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).setTitle(Messages.get(locale, titles[i][0]), titles[i][1], span);
        }
        scrolling.reflow();
    }

    /** UI thread; null when there is no device. */
    private void render(Telemetry t) {
        shown = t;
        if (t == null) {
            gauge.set(Double.NaN, Messages.get(locale, "overview.noDevice"));
            boolean resized = stateLamp.set(Palette.OFF, Messages.get(locale, "overview.state.none"));
            fields.keys().forEach(key -> fields.set(key, Format.NONE));
            resized |= cells.setCells(List.of());
            resized |= temperatures.setChips(List.of(), 130);
            resized |= renderFlags(List.of());
            charts.forEach(TrendChart::redraw);
            if (resized) {
                scrolling.reflow();
            }
            return;
        }
        PackState p = t.pack();
        PackState.Direction direction = p.direction(REST_AMPS);
        gauge.set(p.socPercent(), Messages.get(locale, "overview.direction." + direction.name().toLowerCase(Locale.ROOT)));
        Severity severity = t.severity();
        boolean resized = stateLamp.set(severity == Severity.FAULT ? Palette.FAULT : severity == Severity.WARNING ? Palette.ALARM_2 : Palette.OK,
                Messages.get(locale, "overview.state." + severity.name().toLowerCase(Locale.ROOT)));
        fields.set("voltage", Format.withUnit(p.voltage(), 2, "V"));
        String arrow = switch (direction) {
            case CHARGING -> " ▲";
            case DISCHARGING -> " ▼";
            case REST -> "";
        };
        fields.set("current", Format.withUnit(p.current(), 1, "A") + arrow);
        fields.set("power", Format.withUnit(p.power(), 0, "W"));
        fields.set("fcc", Format.withUnit(p.fullChargeCapacity(), 1, "Ah"));
        fields.set("rc", Format.withUnit(p.remainingCapacity(), 1, "Ah"));
        fields.set("soh", Format.withUnit(p.sohPercent(), 0, "%"));
        fields.set("cycles", Format.count(p.cycleCount()));
        fields.set("runtime", Format.duration(p.runTimeSeconds()));
        fields.set("type", p.chemistry().isEmpty() ? Format.NONE : p.chemistry());
        fields.set("cellcount", p.cellCount() < 0 ? Format.NONE : p.cellCount() + " S");
        fields.set("vmax", t.maxCell().map(c -> cellText(c)).orElse(Format.NONE));
        fields.set("vmin", t.minCell().map(c -> cellText(c)).orElse(Format.NONE));
        fields.set("spread", Format.withUnit(t.cellSpread() * 1000, 0, "mV"));
        fields.set("tmax", t.maxTemperature().map(this::probeText).orElse(Format.NONE));
        fields.set("tmin", t.minTemperature().map(this::probeText).orElse(Format.NONE));
        resized |= cells.setCells(t.cells());
        List<Chips.Chip> probes = new ArrayList<>();
        for (Temperature probe : t.temperatures()) {
            probes.add(probe.fitted()
                    ? new Chips.Chip(probe.label(), Format.withUnit(probe.celsius(), 1, "°C"), null, false)
                    : new Chips.Chip(probe.label(), Messages.get(locale, "overview.notFitted"), null, true));
        }
        resized |= temperatures.setChips(probes, 130);
        resized |= renderFlags(t.flags());
        if (resized) {
            scrolling.reflow();
        }
        redrawChartsAtMost(CHART_REDRAW_MILLIS);
        Announce.telemetryShown();
        Announce.snapshotDrawn(cells.paints());
    }

    /**
     * A chart's pixel spans seconds of its window: redrawing it at every 5 Hz snapshot draws nothing new, so
     * charts are redrawn at most every {@code millis}; their data is complete either way.
     */
    private void redrawChartsAtMost(long millis) {
        long now = System.nanoTime();
        if (now - chartsDrawn >= millis * 1_000_000) {
            chartsDrawn = now;
            charts.forEach(TrendChart::redraw);
        }
    }

    private String cellText(CellVoltage c) {
        return String.format(Locale.ROOT, "%.0f mV (B%02d)", c.volts() * 1000, c.index());
    }

    private String probeText(Temperature probe) {
        return String.format(Locale.ROOT, "%.1f °C (%s)", probe.celsius(), probe.label());
    }

    /** @return whether the flag column changed size */
    private boolean renderFlags(List<FlagGroup> groups) {
        boolean changed = groups.size() != flagLamps.size()
                || !groups.stream().map(FlagGroup::key).toList().equals(List.copyOf(flagLamps.keySet()));
        if (changed) {
            flagGroups.values().forEach(Group::dispose);
            flagGroups.clear();
            flagLamps.clear();
            for (FlagGroup g : groups) {
                Group box = group(flagColumn, 1, new GridData(SWT.FILL, SWT.TOP, true, false));
                FlagLamps lamps = new FlagLamps(box);
                lamps.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                lamps.setData(FIELD, "flags." + g.key());
                flagGroups.put(g.key(), box);
                flagLamps.put(g.key(), lamps);
            }
        }
        for (FlagGroup g : groups) {
            flagGroups.get(g.key()).setText(g.label().text(locale) + "  " + g.key());
            changed |= flagLamps.get(g.key()).set(g, legend(FlagLamps.Kind.of(g)), locale);
        }
        return changed;
    }

    private List<String> legend(FlagLamps.Kind kind) {
        String prefix = "flags.legend." + kind.name().toLowerCase(Locale.ROOT) + ".";
        int levels = kind == FlagLamps.Kind.LEVELED ? 4 : 2;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            texts.add(Messages.get(locale, prefix + i));
        }
        return texts;
    }

    private static Group group(Composite parent, int columns, GridData data) {
        Group group = new Group(parent, SWT.NONE);
        group.setLayout(new GridLayout(columns, false));
        group.setLayoutData(data);
        return group;
    }

    private static TrendChart chart(Composite parent, Series series, Color colour, String format) {
        TrendChart chart = new TrendChart(parent, series, colour, format);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.heightHint = 130;
        chart.setLayoutData(data);
        return chart;
    }

    /** Fills the chart series on the polling thread, so the charts keep their history while hidden. */
    private final class History implements TelemetryListener {

        private DeviceSession recording;

        @Override
        public synchronized void snapshot(DeviceSession session, Telemetry t) {
            if (context.session().orElse(null) != session) {
                return;
            }
            if (session != recording) {
                recording = session;
                for (Series s : new Series[] {voltage, current, soc, spread}) {
                    s.clear();
                }
            }
            long now = t.time().toEpochMilli();
            voltage.add(now, t.pack().voltage());
            current.add(now, t.pack().current());
            soc.add(now, t.pack().socPercent());
            spread.add(now, t.cellSpread() * 1000);
        }
    }
}
