package org.bmsw.schema.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.Envelope;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ProblemSeverity;
import org.bmsw.schema.Rule;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.ValidationResult;

/** The validation logic behind {@link org.bmsw.schema.ParameterValidator}. */
public final class ValidatorImpl {

    private final ParameterSchema schema;

    public ValidatorImpl(ParameterSchema schema) {
        this.schema = schema;
    }

    public List<Problem> validateStoredValue(String key, double value) {
        List<Problem> out = new ArrayList<>();
        ParameterDef def = schema.parameter(key).orElse(null);
        if (def == null) {
            out.add(unknownKey(key, value));
            return out;
        }
        valueChecks(def, value, out);
        return out;
    }

    public List<Problem> validateValue(String key, double value, ValidationContext ctx) {
        List<Problem> out = new ArrayList<>();
        ParameterDef def = schema.parameter(key).orElse(null);
        if (def == null) {
            out.add(unknownKey(key, value));
            return out;
        }
        valueChecks(def, value, out);
        writeChecks(def, value, ctx, out, out.isEmpty());
        return out;
    }

    private Problem unknownKey(String key, Double value) {
        return new Problem(key, value, "", Problem.UNKNOWN_KEY, LocalizedText.of(
                "Unknown parameter '" + key + "': profile " + schema.profileId() + " has no such parameter",
                "未知参数 '" + key + "'：配置 " + schema.profileId() + " 中没有此参数"),
                ProblemSeverity.ERROR, List.of(key));
    }

    private static Problem error(ParameterDef def, double value, String ruleId, String en, String zh) {
        return new Problem(def.key(), value, def.unit(), ruleId, LocalizedText.of(en, zh), ProblemSeverity.ERROR,
                List.of(def.key()));
    }

    /** Number, range, resolution/type, step, enumeration. */
    private void valueChecks(ParameterDef def, double value, List<Problem> out) {
        String k = def.key();
        if (!Double.isFinite(value)) {
            out.add(error(def, value, Problem.NOT_A_NUMBER, k + ": " + value + " is not a number",
                    k + "：" + value + " 不是有效数字"));
            return;
        }
        if (def.enumerated()) {
            if (def.enumLabel(value).isEmpty()) {
                String v = k + " " + def.formatWithUnit(value);
                String allowedEn = def.enumeration().entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue().english() + ")").collect(Collectors.joining(", "));
                String allowedZh = def.enumeration().entrySet().stream()
                        .map(e -> e.getKey() + "（" + e.getValue().text(Locale.CHINESE) + "）").collect(Collectors.joining("，"));
                out.add(error(def, value, Problem.ENUMERATION, v + " is not an allowed value; allowed: " + allowedEn,
                        v + " 不是允许的取值；允许：" + allowedZh));
                return;
            }
        }
        if (value < def.min() - eps(def.min())) {
            String v = k + " " + def.formatWithUnit(value);
            out.add(error(def, value, Problem.RANGE, v + " is below the minimum " + def.formatWithUnit(def.min()),
                    v + " 低于最小值 " + def.formatWithUnit(def.min())));
            return;
        }
        if (value > def.max() + eps(def.max())) {
            String v = k + " " + def.formatWithUnit(value);
            out.add(error(def, value, Problem.RANGE, v + " is above the maximum " + def.formatWithUnit(def.max()),
                    v + " 超过最大值 " + def.formatWithUnit(def.max())));
            return;
        }
        if (def.rawOf(value).isEmpty()) {
            String v = k + " " + def.formatWithUnit(value);
            String res = def.formatWithUnit(def.resolution());
            out.add(error(def, value, Problem.RESOLUTION, v + " is not a multiple of the resolution " + res,
                    v + " 不是分辨率 " + res + " 的整数倍"));
            return;
        }
        if (!def.onStep(value)) {
            String v = k + " " + def.formatWithUnit(value);
            String step = def.formatWithUnit(def.step());
            out.add(error(def, value, Problem.STEP, v + " is not a multiple of the step " + step,
                    v + " 不是步长 " + step + " 的整数倍"));
        }
    }

    /** Writable, access level, dangerous, envelope: what applies to a change. */
    private void writeChecks(ParameterDef def, double value, ValidationContext ctx, List<Problem> out, boolean valueOk) {
        String k = def.key();
        if (!def.writable()) {
            out.add(error(def, value, Problem.READ_ONLY, k + " is read-only", k + " 为只读参数"));
        } else if (def.access() == AccessLevel.FACTORY) {
            out.add(error(def, value, Problem.ACCESS, k + " is a factory parameter: this tool never changes it",
                    k + " 为出厂参数：本工具不会修改"));
        } else if (def.access().compareTo(ctx.unlocked()) > 0) {
            out.add(error(def, value, Problem.ACCESS, k + " needs engineer access: unlock engineer mode first",
                    k + " 需要工程师权限：请先解锁工程师模式"));
        }
        if (!valueOk) {
            // an invalid value is not written at all: whether it would be dangerous does not matter
            return;
        }
        if (def.dangerous() != null && def.dangerous().appliesTo(value)) {
            LocalizedText r = def.dangerous().reason();
            out.add(new Problem(k, value, def.unit(), Problem.DANGEROUS, LocalizedText.of(
                    "Dangerous change of " + k + " to " + def.formatWithUnit(value) + ": " + r.english(),
                    "危险修改 " + k + " = " + def.formatWithUnit(value) + "：" + r.text(Locale.CHINESE)),
                    ProblemSeverity.NEEDS_CONFIRMATION, List.of(k)));
        }
        for (Envelope env : schema.envelopesFor(ctx.chemistry())) {
            Envelope.Limit limit = env.limits().get(k);
            if (limit == null || limit.contains(value)) {
                continue;
            }
            boolean above = limit.max() != null && value > limit.max();
            double bound = above ? limit.max() : limit.min();
            String en = k + " " + def.formatWithUnit(value) + " is " + (above ? "above" : "below") + " the "
                    + env.chemistry() + " limit " + def.formatWithUnit(bound) + " (" + env.label().english() + ")";
            String zh = k + " " + def.formatWithUnit(value) + (above ? " 超过 " : " 低于 ") + env.chemistry()
                    + (above ? " 上限 " : " 下限 ") + def.formatWithUnit(bound) + "（" + env.label().text(Locale.CHINESE) + "）";
            if (!env.matches(ctx.chemistry())) {
                en += "; the pack's chemistry " + (ctx.chemistryKnown() ? "'" + ctx.chemistry() + "' has no envelope"
                        : "is unknown") + ", so every chemistry's limits apply";
                zh += "；电池化学体系" + (ctx.chemistryKnown() ? " '" + ctx.chemistry() + "' 没有限值定义" : "未知")
                        + "，因此所有体系的限值均适用";
            }
            out.add(new Problem(k, value, def.unit(), Problem.ENVELOPE_PREFIX + env.chemistry(), LocalizedText.of(en, zh),
                    ProblemSeverity.NEEDS_CONFIRMATION, List.of(k)));
        }
    }

    private static double eps(double v) {
        return 1e-9 * Math.max(1, Math.abs(v));
    }

    /** Whether a proposed value is a change from the current one (absent counts as a change). */
    public static boolean isChange(Map<String, Double> current, String key, Double proposed) {
        Double cur = current.get(key);
        if (cur == null || proposed == null || !Double.isFinite(cur) || !Double.isFinite(proposed)) {
            return true;
        }
        return !ParameterDefs.same(cur, proposed);
    }

    public Map<String, Double> changes(Map<String, Double> current, Map<String, Double> proposed) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : orderedKeys(proposed.keySet())) {
            Double v = proposed.get(k);
            if (isChange(current, k, v)) {
                out.put(k, v);
            }
        }
        return out;
    }

    /** Keys in schema order, unknown keys after them in their own order. */
    public List<String> orderedKeys(Set<String> keys) {
        List<String> out = new ArrayList<>();
        for (ParameterDef d : schema.parameters()) {
            if (keys.contains(d.key())) {
                out.add(d.key());
            }
        }
        for (String k : keys) {
            if (schema.parameter(k).isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }

    public ValidationResult validateSet(Map<String, Double> current, Map<String, Double> proposed, ValidationContext ctx) {
        List<Problem> out = new ArrayList<>();
        Map<String, Double> merged = new LinkedHashMap<>();
        current.forEach((k, v) -> {
            if (k != null && v != null && schema.parameter(k).isPresent()) {
                merged.put(k, v);
            }
        });
        Set<String> changed = new LinkedHashSet<>();
        for (String k : orderedKeys(proposed.keySet())) {
            Double v = proposed.get(k);
            ParameterDef def = k == null ? null : schema.parameter(k).orElse(null);
            if (def == null) {
                out.add(unknownKey(String.valueOf(k), v));
                continue;
            }
            if (v == null) {
                out.add(error(def, Double.NaN, Problem.NOT_A_NUMBER, k + ": no value", k + "：没有取值"));
                continue;
            }
            if (!isChange(current, k, v)) {
                continue;
            }
            changed.add(k);
            int before = out.size();
            valueChecks(def, v, out);
            boolean valueOk = out.size() == before;
            writeChecks(def, v, ctx, out, valueOk);
            if (valueOk) {
                merged.put(k, v);
            } else {
                // a value that is not even valid on its own is not put into rule checks: the rule messages
                // would only repeat it; the rules are evaluated without it (the key keeps its current value)
                merged.putIfAbsent(k, Double.NaN);
            }
        }
        for (Rule rule : schema.rules()) {
            RuleEngine.check(rule, merged, k -> schema.parameter(k).orElse(null)).ifPresent(v -> {
                List<String> involved = new ArrayList<>(rule.keys());
                rule.skipIf().keySet().stream().filter(k -> !involved.contains(k)).forEach(involved::add);
                String key = involved.stream().filter(changed::contains).findFirst().orElse(null);
                LocalizedText msg = v.message();
                ProblemSeverity severity = rule.severity();
                if (key == null) {
                    key = rule.keys().get(0);
                    msg = LocalizedText.of("Already on the device: " + msg.english(),
                            "设备上已存在：" + msg.text(Locale.CHINESE));
                    severity = ProblemSeverity.NEEDS_CONFIRMATION;
                }
                ParameterDef def = schema.parameter(key).orElseThrow();
                out.add(new Problem(key, merged.get(key), def.unit(), rule.id(), msg, severity, rule.keys()));
            });
        }
        return new ValidationResult(out);
    }
}
