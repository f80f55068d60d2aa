package org.bmsw.workbench.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/** One coloured lamp with its text: the pack's overall state (green normal, orange alarm, red fault). */
public final class StateLamp extends Canvas {

    private Color colour = Palette.OFF;
    private String text = "";

    public StateLamp(Composite parent) {
        super(parent, Fonts.BUFFERING);
        addPaintListener(e -> paint(e.gc));
    }

    /** @return whether the text changed (and with it the lamp's size) */
    public boolean set(Color lampColour, String lampText) {
        boolean resize = !lampText.equals(text);
        if (lampColour != colour || resize) {
            colour = lampColour;
            text = lampText;
            redraw();
        }
        return resize;
    }

    public String text() {
        return text;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        GC gc = new GC(this);
        try {
            Point extent = gc.textExtent(text.isEmpty() ? "M" : text);
            return new Point(extent.x + 28, Math.max(20, extent.y + 6));
        } finally {
            gc.dispose();
        }
    }

    private void paint(GC gc) {
        int h = getClientArea().height;
        gc.setAntialias(SWT.ON);
        gc.setBackground(colour);
        gc.fillOval(2, (h - 16) / 2, 16, 16);
        gc.setForeground(Palette.TEXT);
        Point extent = gc.textExtent(text);
        gc.drawText(text, 24, (h - extent.y) / 2, true);
    }
}
