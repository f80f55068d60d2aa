package org.bmsw.workbench.ui;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/** The few colours every page agrees on (SWT colours made without a device need no disposing). */
public final class Palette {

    public static final Color OK = new Color(46, 160, 67);
    public static final Color ALARM_1 = new Color(230, 190, 0);
    public static final Color ALARM_2 = new Color(240, 128, 0);
    public static final Color FAULT = new Color(208, 36, 36);
    public static final Color OFF = new Color(170, 170, 170);
    public static final Color LOW = new Color(40, 110, 220);
    public static final Color TEXT = new Color(30, 30, 30);
    public static final Color MUTED = new Color(110, 110, 110);
    public static final Color GRID = new Color(222, 222, 222);
    public static final Color PANEL = new Color(250, 250, 250);
    public static final Color CHANGED = new Color(255, 236, 150);
    public static final Color INVALID = new Color(255, 190, 190);
    public static final Color CONFIRM = new Color(255, 214, 160);
    public static final Color UNFLASHED = new Color(200, 225, 255);
    public static final Color BALANCING = new Color(255, 170, 0);

    private Palette() {
    }

    /** A colour scale for a position 0..1: blue (lowest), green (middle), red (highest). */
    public static RGB scale(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0.5 : t));
        if (x < 0.5) {
            return mix(new RGB(90, 150, 235), new RGB(120, 200, 120), x * 2);
        }
        return mix(new RGB(120, 200, 120), new RGB(235, 110, 90), (x - 0.5) * 2);
    }

    private static RGB mix(RGB a, RGB b, double t) {
        return new RGB((int) Math.round(a.red + (b.red - a.red) * t), (int) Math.round(a.green + (b.green - a.green) * t),
                (int) Math.round(a.blue + (b.blue - a.blue) * t));
    }
}
