package org.bmsw.workbench.internal.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Chips;
import org.bmsw.workbench.ui.FlagLamps;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Cell information in detail: every cell with its deviation from the pack average and its balancing
 * switch, grouped by module for a cascade (BIU and its BMUs); every probe by module, unfitted ones said as
 * such; and what else the device measures (insulation, KeyOn / wake-up / VCC, charger output ...) with
 * relays and inputs as lamps. Values the device marks as out of range are shown in red.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=150")
public class CellsPage implements WorkbenchPage {

    private final LiveTelemetry live;
    private final WorkbenchContext context;

    // UI thread only
    private Locale locale;
    private Scrolling scrolling;
    private LiveFeed feed;
    private Telemetry shown;
    private Group cellGroup;
    private Group probeGroup;
    private Group quantityGroup;
    private Group ioGroup;
    private ValueList summary;
    private Tree cellTree;
    private Tree probeTree;
    private Tree quantityTree;
    private Chips io;
    private Label nothingMore;
    private List<Integer> cellShape = List.of();
    private List<Integer> probeShape = List.of();
    private List<String> quantityShape = List.of();

    @Activate
    public CellsPage(@Reference LiveTelemetry live, @Reference WorkbenchContext context) {
        this.live = live;
        this.context = context;
    }

    @Override
    public String id() {
        return "cells";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.cells.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        scrolling = new Scrolling(parent);
        Composite root = scrolling.content();
        root.setLayout(new GridLayout(2, false));

        cellGroup = new Group(root, SWT.NONE);
        cellGroup.setLayout(new GridLayout(1, false));
        cellGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 1, 3));
        summary = new ValueList(cellGroup, List.of("summary.count", "summary.modules", "summary.average",
                "summary.spread", "summary.balancing"), Format.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        summary.setData(OverviewPage.FIELD, "summary");
        cellTree = tree(cellGroup, 4, 560);
        cellTree.setData(OverviewPage.FIELD, "cells.table");

        probeGroup = new Group(root, SWT.NONE);
        probeGroup.setLayout(new GridLayout(1, false));
        probeGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        probeTree = tree(probeGroup, 2, 220);
        probeTree.setData(OverviewPage.FIELD, "probes.table");

        quantityGroup = new Group(root, SWT.NONE);
        quantityGroup.setLayout(new GridLayout(1, false));
        quantityGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        nothingMore = new Label(quantityGroup, SWT.WRAP);
        nothingMore.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        quantityTree = tree(quantityGroup, 3, 200);
        quantityTree.getColumn(0).setWidth(260);
        quantityTree.setData(OverviewPage.FIELD, "quantities.table");

        ioGroup = new Group(root, SWT.NONE);
        ioGroup.setLayout(new GridLayout(1, false));
        ioGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        io = new Chips(ioGroup);
        io.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        io.setData(OverviewPage.FIELD, "io");

        relabel();
        feed = new LiveFeed(live, context, root, this::render);
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        cellShape = List.of();
        probeShape = List.of();
        quantityShape = List.of();
        render(shown);
    }

    @Override
    public void disposeContents() {
        if (feed != null) {
            feed.close();
        }
    }

    private void relabel() {
        cellGroup.setText(Messages.get(locale, "cells.group.cells"));
        probeGroup.setText(Messages.get(locale, "cells.group.probes"));
        quantityGroup.setText(Messages.get(locale, "cells.group.quantities"));
        ioGroup.setText(Messages.get(locale, "cells.group.io"));
        nothingMore.setText(Messages.get(locale, "cells.noQuantities"));
        summary.relabel(key -> Messages.get(locale, "cells.field." + key.substring("summary.".length())));
        headers(cellTree, "cells.column.cell", "cells.column.voltage", "cells.column.deviation", "cells.column.balancing");
        headers(probeTree, "cells.column.probe", "cells.column.temperature");
        headers(quantityTree, "cells.column.quantity", "cells.column.value", "cells.column.category");
        scrolling.reflow();
    }

    private void headers(Tree tree, String... keys) {
        for (int i = 0; i < keys.length; i++) {
            tree.getColumn(i).setText(Messages.get(locale, keys[i]));
        }
    }

    private void render(Telemetry t) {
        shown = t;
        if (t == null) {
            summary.keys().forEach(key -> summary.set(key, Format.NONE));
            cellTree.removeAll();
            probeTree.removeAll();
            quantityTree.removeAll();
            cellShape = List.of();
            probeShape = List.of();
            quantityShape = List.of();
            io.setChips(List.of(), 150);
            return;
        }
        renderCells(t);
        renderProbes(t.temperatures());
        renderQuantities(t.quantities());
        renderIo(t.flags());
    }

    private void renderCells(Telemetry t) {
        List<CellVoltage> cells = t.cells();
        double average = cells.stream().filter(c -> !Double.isNaN(c.volts())).mapToDouble(CellVoltage::volts).average()
                .orElse(Double.NaN);
        Map<Integer, List<CellVoltage>> modules = new LinkedHashMap<>();
        cells.forEach(c -> modules.computeIfAbsent(c.module(), m -> new ArrayList<>()).add(c));
        summary.set("summary.count", Integer.toString(cells.size()));
        summary.set("summary.modules", Integer.toString(modules.size()));
        summary.set("summary.average", Format.withUnit(average * 1000, 1, "mV"));
        summary.set("summary.spread", Format.withUnit(t.cellSpread() * 1000, 0, "mV"));
        summary.set("summary.balancing", Long.toString(cells.stream().filter(CellVoltage::balancing).count()));
        List<Integer> shape = modules.values().stream().map(List::size).toList();
        boolean grouped = modules.size() > 1;
        if (!shape.equals(cellShape)) {
            cellShape = shape;
            cellTree.removeAll();
            modules.forEach((module, list) -> {
                TreeItem parent = grouped ? new TreeItem(cellTree, SWT.NONE) : null;
                for (int i = 0; i < list.size(); i++) {
                    if (parent != null) {
                        new TreeItem(parent, SWT.NONE);
                    } else {
                        new TreeItem(cellTree, SWT.NONE);
                    }
                }
                if (parent != null) {
                    parent.setExpanded(true);
                }
            });
        }
        int maxIndex = t.maxCell().map(CellVoltage::index).orElse(-1);
        int minIndex = t.minCell().map(CellVoltage::index).orElse(-1);
        int moduleRow = 0;
        for (var entry : modules.entrySet()) {
            List<CellVoltage> list = entry.getValue();
            TreeItem[] rows;
            if (grouped) {
                TreeItem parent = cellTree.getItem(moduleRow++);
                double lo = list.stream().mapToDouble(CellVoltage::volts).min().orElse(Double.NaN);
                double hi = list.stream().mapToDouble(CellVoltage::volts).max().orElse(Double.NaN);
                text(parent, 0, Messages.format(locale, entry.getKey() == 0 ? "cells.module.main" : "cells.module.n",
                        entry.getKey()));
                text(parent, 1, Format.number(lo * 1000, 0) + " – " + Format.number(hi * 1000, 0));
                text(parent, 2, Messages.format(locale, "cells.module.count", list.size()));
                rows = parent.getItems();
            } else {
                rows = cellTree.getItems();
            }
            for (int i = 0; i < list.size() && i < rows.length; i++) {
                CellVoltage c = list.get(i);
                TreeItem row = rows[i];
                text(row, 0, String.format(Locale.ROOT, "B%02d", c.index()));
                text(row, 1, Format.number(c.volts() * 1000, 0));
                text(row, 2, Format.number((c.volts() - average) * 1000, 1));
                text(row, 3, c.balancing() ? Messages.get(locale, "cells.balancing.on") : "");
                Color colour = c.index() == maxIndex ? Palette.FAULT : c.index() == minIndex ? Palette.LOW : null;
                if (!Objects.equals(row.getForeground(), colour == null ? cellTree.getForeground() : colour)) {
                    row.setForeground(colour);
                }
            }
        }
    }

    private void renderProbes(List<Temperature> probes) {
        List<Integer> shape = probes.stream().map(Temperature::module).toList();
        boolean grouped = probes.stream().mapToInt(Temperature::module).distinct().count() > 1;
        if (!shape.equals(probeShape)) {
            probeShape = shape;
            probeTree.removeAll();
            Map<Integer, TreeItem> parents = new LinkedHashMap<>();
            for (Temperature probe : probes) {
                if (grouped) {
                    TreeItem parent = parents.computeIfAbsent(probe.module(), m -> {
                        TreeItem item = new TreeItem(probeTree, SWT.NONE);
                        item.setText(0, Messages.format(locale, m == 0 ? "cells.module.main" : "cells.module.n", m));
                        return item;
                    });
                    new TreeItem(parent, SWT.NONE);
                } else {
                    new TreeItem(probeTree, SWT.NONE);
                }
            }
            parents.values().forEach(p -> p.setExpanded(true));
        }
        List<TreeItem> rows = leaves(probeTree);
        for (int i = 0; i < probes.size() && i < rows.size(); i++) {
            Temperature probe = probes.get(i);
            text(rows.get(i), 0, probe.label());
            text(rows.get(i), 1, probe.fitted() ? Format.withUnit(probe.celsius(), 1, "°C")
                    : Messages.get(locale, "overview.notFitted"));
            rows.get(i).setForeground(probe.fitted() ? null : Palette.MUTED);
        }
    }

    private void renderQuantities(List<Quantity> quantities) {
        nothingMore.setVisible(quantities.isEmpty());
        ((GridData) nothingMore.getLayoutData()).exclude = !quantities.isEmpty();
        List<String> shape = quantities.stream().map(Quantity::key).toList();
        if (!shape.equals(quantityShape)) {
            quantityShape = shape;
            quantityTree.removeAll();
            quantities.forEach(q -> new TreeItem(quantityTree, SWT.NONE));
            quantityGroup.layout(true, true);
        }
        TreeItem[] rows = quantityTree.getItems();
        for (int i = 0; i < quantities.size(); i++) {
            Quantity q = quantities.get(i);
            text(rows[i], 0, q.label().text(locale));
            text(rows[i], 1, Format.withUnit(q.value(), Format.decimalsFor(q.unit(), q.value()), q.unit()));
            text(rows[i], 2, Messages.get(locale, "cells.category." + q.category()).startsWith("!") ? q.category()
                    : Messages.get(locale, "cells.category." + q.category()));
            rows[i].setForeground(q.flagged() ? Palette.FAULT : null);
        }
    }

    /** Relays, inputs and any other state family beyond the overview's alarm, protection and status lamps. */
    private void renderIo(List<FlagGroup> groups) {
        List<Chips.Chip> chips = new ArrayList<>();
        for (FlagGroup group : groups) {
            if (FlagGroup.ALARM.equals(group.key()) || FlagGroup.PROTECT.equals(group.key())
                    || FlagGroup.STATUS.equals(group.key())) {
                continue;
            }
            FlagLamps.Kind kind = FlagLamps.Kind.of(group);
            for (Flag flag : group.flags()) {
                chips.add(new Chips.Chip(flag.key(), flag.label().text(locale), FlagLamps.colour(kind, flag.level()),
                        !flag.active()));
            }
        }
        if (io.setChips(chips, 235)) {
            scrolling.reflow();
        }
    }

    private static List<TreeItem> leaves(Tree tree) {
        List<TreeItem> leaves = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            if (item.getItemCount() > 0) {
                leaves.addAll(List.of(item.getItems()));
            } else {
                leaves.add(item);
            }
        }
        return leaves;
    }

    private static void text(TreeItem item, int column, String text) {
        if (!text.equals(item.getText(column))) {
            item.setText(column, text);
        }
    }

    private static Tree tree(Composite parent, int columns, int height) {
        Tree tree = new Tree(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.heightHint = height;
        tree.setLayoutData(data);
        for (int i = 0; i < columns; i++) {
            new TreeColumn(tree, SWT.LEFT).setWidth(i == 0 ? 150 : 120);
        }
        return tree;
    }
}
