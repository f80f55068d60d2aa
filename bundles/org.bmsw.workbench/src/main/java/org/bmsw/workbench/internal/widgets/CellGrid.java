package org.bmsw.workbench.internal.widgets;

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
    private IntFunction<String> moduleTitle = m -> "#" + m;
    private String[] legend = {"max", "min", "balancing"};

    public CellGrid(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
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
        redraw();
        return sizeChanged;
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

    private void paint(GC gc) {
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
        int y = GAP;
        gc.setAntialias(SWT.ON);
        for (List<CellVoltage> module : byModule()) {
            if (headingHeight() > 0) {
                gc.setForeground(Palette.MUTED);
                gc.setFont(bold);
                gc.drawText(moduleTitle.apply(module.get(0).module()), GAP, y + 2, true);
                y += HEADING;
            }
            for (int i = 0; i < module.size(); i++) {
                int x = GAP + (i % columns) * (TILE_W + GAP);
                int ty = y + (i / columns) * (TILE_H + GAP);
                tile(gc, module.get(i), x, ty, lo, hi);
            }
            y += ((module.size() + columns - 1) / columns) * (TILE_H + GAP);
        }
        legend(gc, y + 4, lo, hi);
    }

    private void tile(GC gc, CellVoltage cell, int x, int y, double lo, double hi) {
        boolean measured = !Double.isNaN(cell.volts());
        gc.setBackground(measured ? new Color(Palette.scale((cell.volts() - lo) / (hi - lo))) : Palette.GRID);
        gc.fillRoundRectangle(x, y, TILE_W, TILE_H, 6, 6);
        Color frame = cell.index() == maxIndex ? Palette.FAULT : cell.index() == minIndex ? Palette.LOW : null;
        if (frame != null) {
            gc.setForeground(frame);
            gc.setLineWidth(3);
            gc.drawRoundRectangle(x + 1, y + 1, TILE_W - 3, TILE_H - 3, 6, 6);
            gc.setLineWidth(1);
        }
        gc.setFont(getFont());
        gc.setForeground(Palette.TEXT);
        gc.drawText(String.format(Locale.ROOT, "B%02d", cell.index()), x + 5, y + 3, true);
        if (cell.balancing()) {
            gc.setBackground(Palette.BALANCING);
            gc.fillOval(x + TILE_W - 15, y + 5, 10, 10);
        }
        gc.setFont(bold);
        String mv = millivolts(cell);
        Point extent = gc.textExtent(mv);
        gc.drawText(mv, x + TILE_W - extent.x - 6, y + TILE_H - extent.y - 3, true);
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
        gc.drawText(range, x + 126, y, true);
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
