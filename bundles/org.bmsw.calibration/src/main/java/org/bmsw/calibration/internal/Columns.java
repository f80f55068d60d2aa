package org.bmsw.calibration.internal;

import java.util.ArrayList;
import java.util.List;

/** Text columns padded to their widest cell; Chinese characters count as two columns, as on a terminal. */
final class Columns {

    private final List<String[]> rows = new ArrayList<>();

    Columns(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    void render(StringBuilder out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - width(row[i]) + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    private static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            w += c >= 0x2E80 && c <= 0xFFEF ? 2 : 1;
        }
        return w;
    }
}
