package org.bmsw.workbench.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * Names and live values in two columns, drawn on one canvas. A changed value repaints its own row only;
 * labels would make the toolkit negotiate the window's layout again on every text change, several times
 * per snapshot at 5 Hz.
 */
public final class ValueList extends Canvas {

    private static final int ROW = 20;
    private static final int GAP = 12;

    private final Font bold;
    private final List<String> keys;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private int nameWidth = 120;

    public ValueList(Composite parent, List<String> rowKeys, String empty) {
        super(parent, Fonts.BUFFERING);
        bold = Fonts.derive(this, 0, SWT.BOLD);
        keys = List.copyOf(rowKeys);
        keys.forEach(k -> {
            names.put(k, k);
            values.put(k, empty);
        });
        addPaintListener(e -> paint(e.gc));
    }

    /** Names in the user's language; the name column takes the widest. */
    public void relabel(Function<String, String> name) {
        keys.forEach(k -> names.put(k, name.apply(k)));
        GC gc = new GC(this);
        try {
            nameWidth = 0;
            for (String n : names.values()) {
                nameWidth = Math.max(nameWidth, gc.stringExtent(n).x);
            }
        } finally {
            gc.dispose();
        }
        redraw();
    }

    public void set(String key, String text) {
        if (!text.equals(values.put(key, text))) {
            int row = keys.indexOf(key);
            redraw(0, row * ROW, getSize().x, ROW, false);
        }
    }

    /** What a row shows, for tests. */
    public String text(String key) {
        return values.get(key);
    }

    public List<String> keys() {
        return new ArrayList<>(keys);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? nameWidth + GAP + 150 : wHint, hHint == SWT.DEFAULT ? keys.size() * ROW : hHint);
    }

    private void paint(GC gc) {
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int y = i * ROW + 2;
            gc.setFont(getFont());
            gc.setForeground(Palette.TEXT);
            gc.drawString(names.get(key), 4, y, true);
            gc.setFont(bold);
            gc.drawString(values.get(key), 4 + nameWidth + GAP, y, true);
        }
    }
}
