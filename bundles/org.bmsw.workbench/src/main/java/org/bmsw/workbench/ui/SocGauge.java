package org.bmsw.workbench.ui;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/** State of charge as a 270° arc with the percentage in the middle and a caption below it. */
public final class SocGauge extends Canvas {

    private static final int SWEEP = 270;
    private static final int START = 225;

    private final Font big;
    private double percent = Double.NaN;
    private String caption = "";

    public SocGauge(Composite parent) {
        super(parent, Fonts.BUFFERING);
        big = Fonts.derive(this, 12, SWT.BOLD);
        addPaintListener(e -> paint(e.gc));
    }

    /** NaN shows a dash. */
    public void set(double socPercent, String captionText) {
        if (Double.compare(socPercent, percent) != 0 || !captionText.equals(caption)) {
            percent = socPercent;
            caption = captionText;
            redraw();
        }
    }

    /** What the gauge shows, e.g. {@code 29%}. */
    public String text() {
        return Double.isNaN(percent) ? "–" : String.format(Locale.ROOT, "%.0f%%", percent);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 160 : wHint, hHint == SWT.DEFAULT ? 140 : hHint);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        int size = Math.min(area.width, area.height + 20) - 20;
        if (size <= 20) {
            return;
        }
        int x = area.x + (area.width - size) / 2;
        int y = area.y + 8;
        gc.setAntialias(SWT.ON);
        gc.setLineCap(SWT.CAP_FLAT);
        gc.setLineWidth(14);
        gc.setForeground(Palette.GRID);
        gc.drawArc(x + 7, y + 7, size - 14, size - 14, START, -SWEEP);
        if (!Double.isNaN(percent)) {
            gc.setForeground(colour());
            int arc = (int) Math.round(SWEEP * Math.max(0, Math.min(100, percent)) / 100.0);
            gc.drawArc(x + 7, y + 7, size - 14, size - 14, START, -arc);
        }
        gc.setLineWidth(1);
        gc.setForeground(Palette.TEXT);
        gc.setFont(big);
        String value = text();
        Point extent = gc.textExtent(value);
        gc.drawText(value, x + (size - extent.x) / 2, y + (size - extent.y) / 2 - 6, true);
        gc.setFont(getFont());
        gc.setForeground(Palette.MUTED);
        Point captionExtent = gc.textExtent(caption);
        gc.drawText(caption, x + (size - captionExtent.x) / 2, y + (size + extent.y) / 2 - 4, true);
    }

    private Color colour() {
        if (percent < 15) {
            return Palette.FAULT;
        }
        return percent < 30 ? Palette.ALARM_2 : Palette.OK;
    }
}
