package org.bmsw.workbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.bmsw.device.api.CellVoltage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * Every cell as a tile coloured on a scale from the lowest (blue) to the highest (red) cell, the lowest and
 * highest framed, balancing cells marked; cells of a cascade grouped under their module's heading. One
 * canvas draws everything: refreshing 48 or 160 cells is one paint, not hundreds of widgets.
 */
public final class CellGrid extends Canvas {

    private static final int TILE_W = 74;
    private static final int TILE_H = 40;
    private static final int GAP = 4;
    private static final int HEADING = 20;
    private static final int LEGEND = 26;
    /** Below this spread the scale is widened, so a balanced pack is not painted in alarm colours. */
    private static final double MIN_SCALE_SPAN = 0.020;

    private final Font bold;
    private List<CellVoltage> cells = List.of();
    private int maxIndex = -1;
    private int minIndex = -1;
    private int shownMax = -2;
    private int shownMin = -2;
    private int paints;
    /** Sizes of the millivolt texts in the bold font: a few hundred distinct ones over a pack's life. */
    private final java.util.Map<String, Point> extents = new java.util.HashMap<>();
    private IntFunction<String> moduleTitle = m -> "#" + m;
    private String[] legend = {"max", "min", "balancing"};

    public CellGrid(Composite parent) {
        super(parent, Fonts.BUFFERING);
        bold = Fonts.derive(this, 1, SWT.BOLD);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> redraw());
    }

    /** @param legendTexts "highest", "lowest", "balancing" in the user's language */
    public void setTexts(IntFunction<String> moduleTitles, String... legendTexts) {
        this.moduleTitle = moduleTitles;
        this.legend = legendTexts.clone();
        redraw();
    }

    /** @return whether the grid needs another size (cells or modules added or gone): lay out its page again */
    public boolean setCells(List<CellVoltage> newCells) {
        boolean sizeChanged = newCells.size() != cells.size() || modules(newCells) != modules(cells);
        boolean looksSame = !sizeChanged && looksSame(cells, newCells);
        cells = List.copyOf(newCells);
        maxIndex = -1;
        minIndex = -1;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (CellVoltage c : cells) {
            if (Double.isNaN(c.volts())) {
                continue;
            }
            if (c.volts() > max) {
                max = c.volts();
                maxIndex = c.index();
            }
            if (c.volts() < min) {
                min = c.volts();
                minIndex = c.index();
            }
        }
        if (!looksSame || maxIndex != shownMax || minIndex != shownMin) {
            shownMax = maxIndex;
            shownMin = minIndex;
            redraw();
        }
        return sizeChanged;
    }

    /** Same millivolts and balancing on every tile: nothing to draw (most cells at most refreshes). */
    private static boolean looksSame(List<CellVoltage> a, List<CellVoltage> b) {
        for (int i = 0; i < a.size(); i++) {
            CellVoltage x = a.get(i);
            CellVoltage y = b.get(i);
            if (x.balancing() != y.balancing() || x.module() != y.module() || !millivolts(x).equals(millivolts(y))) {
                return false;
            }
        }
        return true;
    }

    /** The text a cell's tile shows (millivolts), for tests and tooltips. */
    public String textOf(int index) {
        return cells.stream().filter(c -> c.index() == index).findFirst().map(CellGrid::millivolts).orElse("");
    }

    public int maxIndex() {
        return maxIndex;
    }

    public int minIndex() {
        return minIndex;
    }

    public int cellCount() {
        return cells.size();
    }

    public boolean balancing(int index) {
        return cells.stream().anyMatch(c -> c.index() == index && c.balancing());
    }

    /** Without a width hint, the width it has (once laid out) decides how many rows the tiles wrap to. */
    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int laidOut = getSize().x;
        int width = wHint != SWT.DEFAULT ? wHint : laidOut > 0 ? laidOut : 6 * (TILE_W + GAP) + GAP;
        return new Point(width, hHint == SWT.DEFAULT ? heightFor(width) : hHint);
    }

    private int heightFor(int width) {
        int columns = columns(width);
        int height = GAP;
        for (List<CellVoltage> module : byModule()) {
            height += headingHeight() + ((module.size() + columns - 1) / columns) * (TILE_H + GAP);
        }
        return height + LEGEND;
    }

    private int headingHeight() {
        return modules(cells) > 1 ? HEADING : 0;
    }

    private static int columns(int width) {
        return Math.max(1, (width - GAP) / (TILE_W + GAP));
    }

    private static long modules(List<CellVoltage> list) {
        return list.stream().mapToInt(CellVoltage::module).distinct().count();
    }

    private List<List<CellVoltage>> byModule() {
        List<List<CellVoltage>> groups = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (CellVoltage c : cells) {
            if (c.module() != current || groups.isEmpty()) {
                groups.add(new ArrayList<>());
                current = c.module();
            }
            groups.get(groups.size() - 1).add(c);
        }
        return groups;
    }

    /** How often the grid was painted, for the refresh benchmark. */
    public int paints() {
        return paints;
    }

    private void paint(GC gc) {
        paints++;
        Rectangle area = getClientArea();
        if (cells.isEmpty()) {
            return;
        }
        double lo = voltsOf(minIndex);
        double hi = voltsOf(maxIndex);
        if (hi - lo < MIN_SCALE_SPAN) {
            double mid = (hi + lo) / 2;
            lo = mid - MIN_SCALE_SPAN / 2;
            hi = mid + MIN_SCALE_SPAN / 2;
        }
        int columns = columns(area.width);
        // where each tile goes, then one pass per kind of drawing: switching fonts per tile costs more than the tiles
        List<int[]> places = new ArrayList<>(cells.size());
        List<CellVoltage> ordered = new ArrayList<>(cells.size());
        int y = GAP;
        gc.setAntialias(SWT.ON);
        for (List<CellVoltage> module : byModule()) {
            if (headingHeight() > 0) {
                gc.setForeground(Palette.MUTED);
                gc.setFont(bold);
                gc.drawString(moduleTitle.apply(module.get(0).module()), GAP, y + 2, true);
                y += HEADING;
            }
            for (int i = 0; i < module.size(); i++) {
                places.add(new int[] {GAP + (i % columns) * (TILE_W + GAP), y + (i / columns) * (TILE_H + GAP)});
                ordered.add(module.get(i));
            }
            y += ((module.size() + columns - 1) / columns) * (TILE_H + GAP);
        }
        for (int i = 0; i < ordered.size(); i++) {
            CellVoltage cell = ordered.get(i);
            int[] p = places.get(i);
            gc.setBackground(Double.isNaN(cell.volts()) ? Palette.GRID : new Color(Palette.scale((cell.volts() - lo) / (hi - lo))));
            gc.fillRoundRectangle(p[0], p[1], TILE_W, TILE_H, 6, 6);
            Color frame = cell.index() == maxIndex ? Palette.FAULT : cell.index() == minIndex ? Palette.LOW : null;
            if (frame != null) {
                gc.setForeground(frame);
                gc.setLineWidth(3);
                gc.drawRoundRectangle(p[0] + 1, p[1] + 1, TILE_W - 3, TILE_H - 3, 6, 6);
                gc.setLineWidth(1);
            }
            if (cell.balancing()) {
                gc.setBackground(Palette.BALANCING);
                gc.fillOval(p[0] + TILE_W - 15, p[1] + 5, 10, 10);
            }
        }
        gc.setForeground(Palette.TEXT);
        gc.setFont(getFont());
        for (int i = 0; i < ordered.size(); i++) {
            int[] p = places.get(i);
            gc.drawString(String.format(Locale.ROOT, "B%02d", ordered.get(i).index()), p[0] + 5, p[1] + 3, true);
        }
        gc.setFont(bold);
        for (int i = 0; i < ordered.size(); i++) {
            int[] p = places.get(i);
            String mv = millivolts(ordered.get(i));
            Point extent = extents.computeIfAbsent(mv, gc::stringExtent);
            gc.drawString(mv, p[0] + TILE_W - extent.x - 6, p[1] + TILE_H - extent.y - 3, true);
        }
        legend(gc, y + 4, lo, hi);
    }

    private void legend(GC gc, int y, double lo, double hi) {
        gc.setFont(getFont());
        int x = GAP;
        for (int i = 0; i < 120; i += 4) {
            gc.setBackground(new Color(Palette.scale(i / 120.0)));
            gc.fillRectangle(x + i, y + 4, 4, 10);
        }
        gc.setForeground(Palette.MUTED);
        String range = String.format(Locale.ROOT, "%.0f – %.0f mV", lo * 1000, hi * 1000);
        gc.drawString(range, x + 126, y, true);
        x += 130 + gc.textExtent(range).x;
        x = marker(gc, x, y, Palette.FAULT, legend[0], false);
        x = marker(gc, x, y, Palette.LOW, legend[1], false);
        marker(gc, x, y, Palette.BALANCING, legend[2], true);
    }

    private int marker(GC gc, int x, int y, Color colour, String text, boolean dot) {
        if (dot) {
            gc.setBackground(colour);
            gc.fillOval(x, y + 4, 10, 10);
        } else {
            gc.setForeground(colour);
            gc.setLineWidth(3);
            gc.drawRectangle(x + 1, y + 3, 14, 11);
            gc.setLineWidth(1);
        }
        gc.setForeground(Palette.MUTED);
        gc.drawText(text, x + 20, y, true);
        return x + 34 + gc.textExtent(text).x;
    }

    private double voltsOf(int index) {
        return cells.stream().filter(c -> c.index() == index).mapToDouble(CellVoltage::volts).findFirst().orElse(Double.NaN);
    }

    private static String millivolts(CellVoltage cell) {
        return Double.isNaN(cell.volts()) ? "–" : String.format(Locale.ROOT, "%.0f", cell.volts() * 1000);
    }
}
