package org.bmsw.workbench.records.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.bmsw.recorder.Series;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A metric over a whole recording from the recorder's decimated {@link Series}: per bucket a vertical bar from min to
 * max (no peak is lost however many snapshots fall into one), and the mean as a line; gaps where nothing was
 * recorded. As many buckets as the chart has pixel columns, so a month draws as fast as a minute.
 */
final class RecordChart extends Canvas {

    private static final int LEFT = 52;
    private static final int TOP = 20;
    private static final int BOTTOM = 16;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Color line;
    private final Color band;
    private final String format;
    private Series series;
    private double scale = 1;
    private String title = "";
    private String unit = "";
    private String empty = "";

    /** @param valueFormat e.g. {@code %.2f}, for values after scaling */
    RecordChart(Composite parent, Color lineColour, String valueFormat) {
        super(parent, SWT.NONE);
        this.line = lineColour;
        this.band = new Color((lineColour.getRed() + 3 * 255) / 4, (lineColour.getGreen() + 3 * 255) / 4,
                (lineColour.getBlue() + 3 * 255) / 4);
        this.format = valueFormat;
        addPaintListener(e -> paint(e.gc));
    }

    void setTexts(String titleText, String unitText, String emptyText) {
        title = titleText;
        unit = unitText;
        empty = emptyText;
        redraw();
    }

    /** @param factor multiplies the recorded values, e.g. 1000 to show volts as millivolts; null series clears */
    void show(Series data, double factor) {
        series = data;
        scale = factor;
        redraw();
    }

    Series series() {
        return series;
    }

    /** Pixel columns available for buckets: what to ask the recorder for. */
    int buckets() {
        return Math.max(50, getClientArea().width - LEFT - 6);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 320 : wHint, hHint == SWT.DEFAULT ? 150 : hHint);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(Palette.PANEL);
        gc.fillRectangle(area);
        gc.setForeground(Palette.TEXT);
        gc.drawText(title + (unit.isEmpty() ? "" : " (" + unit + ")"), 4, 2, true);
        int plotW = area.width - LEFT - 6;
        int plotH = area.height - TOP - BOTTOM - 2;
        if (plotW < 10 || plotH < 10) {
            return;
        }
        gc.setForeground(Palette.GRID);
        for (int g = 0; g <= 4; g++) {
            int y = TOP + plotH * g / 4;
            gc.drawLine(LEFT, y, LEFT + plotW, y);
        }
        Series s = series;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (s != null) {
            for (int i = 0; i < s.size(); i++) {
                if (s.count()[i] > 0) {
                    lo = Math.min(lo, s.min()[i] * scale);
                    hi = Math.max(hi, s.max()[i] * scale);
                }
            }
        }
        gc.setForeground(Palette.MUTED);
        if (!(lo <= hi)) {
            gc.drawText(empty, LEFT + 8, TOP + plotH / 2 - 8, true);
            return;
        }
        double pad = Math.max((hi - lo) * 0.08, Math.max(Math.abs(hi) * 0.001, 1e-3));
        lo -= pad;
        hi += pad;
        gc.drawText(String.format(Locale.ROOT, format, hi), 2, TOP - 2, true);
        gc.drawText(String.format(Locale.ROOT, format, lo), 2, TOP + plotH - 14, true);
        String from = time(s.from().toEpochMilli());
        String to = time(s.bucketStart(s.size()).toEpochMilli());
        gc.drawText(from, LEFT, TOP + plotH + 1, true);
        gc.drawText(to, LEFT + plotW - gc.stringExtent(to).x, TOP + plotH + 1, true);

        int n = s.size();
        int[] mean = new int[n * 2];
        int points = 0;
        for (int i = 0; i < n; i++) {
            int x = LEFT + (int) ((i + 0.5) * plotW / n);
            if (s.count()[i] == 0) {
                points = flush(gc, mean, points);
                continue;
            }
            gc.setForeground(band);
            gc.drawLine(x, y(s.max()[i] * scale, lo, hi, plotH), x, y(s.min()[i] * scale, lo, hi, plotH));
            mean[points++] = x;
            mean[points++] = y(s.mean()[i] * scale, lo, hi, plotH);
        }
        flush(gc, mean, points);
    }

    private static int y(double v, double lo, double hi, int plotH) {
        return TOP + (int) Math.round((hi - v) / (hi - lo) * plotH);
    }

    private int flush(GC gc, int[] poly, int n) {
        gc.setForeground(line);
        gc.setLineWidth(2);
        if (n >= 4) {
            int[] part = new int[n];
            System.arraycopy(poly, 0, part, 0, n);
            gc.drawPolyline(part);
        } else if (n == 2) {
            gc.drawPoint(poly[0], poly[1]);
        }
        gc.setLineWidth(1);
        return 0;
    }

    private static String time(long millis) {
        return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneId.systemDefault()).format(TIME);
    }
}
