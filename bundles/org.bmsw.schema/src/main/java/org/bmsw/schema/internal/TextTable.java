package org.bmsw.schema.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bmsw.schema.Comparison;

/** Plain-text tables measured in terminal columns (East Asian wide characters count two). */
public final class TextTable {

    private TextTable() {
    }

    public static String render(Comparison c, String leftTitle, String rightTitle, Locale locale, boolean onlyDifferences) {
        boolean zh = locale != null && "zh".equals(locale.getLanguage());
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {zh ? "分组" : "Group", zh ? "参数" : "Key", zh ? "名称" : "Name", leftTitle, rightTitle,
                zh ? "单位" : "Unit", ""});
        for (Comparison.Row r : c.rows()) {
            if (onlyDifferences && !r.differs()) {
                continue;
            }
            String mark = switch (r.status()) {
                case SAME -> "";
                case CHANGED -> "*";
                case ONLY_LEFT, ONLY_RIGHT -> "+";
            };
            lines.add(new String[] {r.group(), r.key(), r.label().text(locale == null ? Locale.ENGLISH : locale),
                    r.left() == null ? "-" : r.leftText(), r.right() == null ? "-" : r.rightText(), r.unit(), mark});
        }
        int cols = 7;
        int[] width = new int[cols];
        for (String[] l : lines) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], width(l[i]));
            }
        }
        boolean[] right = {false, false, false, true, true, false, false};
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            String[] l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(pad(l[i], width[i], right[i]));
            }
            b.append(stripEnd(line)).append('\n');
            if (n == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < cols - 1; i++) {
                    if (width[i] == 0) {
                        continue;
                    }
                    if (i > 0) {
                        rule.append("  ");
                    }
                    rule.append("-".repeat(width[i]));
                }
                b.append(stripEnd(rule)).append('\n');
            }
        }
        long differing = c.rows().stream().filter(Comparison.Row::differs).count();
        if (zh) {
            b.append(c.rows().size()).append(" 个参数中有 ").append(differing).append(" 个不同。\n");
        } else {
            b.append(differing).append(" of ").append(c.rows().size()).append(" parameters differ.\n");
        }
        return b.toString();
    }

    private static String stripEnd(CharSequence s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.subSequence(0, end).toString();
    }

    private static String pad(String s, int w, boolean alignRight) {
        int fill = Math.max(0, w - width(s));
        return alignRight ? " ".repeat(fill) + s : s + " ".repeat(fill);
    }

    /** Terminal columns a string takes. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
