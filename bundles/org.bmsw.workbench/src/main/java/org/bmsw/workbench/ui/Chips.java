package org.bmsw.workbench.ui;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/** Small labelled values in rows that wrap: temperatures, relays, inputs, further measurements. */
public final class Chips extends Canvas {

    /**
     * One chip.
     *
     * @param label  e.g. T01
     * @param value  e.g. 29.7 °C, or "not fitted"
     * @param colour the marker's colour; null for none
     * @param muted  greyed (absent, not fitted)
     */
    public record Chip(String label, String value, Color colour, boolean muted) {
    }

    private static final int HEIGHT = 24;
    private static final int GAP = 6;

    private final Font bold;
    private List<Chip> chips = List.of();
    private int chipWidth = 110;

    public Chips(Composite parent) {
        super(parent, Fonts.BUFFERING);
        bold = Fonts.derive(this, 0, SWT.BOLD);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> redraw());
    }

    /** @return whether the chips need another size: lay out the page again */
    public boolean setChips(List<Chip> newChips, int width) {
        if (newChips.equals(chips) && width == chipWidth) {
            return false;
        }
        boolean relayout = newChips.size() != chips.size() || width != chipWidth;
        chips = List.copyOf(newChips);
        chipWidth = width;
        redraw();
        return relayout;
    }

    public List<Chip> chips() {
        return chips;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int laidOut = getSize().x;
        int width = wHint != SWT.DEFAULT ? wHint : laidOut > 0 ? laidOut : 4 * (chipWidth + GAP);
        int perRow = Math.max(1, width / (chipWidth + GAP));
        int rows = Math.max(1, (chips.size() + perRow - 1) / perRow);
        return new Point(width, hHint == SWT.DEFAULT ? rows * (HEIGHT + GAP) : hHint);
    }

    private void paint(GC gc) {
        int perRow = Math.max(1, getClientArea().width / (chipWidth + GAP));
        gc.setAntialias(SWT.ON);
        for (int i = 0; i < chips.size(); i++) {
            Chip chip = chips.get(i);
            int x = (i % perRow) * (chipWidth + GAP);
            int y = (i / perRow) * (HEIGHT + GAP);
            gc.setBackground(Palette.PANEL);
            gc.fillRoundRectangle(x, y, chipWidth, HEIGHT, 8, 8);
            gc.setForeground(Palette.GRID);
            gc.drawRoundRectangle(x, y, chipWidth - 1, HEIGHT - 1, 8, 8);
            int tx = x + 6;
            if (chip.colour() != null) {
                gc.setBackground(chip.colour());
                gc.fillOval(tx, y + 7, 10, 10);
                tx += 14;
            }
            gc.setClipping(x, y, chipWidth - 2, HEIGHT);
            gc.setFont(bold);
            gc.setForeground(Palette.TEXT);
            gc.drawText(chip.label(), tx, y + 4, true);
            tx += gc.textExtent(chip.label()).x + 6;
            gc.setFont(getFont());
            gc.setForeground(chip.muted() ? Palette.MUTED : Palette.TEXT);
            gc.drawText(chip.value(), tx, y + 4, true);
            gc.setClipping((org.eclipse.swt.graphics.Rectangle) null);
        }
    }
}
