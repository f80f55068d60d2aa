package org.bmsw.calibration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.LogEntry;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.ParameterChange;

/** The human-readable report: what, who, when, the outcome, readings against references, parameters, the log. */
final class TextReport {

    private TextReport() {
    }

    static String render(CalibrationResult r, Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        StringBuilder out = new StringBuilder();
        out.append(zh ? "BMS Workbench 校准报告" : "BMS Workbench calibration report").append("\n\n");
        row(out, zh ? "校准项目" : "Procedure", r.procedure().text(locale) + " (" + r.procedureId() + ")");
        row(out, zh ? "设备" : "Device", r.device().describe() + ", profile " + r.device().profileId());
        row(out, zh ? "开始" : "Started", ReportFiles.time(r.started()));
        row(out, zh ? "结束" : "Finished", ReportFiles.time(r.finished()));
        row(out, zh ? "结果" : "Outcome", r.outcome().name());
        row(out, zh ? "说明" : "Summary", r.summary().text(locale));
        if (!r.inputs().isEmpty()) {
            List<String> inputs = new ArrayList<>();
            r.inputs().forEach((k, v) -> inputs.add(k + " = " + v));
            row(out, zh ? "输入" : "Inputs", String.join(", ", inputs));
        }
        if (r.backupFile() != null) {
            row(out, zh ? "备份" : "Backup", r.backupFile().toString());
        }
        if (!r.measurements().isEmpty()) {
            out.append('\n').append(zh ? "测量" : "Measurements").append('\n');
            Columns table = new Columns(zh ? "项目" : "quantity", zh ? "参考值" : "reference", zh ? "校准前" : "before",
                    zh ? "误差" : "error", zh ? "校准后" : "after", zh ? "误差" : "error", zh ? "允差" : "tolerance", "ok");
            for (Measurement m : r.measurements()) {
                int d = "°C".equals(m.unit()) || "%".equals(m.unit()) ? 1 : 2;
                table.row(m.label().text(locale) + " [" + m.unit() + "]", Format.number(m.reference(), d),
                        Format.number(m.before(), d), Format.number(m.errorBefore(), d), Format.number(m.after(), d),
                        Format.number(m.errorAfter(), d), Double.isFinite(m.tolerance()) ? "±" + Format.number(m.tolerance(), d) : "–",
                        Double.isFinite(m.tolerance()) && Double.isFinite(m.after()) ? (m.withinTolerance() ? "yes" : "NO") : "–");
            }
            table.render(out);
            for (Measurement m : r.measurements()) {
                if (m.note() != null) {
                    out.append("  ").append(m.label().text(locale)).append(": ").append(m.note().text(locale)).append('\n');
                }
            }
        }
        if (!r.parameters().isEmpty()) {
            out.append('\n').append(zh ? "参数" : "Parameters").append('\n');
            Columns table = new Columns(zh ? "参数" : "key", zh ? "名称" : "name", zh ? "校准前" : "before", zh ? "计划" : "planned",
                    zh ? "校准后" : "after", zh ? "单位" : "unit");
            for (ParameterChange p : r.parameters()) {
                table.row(p.key(), p.label().text(locale), value(p.before()), value(p.planned()), value(p.after()), p.unit());
            }
            table.render(out);
        }
        out.append('\n').append(zh ? "过程" : "Log").append('\n');
        for (LogEntry e : r.log()) {
            out.append("  ").append(ReportFiles.time(e.time())).append("  ").append(String.format(Locale.ROOT, "%-10s", e.stage()))
                    .append("  ").append(e.message().text(locale)).append('\n');
        }
        return out.toString();
    }

    private static String value(Double v) {
        if (v == null) {
            return "–";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue()) : Format.number(v, 3).replaceAll("0+$", "");
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-11s %s%n", key + ":", value));
    }
}
