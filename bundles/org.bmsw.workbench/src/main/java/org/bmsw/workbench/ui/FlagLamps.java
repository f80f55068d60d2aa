package org.bmsw.workbench.ui;

import java.util.List;
import java.util.Locale;

import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Severity;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * One flag family as lamps with the manual's legend above them: alarms by level (no alarm, level 1, 2, 3),
 * protections (unprotected, protected), states (enabled, disabled). Each lamp carries the flag's key and
 * its meaning in the user's language; hovering shows the meaning in full.
 */
public final class FlagLamps extends Canvas {

    /** How a family's levels read. */
    public enum Kind {
        LEVELED, PROTECTION, STATE;

        public static Kind of(FlagGroup group) {
            if (FlagGroup.ALARM.equals(group.key())) {
                return LEVELED;
            }
            boolean fault = group.flags().stream().anyMatch(f -> f.severity() == Severity.FAULT);
            return fault ? PROTECTION : STATE;
        }
    }

    private static final int ROW = 20;
    private static final int LEGEND_ROW = 22;

    private final Font bold;
    private FlagGroup group;
    private Kind kind = Kind.STATE;
    private List<String> legend = List.of();
    private Locale locale = Locale.ENGLISH;

    public FlagLamps(Composite parent) {
        super(parent, Fonts.BUFFERING);
        bold = Fonts.derive(this, 0, SWT.BOLD);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseMove, e -> {
            String tip = tooltipAt(e.x, e.y);
            if (!java.util.Objects.equals(tip, getToolTipText())) {
                setToolTipText(tip);
            }
        });
    }

    /**
     * @param legendTexts the legend in the user's language, one per level colour (LEVELED: 4, PROTECTION: 2,
     *                    STATE: 2)
     * @return whether the lamps need another size: lay out the page again
     */
    public boolean set(FlagGroup flags, List<String> legendTexts, Locale textLocale) {
        boolean resize = group == null || group.flags().size() != flags.flags().size();
        boolean same = flags.equals(group) && legendTexts.equals(legend) && textLocale.equals(locale);
        group = flags;
        kind = Kind.of(flags);
        legend = List.copyOf(legendTexts);
        locale = textLocale;
        if (!same) {
            redraw();
        }
        return resize;
    }

    public FlagGroup group() {
        return group;
    }

    /** The colour a flag's lamp has at a level. */
    public static Color colour(Kind kind, int level) {
        return switch (kind) {
            case LEVELED -> switch (level) {
                case 0 -> Palette.OK;
                case 1 -> Palette.ALARM_1;
                case 2 -> Palette.ALARM_2;
                default -> Palette.FAULT;
            };
            case PROTECTION -> level > 0 ? Palette.FAULT : Palette.OK;
            case STATE -> level > 0 ? Palette.OK : Palette.OFF;
        };
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int width = wHint == SWT.DEFAULT ? 320 : wHint;
        int count = group == null ? 0 : group.flags().size();
        int rows = (count + columns(width) - 1) / columns(width);
        return new Point(width, hHint == SWT.DEFAULT ? LEGEND_ROW + rows * ROW + 4 : hHint);
    }

    private static int columns(int width) {
        return width >= 300 ? 2 : 1;
    }

    private void paint(GC gc) {
        if (group == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        int width = getClientArea().width;
        int x = 2;
        int[] levels = kind == Kind.LEVELED ? new int[] {0, 1, 2, 3} : new int[] {0, 1};
        gc.setFont(getFont());
        for (int i = 0; i < levels.length && i < legend.size(); i++) {
            gc.setBackground(colour(kind, levels[i]));
            gc.fillOval(x, 5, 10, 10);
            gc.setForeground(Palette.MUTED);
            gc.drawText(legend.get(i), x + 14, 2, true);
            x += 26 + gc.textExtent(legend.get(i)).x;
        }
        int columns = columns(width);
        int cellWidth = (width - 4) / columns;
        List<Flag> flags = group.flags();
        for (int i = 0; i < flags.size(); i++) {
            Flag flag = flags.get(i);
            int cx = 2 + (i % columns) * cellWidth;
            int cy = LEGEND_ROW + (i / columns) * ROW;
            gc.setBackground(colour(kind, flag.level()));
            gc.fillOval(cx, cy + 3, 12, 12);
            gc.setForeground(Palette.TEXT);
            gc.setFont(bold);
            gc.drawText(flag.key(), cx + 16, cy + 1, true);
            int keyWidth = gc.textExtent(flag.key()).x;
            gc.setFont(getFont());
            gc.setForeground(flag.active() ? Palette.TEXT : Palette.MUTED);
            String meaning = flag.label().text(locale) + (kind == Kind.LEVELED && flag.level() > 0 ? " (" + flag.level() + ")" : "");
            gc.drawText(fit(gc, meaning, cellWidth - 28 - keyWidth), cx + 22 + keyWidth, cy + 1, true);
        }
    }

    /** The text, shortened with an ellipsis to fit {@code width} pixels; the tooltip has it in full. */
    private static String fit(GC gc, String text, int width) {
        if (gc.textExtent(text).x <= width) {
            return text;
        }
        for (int n = text.length() - 1; n > 0; n--) {
            String shorter = text.substring(0, n) + "…";
            if (gc.textExtent(shorter).x <= width) {
                return shorter;
            }
        }
        return "";
    }

    private String tooltipAt(int x, int y) {
        if (group == null || y < LEGEND_ROW) {
            return null;
        }
        int width = getClientArea().width;
        int columns = columns(width);
        int index = ((y - LEGEND_ROW) / ROW) * columns + Math.min(columns - 1, (x - 2) / Math.max(1, (width - 4) / columns));
        if (index < 0 || index >= group.flags().size()) {
            return null;
        }
        Flag flag = group.flags().get(index);
        return flag.key() + ": " + flag.label().text(locale) + (flag.active() ? " — " + legendFor(flag.level()) : "");
    }

    private String legendFor(int level) {
        int slot = kind == Kind.LEVELED ? Math.min(level, 3) : Math.min(level, 1);
        return slot < legend.size() ? legend.get(slot) : "";
    }
}
