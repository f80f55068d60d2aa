package org.bmsw.schema.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.ImportProblem;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterFile;
import org.bmsw.schema.ParameterGroup;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ProblemSeverity;
import org.bmsw.schema.RawType;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.ValidationResult;
import org.bmsw.schema.internal.LocatedJson.Field;
import org.bmsw.schema.internal.LocatedJson.Node;
import org.bmsw.schema.internal.LocatedJson.Obj;
import org.bmsw.schema.internal.LocatedJson.Pos;

/** Reads and writes parameter files. */
public final class ParameterFileCodec {

    public static final String FORMAT = "bmsw-parameters";
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_FIELDS = Set.of("$schema", "format", "formatVersion", "profile", "model",
            "firmware", "device", "time", "groups", "comment", "values");
    private static final Set<String> DEVICE_FIELDS = Set.of("address", "serial");
    private static final Set<String> VALUE_FIELDS = Set.of("value", "unit", "label");

    private final ParameterSchema schema;
    private final String source;
    private final boolean checkValues;
    private final List<ImportProblem> problems = new ArrayList<>();

    private ParameterFileCodec(ParameterSchema schema, String source, boolean checkValues) {
        this.schema = schema;
        this.source = source;
        this.checkValues = checkValues;
    }

    // ------------------------------------------------------------------------------------------ reading

    /**
     * Reads a file's bytes. Never throws: every failure is a problem of the result.
     *
     * @param checkValues false only to re-read a backup just written, whose values are whatever the device had
     */
    public static ImportResult read(ParameterSchema schema, byte[] bytes, String source, boolean checkValues) {
        ParameterFileCodec c = new ParameterFileCodec(schema, source, checkValues);
        ParameterFile file = null;
        try {
            file = c.parse(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            c.problems.add(new ImportProblem(ImportProblem.Severity.ERROR, source, null, -1, -1, LocalizedText.of(
                    "the file could not be read (internal error: " + e + ")",
                    "无法读取文件（内部错误：" + e + "）")));
            file = null;
        }
        List<ImportProblem> sorted = new ArrayList<>(c.problems);
        sorted.sort(Comparator.comparingInt((ImportProblem p) -> p.line() < 0 ? Integer.MIN_VALUE : p.line())
                .thenComparingInt(ImportProblem::column));
        boolean errors = sorted.stream().anyMatch(ImportProblem::isError);
        return new ImportResult(source, errors ? null : file, sorted);
    }

    /** A problem of the file as a whole, without a place. */
    public static ImportResult failure(String source, LocalizedText message) {
        return new ImportResult(source, null, List.of(new ImportProblem(ImportProblem.Severity.ERROR, source, null, -1, -1,
                message)));
    }

    private void error(String key, Pos pos, String en, String zh) {
        add(ImportProblem.Severity.ERROR, key, pos, en, zh);
    }

    private void warning(String key, Pos pos, String en, String zh) {
        add(ImportProblem.Severity.WARNING, key, pos, en, zh);
    }

    private void add(ImportProblem.Severity s, String key, Pos pos, String en, String zh) {
        String prefix = key == null ? "" : key + ": ";
        String prefixZh = key == null ? "" : key + "：";
        problems.add(new ImportProblem(s, source, key, pos == null ? -1 : pos.line(), pos == null ? -1 : pos.column(),
                LocalizedText.of(prefix + en, prefixZh + zh)));
    }

    private boolean hasErrors() {
        return problems.stream().anyMatch(ImportProblem::isError);
    }

    private ParameterFile parse(byte[] bytes) {
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (Utf8.NotUtf8 e) {
            problems.add(new ImportProblem(ImportProblem.Severity.ERROR, source, null, e.line(), e.column(), e.text()));
            return null;
        }
        Node root;
        try {
            root = LocatedJson.parse(text);
        } catch (LocatedJson.SyntaxException e) {
            error(null, e.pos(), e.reason(), "JSON 格式错误：" + e.reason());
            return null;
        }
        if (!(root instanceof Obj top)) {
            error(null, root.pos(), "a parameter file is a JSON object, this file holds " + root.kind(),
                    "参数文件应是 JSON 对象，此文件是 " + root.kind());
            return null;
        }
        for (Field f : top.fields().values()) {
            if (!TOP_FIELDS.contains(f.name())) {
                error(null, f.pos(), "unknown field '" + f.name() + "'; a parameter file has " + sorted(TOP_FIELDS),
                        "未知字段 '" + f.name() + "'；参数文件的字段为 " + sorted(TOP_FIELDS));
            }
        }
        // compatibility first: a file of another kind or profile is not looked at further
        String format = string(top, "format", true);
        if (format == null) {
            return null;
        }
        if (!format.equals(FORMAT)) {
            error(null, top.fields().get("format").value().pos(), "not a BMS Workbench parameter file (format is '"
                    + format + "', expected '" + FORMAT + "')", "不是 BMS Workbench 参数文件（format 为 '" + format
                    + "'，应为 '" + FORMAT + "'）");
            return null;
        }
        Field fv = top.fields().get("formatVersion");
        if (fv == null) {
            error(null, top.pos(), "missing 'formatVersion'", "缺少 'formatVersion'");
            return null;
        }
        if (!(fv.value() instanceof LocatedJson.Num n) || !n.integral()) {
            error(null, fv.value().pos(), "'formatVersion' must be an integer", "'formatVersion' 应为整数");
            return null;
        }
        if (n.value().compareTo(java.math.BigDecimal.valueOf(FORMAT_VERSION)) != 0) {
            boolean newer = n.value().compareTo(java.math.BigDecimal.valueOf(FORMAT_VERSION)) > 0;
            error(null, fv.value().pos(), "file format version " + n.value().toPlainString()
                            + (newer ? " was written by a newer BMS Workbench; this one reads version " : " is not supported; this one reads version ")
                            + FORMAT_VERSION,
                    "文件格式版本 " + n.value().toPlainString() + (newer ? " 来自更新版本的 BMS Workbench；本版本读取版本 " : " 不受支持；本版本读取版本 ")
                            + FORMAT_VERSION);
            return null;
        }
        String profile = string(top, "profile", true);
        if (profile == null) {
            return null;
        }
        if (!profile.equals(schema.profileId())) {
            error(null, top.fields().get("profile").value().pos(), "the file is for profile '" + profile
                    + "', not for '" + schema.profileId() + "'", "文件属于配置 '" + profile + "'，而不是 '" + schema.profileId() + "'");
            return null;
        }
        String model = string(top, "model", false);
        if (model != null && !model.isEmpty() && !schema.models().isEmpty() && !schema.models().contains(model)) {
            warning(null, top.fields().get("model").value().pos(), "model '" + model + "' is not one of the profile's models "
                    + schema.models(), "型号 '" + model + "' 不在配置的型号 " + schema.models() + " 中");
        }
        String firmware = string(top, "firmware", false);
        String comment = string(top, "comment", false);
        string(top, "$schema", false);
        Integer address = null;
        String serial = null;
        Field dev = top.fields().get("device");
        if (dev != null) {
            if (dev.value() instanceof Obj d) {
                for (Field f : d.fields().values()) {
                    if (!DEVICE_FIELDS.contains(f.name())) {
                        error(null, f.pos(), "unknown field 'device." + f.name() + "'; 'device' has address and serial",
                                "未知字段 'device." + f.name() + "'；'device' 只有 address 和 serial");
                    }
                }
                Field a = d.fields().get("address");
                if (a != null && !(a.value() instanceof LocatedJson.Null)) {
                    if (a.value() instanceof LocatedJson.Num an && an.integral() && an.value().signum() >= 0
                            && an.value().compareTo(java.math.BigDecimal.valueOf(0xFFFF)) <= 0) {
                        address = an.value().intValue();
                    } else {
                        error(null, a.value().pos(), "'device.address' must be an integer 0..65535",
                                "'device.address' 应为 0..65535 的整数");
                    }
                }
                serial = string(d, "serial", false);
            } else {
                error(null, dev.value().pos(), "'device' must be an object, is " + dev.value().kind(),
                        "'device' 应为对象，实为 " + dev.value().kind());
            }
        }
        OffsetDateTime time = null;
        String timeText = string(top, "time", false);
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText);
            } catch (DateTimeParseException e) {
                error(null, top.fields().get("time").value().pos(), "'time' is not an ISO-8601 date and time with offset ("
                        + "e.g. 2024-03-26T16:46:21+08:00): '" + timeText + "'",
                        "'time' 不是带时区偏移的 ISO-8601 时间（例如 2024-03-26T16:46:21+08:00）：'" + timeText + "'");
            }
        }
        List<String> declaredGroups = null;
        Field gf = top.fields().get("groups");
        if (gf != null) {
            if (gf.value() instanceof LocatedJson.Arr arr) {
                declaredGroups = new ArrayList<>();
                for (Node item : arr.items()) {
                    if (item instanceof LocatedJson.Str s) {
                        if (schema.group(s.value()).isEmpty()) {
                            error(null, s.pos(), "unknown group '" + s.value() + "'; the profile's groups are " + groupKeys(),
                                    "未知分组 '" + s.value() + "'；配置的分组为 " + groupKeys());
                        } else if (declaredGroups.contains(s.value())) {
                            error(null, s.pos(), "group '" + s.value() + "' is listed twice", "分组 '" + s.value() + "' 重复列出");
                        } else {
                            declaredGroups.add(s.value());
                        }
                    } else {
                        error(null, item.pos(), "'groups' lists group names (strings), found " + item.kind(),
                                "'groups' 应列出分组名（字符串），实为 " + item.kind());
                    }
                }
            } else {
                error(null, gf.value().pos(), "'groups' must be an array of group names", "'groups' 应为分组名数组");
            }
        }
        Field vf = top.fields().get("values");
        if (vf == null) {
            error(null, top.pos(), "missing 'values'", "缺少 'values'");
            return null;
        }
        if (!(vf.value() instanceof Obj valuesObj)) {
            error(null, vf.value().pos(), "'values' must be an object of groups, is " + vf.value().kind(),
                    "'values' 应为按分组组织的对象，实为 " + vf.value().kind());
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Pos> positions = new LinkedHashMap<>();
        Set<String> fileGroups = new LinkedHashSet<>();
        for (Field g : valuesObj.fields().values()) {
            if (schema.group(g.name()).isEmpty()) {
                error(null, g.pos(), "unknown group '" + g.name() + "'; the profile's groups are " + groupKeys(),
                        "未知分组 '" + g.name() + "'；配置的分组为 " + groupKeys());
                continue;
            }
            fileGroups.add(g.name());
            if (!(g.value() instanceof Obj groupObj)) {
                error(null, g.value().pos(), "group '" + g.name() + "' must be an object of parameters, is " + g.value().kind(),
                        "分组 '" + g.name() + "' 应为参数对象，实为 " + g.value().kind());
                continue;
            }
            for (Field pf : groupObj.fields().values()) {
                value(g.name(), pf, values, positions);
            }
        }
        if (declaredGroups != null && !new LinkedHashSet<>(declaredGroups).equals(fileGroups) && !hasErrors()) {
            warning(null, gf.value().pos(), "'groups' lists " + declaredGroups + " but 'values' holds " + fileGroups,
                    "'groups' 列出 " + declaredGroups + "，但 'values' 包含 " + fileGroups);
        }
        if (values.isEmpty() && !hasErrors()) {
            warning(null, vf.value().pos(), "the file holds no parameter values", "文件中没有参数值");
        }
        if (checkValues && !hasErrors()) {
            // rules among the file's own values: those are broken whatever the device holds
            ValidationResult r = new ValidatorImpl(schema).validateSet(Map.of(), values, ValidationContext.engineer());
            for (Problem p : r.problems()) {
                if (schema.rules().stream().anyMatch(rule -> rule.id().equals(p.ruleId()))) {
                    Pos pos = positions.get(p.key());
                    problems.add(new ImportProblem(p.severity() == ProblemSeverity.ERROR ? ImportProblem.Severity.ERROR
                            : ImportProblem.Severity.WARNING, source, p.key(), pos == null ? -1 : pos.line(),
                            pos == null ? -1 : pos.column(), LocalizedText.of("rule " + p.ruleId() + ": " + p.message().english(),
                            "规则 " + p.ruleId() + "：" + p.message().text(Locale.CHINESE))));
                }
            }
        }
        List<String> groups = new ArrayList<>();
        for (ParameterGroup g : schema.groups()) {
            if (fileGroups.contains(g.key())) {
                groups.add(g.key());
            }
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (ParameterDef d : schema.parameters()) {
            if (values.containsKey(d.key())) {
                ordered.put(d.key(), values.get(d.key()));
            }
        }
        return new ParameterFile(FORMAT_VERSION, profile, model, firmware, address, serial, time, groups, ordered, comment);
    }

    private void value(String group, Field pf, Map<String, Double> values, Map<String, Pos> positions) {
        String key = pf.name();
        ParameterDef def = schema.parameter(key).orElse(null);
        if (def == null) {
            String hint = schema.keys().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                    .map(k -> " (did you mean '" + k + "'?)").orElse("");
            String hintZh = hint.isEmpty() ? "" : "（是否为 '" + hint.substring(hint.indexOf('\'') + 1, hint.lastIndexOf('\'')) + "'？）";
            error(key, pf.pos(), "unknown parameter; profile " + schema.profileId() + " has no such parameter" + hint,
                    "未知参数；配置 " + schema.profileId() + " 中没有此参数" + hintZh);
            return;
        }
        if (!def.group().equals(group)) {
            error(key, pf.pos(), "belongs to group " + def.group() + ", not " + group, "属于分组 " + def.group() + "，而不是 " + group);
            return;
        }
        if (!(pf.value() instanceof Obj v)) {
            error(key, pf.value().pos(), "expected an object like {\"value\": " + exampleValue(def) + ", \"unit\": \""
                    + def.unit() + "\"}, found " + pf.value().kind(),
                    "应为形如 {\"value\": " + exampleValue(def) + ", \"unit\": \"" + def.unit() + "\"} 的对象，实为 " + pf.value().kind());
            return;
        }
        boolean ok = true;
        for (Field f : v.fields().values()) {
            if (!VALUE_FIELDS.contains(f.name())) {
                error(key, f.pos(), "unknown field '" + f.name() + "'; a value has value, unit and label",
                        "未知字段 '" + f.name() + "'；取值对象只有 value、unit 和 label");
                ok = false;
            }
        }
        Field label = v.fields().get("label");
        if (label != null && !(label.value() instanceof LocatedJson.Str)) {
            error(key, label.value().pos(), "'label' must be a string", "'label' 应为字符串");
            ok = false;
        }
        Field unitField = v.fields().get("unit");
        if (unitField == null) {
            error(key, v.pos(), "missing 'unit' (\"" + def.unit() + "\")", "缺少 'unit'（\"" + def.unit() + "\"）");
            ok = false;
        }
        Field valueField = v.fields().get("value");
        if (valueField == null) {
            error(key, v.pos(), "missing 'value'", "缺少 'value'");
            return;
        }
        double number;
        Node vn = valueField.value();
        if (vn instanceof LocatedJson.Num n) {
            number = n.value().doubleValue();
            if (!Double.isFinite(number)) {
                error(key, vn.pos(), "the value " + n.value().toString() + " is out of any range", "数值 " + n.value() + " 超出范围");
                return;
            }
        } else if (vn instanceof LocatedJson.Bool b && def.type() == RawType.BOOL) {
            number = b.value() ? 1 : 0;
        } else {
            error(key, vn.pos(), "'value' must be a number, found " + vn.kind(), "'value' 应为数字，实为 " + vn.kind());
            return;
        }
        if (unitField != null) {
            if (!(unitField.value() instanceof LocatedJson.Str u)) {
                error(key, unitField.value().pos(), "'unit' must be a string (\"" + def.unit() + "\")",
                        "'unit' 应为字符串（\"" + def.unit() + "\"）");
                ok = false;
            } else if (!u.value().equals(def.unit())) {
                String hint = Units.convert(number, u.value(), def.unit())
                        .map(c -> " (" + ParameterDefs.plain(number) + " " + u.value() + " = " + def.formatWithUnit(c) + ")")
                        .orElse("");
                error(key, u.pos(), "unit '" + u.value() + "' does not match the parameter's unit '" + def.unit()
                                + "'; write the value in " + (def.unit().isEmpty() ? "plain numbers (unit \"\")" : def.unit()) + hint,
                        "单位 '" + u.value() + "' 与参数单位 '" + def.unit() + "' 不符；请以 "
                                + (def.unit().isEmpty() ? "无单位数值（unit \"\"）" : def.unit()) + " 填写" + hint);
                ok = false;
            }
        }
        if (!ok) {
            // with a wrong unit (or a malformed value object) the number means something else: no range message
            return;
        }
        if (checkValues) {
            for (Problem p : new ValidatorImpl(schema).validateStoredValue(key, number)) {
                problems.add(new ImportProblem(ImportProblem.Severity.ERROR, source, key, vn.pos().line(), vn.pos().column(),
                        p.message()));
                ok = false;
            }
        } else if (!Double.isFinite(number)) {
            ok = false;
        }
        if (ok) {
            values.put(key, number);
            positions.put(key, vn.pos());
        }
    }

    private static String exampleValue(ParameterDef def) {
        return def.defaultValue() != null ? def.format(def.defaultValue()) : def.format(def.min());
    }

    /** A string field; null when absent (or reported when required or not a string). */
    private String string(Obj obj, String name, boolean required) {
        Field f = obj.fields().get(name);
        if (f == null) {
            if (required) {
                error(null, obj.pos(), "missing '" + name + "'"
                        + (name.equals("format") ? " (not a BMS Workbench parameter file?)" : ""),
                        "缺少 '" + name + "'" + (name.equals("format") ? "（不是 BMS Workbench 参数文件？）" : ""));
            }
            return null;
        }
        if (f.value() instanceof LocatedJson.Str s) {
            return s.value();
        }
        if (!required && f.value() instanceof LocatedJson.Null) {
            return null;
        }
        error(null, f.value().pos(), "'" + name + "' must be a string, is " + f.value().kind(),
                "'" + name + "' 应为字符串，实为 " + f.value().kind());
        return null;
    }

    private List<String> groupKeys() {
        return schema.groups().stream().map(ParameterGroup::key).toList();
    }

    private static List<String> sorted(Collection<String> c) {
        List<String> l = new ArrayList<>(c);
        l.sort(Comparator.naturalOrder());
        return l;
    }

    // ------------------------------------------------------------------------------------------ writing

    /** The file as JSON text: one line per value, groups and parameters in schema order. */
    public static String toJson(ParameterSchema schema, ParameterFile file) {
        StringBuilder b = new StringBuilder(8192);
        b.append("{\n");
        b.append("  \"format\": ").append(q(FORMAT)).append(",\n");
        b.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        b.append("  \"profile\": ").append(q(file.profileId())).append(",\n");
        b.append("  \"model\": ").append(q(file.model())).append(",\n");
        b.append("  \"firmware\": ").append(q(file.firmwareVersion())).append(",\n");
        b.append("  \"device\": {\"address\": ").append(file.deviceAddress() == null ? "null" : file.deviceAddress())
                .append(", \"serial\": ").append(q(file.serialNumber())).append("},\n");
        if (file.time() != null) {
            b.append("  \"time\": ").append(q(file.time().toString())).append(",\n");
        }
        if (!file.comment().isEmpty()) {
            b.append("  \"comment\": ").append(q(file.comment())).append(",\n");
        }
        b.append("  \"groups\": [");
        for (int i = 0; i < file.groups().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(q(file.groups().get(i)));
        }
        b.append("],\n");
        b.append("  \"values\": {");
        boolean firstGroup = true;
        for (String g : file.groups()) {
            List<ParameterDef> defs = schema.parametersIn(g).stream().filter(d -> file.values().containsKey(d.key())).toList();
            b.append(firstGroup ? "\n" : ",\n");
            firstGroup = false;
            b.append("    ").append(q(g)).append(": {");
            for (int i = 0; i < defs.size(); i++) {
                ParameterDef d = defs.get(i);
                double v = file.values().get(d.key());
                b.append(i == 0 ? "\n" : ",\n");
                b.append("      ").append(q(d.key())).append(": {\"value\": ").append(number(d, v))
                        .append(", \"unit\": ").append(q(d.unit())).append(", \"label\": ").append(q(label(d, v))).append('}');
            }
            b.append(defs.isEmpty() ? "}" : "\n    }");
        }
        b.append(firstGroup ? "}\n" : "\n  }\n");
        b.append("}\n");
        return b.toString();
    }

    private static String number(ParameterDef d, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(d.key() + ": cannot write " + v + " to a parameter file");
        }
        return d.format(v);
    }

    private static String label(ParameterDef d, double v) {
        String en = d.label().english();
        String zh = d.label().texts().get("zh");
        String s = zh == null || zh.equals(en) ? en : en + " / " + zh;
        if (d.enumerated()) {
            s += d.enumLabel(v).map(t -> " — " + d.format(v) + ": " + t.english()).orElse("");
        }
        return s;
    }

    private static String q(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s)) + "\"";
    }
}
