package org.bmsw.workbench.ui;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A live line chart of one quantity over the last minutes, drawn on a canvas: title with the latest value,
 * the axis range, a faint grid, and one polyline of at most one point per pixel column.
 */
public final class TrendChart extends Canvas {

    private static final int LEFT = 46;
    private static final int TOP = 20;
    private static final int BOTTOM = 14;
    private static final long MIN_SPAN = 30_000;

    private final Series series;
    private final long[] times;
    private final double[] values;
    private final Color line;
    private final String format;
    private String title = "";
    private String unit = "";
    private long windowMillis = 10 * 60_000L;
    private java.util.function.LongFunction<String> spanText = millis -> millis / 1000 + " s";

    /** @param valueFormat e.g. {@code %.2f} */
    public TrendChart(Composite parent, Series data, Color lineColour, String valueFormat) {
        super(parent, Fonts.BUFFERING);
        this.series = data;
        this.times = new long[data.capacity()];
        this.values = new double[data.capacity()];
        this.line = lineColour;
        this.format = valueFormat;
        addPaintListener(e -> paint(e.gc));
    }

    /** @param spanLabel names the time span shown, e.g. "last 2 min", from its length in milliseconds */
    public void setTitle(String text, String unitText, java.util.function.LongFunction<String> spanLabel) {
        title = text;
        unit = unitText;
        spanText = spanLabel;
        redraw();
    }

    /** The longest span shown; a younger history fills the chart as it grows. */
    public void setWindow(long millis) {
        windowMillis = millis;
        redraw();
    }

    public Series series() {
        return series;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 260 : wHint, hHint == SWT.DEFAULT ? 150 : hHint);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(Palette.PANEL);
        gc.fillRectangle(area);
        gc.setForeground(Palette.TEXT);
        double last = series.latest();
        gc.drawText(title + (Double.isNaN(last) ? "" : "  " + String.format(Locale.ROOT, format, last) + " " + unit),
                4, 2, true);
        int plotW = area.width - LEFT - 6;
        int plotH = area.height - TOP - BOTTOM - 2;
        if (plotW < 10 || plotH < 10) {
            return;
        }
        long latest = series.latestTime();
        int size = series.copySince(latest - windowMillis, times, values);
        long span = size == 0 ? windowMillis : Math.min(windowMillis, Math.max(MIN_SPAN, latest - times[0]));
        long from = latest - span;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            if (!Double.isNaN(values[k])) {
                lo = Math.min(lo, values[k]);
                hi = Math.max(hi, values[k]);
            }
        }
        gc.setForeground(Palette.GRID);
        for (int g = 0; g <= 4; g++) {
            int y = TOP + plotH * g / 4;
            gc.drawLine(LEFT, y, LEFT + plotW, y);
        }
        gc.setForeground(Palette.MUTED);
        gc.drawText(spanText.apply(span), LEFT, TOP + plotH + 1, true);
        if (lo > hi) {
            return;
        }
        double pad = Math.max((hi - lo) * 0.1, Math.max(Math.abs(hi) * 0.001, 1e-3));
        lo -= pad;
        hi += pad;
        gc.drawText(String.format(Locale.ROOT, format, hi), 2, TOP - 2, true);
        gc.drawText(String.format(Locale.ROOT, format, lo), 2, TOP + plotH - 14, true);
        gc.setForeground(line);
        gc.setLineWidth(2);
        gc.setAntialias(SWT.ON);
        int[] poly = new int[Math.min(size, plotW + 1) * 2 + 2];
        int n = 0;
        int lastX = Integer.MIN_VALUE;
        for (int k = 0; k < size; k++) {
            if (Double.isNaN(values[k])) {
                n = flush(gc, poly, n);
                lastX = Integer.MIN_VALUE;
                continue;
            }
            int x = LEFT + (int) ((times[k] - from) * plotW / Math.max(1, span));
            int y = TOP + (int) Math.round((hi - values[k]) / (hi - lo) * plotH);
            if (x == lastX && n >= 2) {
                poly[n - 1] = y; // one point per pixel column: the latest wins
                continue;
            }
            if (n + 2 > poly.length) {
                n = flush(gc, poly, n);
            }
            poly[n++] = x;
            poly[n++] = y;
            lastX = x;
        }
        flush(gc, poly, n);
        gc.setLineWidth(1);
    }

    private static int flush(GC gc, int[] poly, int n) {
        if (n >= 4) {
            int[] part = new int[n];
            System.arraycopy(poly, 0, part, 0, n);
            gc.drawPolyline(part);
        } else if (n == 2) {
            gc.drawPoint(poly[0], poly[1]);
        }
        return 0;
    }
}
