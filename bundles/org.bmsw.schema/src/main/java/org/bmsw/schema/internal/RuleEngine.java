package org.bmsw.schema.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.Rule;

/** Evaluates cross-field rules on a value set. */
public final class RuleEngine {

    /**
     * A broken rule.
     *
     * @param rule   the rule
     * @param detail the values involved and what is wrong with them (en, zh)
     */
    public record Violation(Rule rule, LocalizedText detail) {

        /** The rule's message followed by the detail. */
        public LocalizedText message() {
            return LocalizedText.of(rule.message().english() + ": " + detail.english(),
                    zh(rule.message()) + "：" + zh(detail));
        }

        private static String zh(LocalizedText t) {
            return t.text(java.util.Locale.CHINESE);
        }
    }

    private RuleEngine() {
    }

    /** Equality within floating-point noise. */
    static int compare(double a, double b) {
        double eps = 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        if (Math.abs(a - b) <= eps) {
            return 0;
        }
        return a < b ? -1 : 1;
    }

    /** True when the rule is skipped (a skipIf key has its value) or cannot be evaluated (a key is missing). */
    public static boolean notApplicable(Rule rule, Map<String, Double> values) {
        for (Map.Entry<String, Double> skip : rule.skipIf().entrySet()) {
            Double v = values.get(skip.getKey());
            if (v != null && compare(v, skip.getValue()) == 0) {
                return true;
            }
        }
        for (String k : rule.keys()) {
            Double v = values.get(k);
            if (v == null || !Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** The violation, or empty when the rule holds, is skipped or cannot be evaluated. */
    public static Optional<Violation> check(Rule rule, Map<String, Double> values, Function<String, ParameterDef> defs) {
        if (notApplicable(rule, values)) {
            return Optional.empty();
        }
        if (rule instanceof Rule.Compare c) {
            return compareRule(c, values, defs);
        } else if (rule instanceof Rule.Chain c) {
            return chainRule(c, values, defs);
        } else if (rule instanceof Rule.Sum s) {
            return sumRule(s, values, defs);
        } else if (rule instanceof Rule.Product p) {
            return productRule(p, values, defs);
        }
        throw new IllegalStateException("unknown rule " + rule);
    }

    /** Every violation in the set. */
    public static List<Violation> checkAll(List<Rule> rules, Map<String, Double> values, Function<String, ParameterDef> defs) {
        List<Violation> out = new ArrayList<>();
        for (Rule r : rules) {
            check(r, values, defs).ifPresent(out::add);
        }
        return out;
    }

    /** Number of violated rules, cheaper than {@link #checkAll} (no messages). */
    public static int countViolations(List<Rule> rules, Map<String, Double> values) {
        int n = 0;
        for (Rule r : rules) {
            if (!notApplicable(r, values) && !holds(r, values)) {
                n++;
            }
        }
        return n;
    }

    static boolean holds(Rule rule, Map<String, Double> v) {
        if (rule instanceof Rule.Compare c) {
            return linkHolds(v.get(c.left()), v.get(c.right()), !c.greater(), c.orEqual());
        } else if (rule instanceof Rule.Chain c) {
            return brokenLink(c, v) < 0;
        } else if (rule instanceof Rule.Sum s) {
            return compare(sum(s, v), v.get(s.total())) == 0;
        } else if (rule instanceof Rule.Product p) {
            return productDeviation(p, v) <= p.tolerance() + 1e-12;
        }
        return true;
    }

    private static boolean linkHolds(double a, double b, boolean ascending, boolean orEqual) {
        int c = compare(a, b);
        if (c == 0) {
            return orEqual;
        }
        return ascending ? c < 0 : c > 0;
    }

    private static int brokenLink(Rule.Chain c, Map<String, Double> v) {
        List<String> keys = c.keys();
        for (int i = 0; i + 1 < keys.size(); i++) {
            if (!linkHolds(v.get(keys.get(i)), v.get(keys.get(i + 1)), c.ascending(), c.allowsEqualAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static double sum(Rule.Sum s, Map<String, Double> v) {
        double total = 0;
        for (String k : s.addends()) {
            total += v.get(k);
        }
        return total;
    }

    private static double product(Rule.Product p, Map<String, Double> v) {
        double prod = p.unitFactor();
        for (String k : p.factors()) {
            prod *= v.get(k);
        }
        return prod;
    }

    /** Relative deviation of the key from the product; infinite when the product is 0 and the key is not. */
    private static double productDeviation(Rule.Product p, Map<String, Double> v) {
        double prod = product(p, v);
        double value = v.get(p.key());
        if (compare(prod, value) == 0) {
            return 0;
        }
        if (prod == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(value - prod) / Math.abs(prod);
    }

    private static String fmt(String key, Map<String, Double> v, Function<String, ParameterDef> defs) {
        double value = v.get(key);
        ParameterDef d = defs.apply(key);
        return key + " = " + (d == null ? ParameterDefs.plain(value) : d.formatWithUnit(value));
    }

    private static Optional<Violation> compareRule(Rule.Compare c, Map<String, Double> v, Function<String, ParameterDef> defs) {
        if (holds(c, v)) {
            return Optional.empty();
        }
        String rel = c.greater() ? (c.orEqual() ? "at least" : "above") : (c.orEqual() ? "at most" : "below");
        String relZh = c.greater() ? (c.orEqual() ? "不小于" : "大于") : (c.orEqual() ? "不大于" : "小于");
        String values = fmt(c.left(), v, defs) + ", " + fmt(c.right(), v, defs);
        return Optional.of(new Violation(c, LocalizedText.of(
                values + " (" + c.left() + " must be " + rel + " " + c.right() + ")",
                values + "（" + c.left() + " 应" + relZh + " " + c.right() + "）")));
    }

    private static Optional<Violation> chainRule(Rule.Chain c, Map<String, Double> v, Function<String, ParameterDef> defs) {
        int i = brokenLink(c, v);
        if (i < 0) {
            return Optional.empty();
        }
        StringBuilder values = new StringBuilder();
        for (String k : c.keys()) {
            if (values.length() > 0) {
                values.append(", ");
            }
            values.append(fmt(k, v, defs));
        }
        String a = c.keys().get(i);
        String b = c.keys().get(i + 1);
        boolean eq = c.allowsEqualAt(i);
        String rel = c.ascending() ? (eq ? "at most" : "below") : (eq ? "at least" : "above");
        String relZh = c.ascending() ? (eq ? "不大于" : "小于") : (eq ? "不小于" : "大于");
        return Optional.of(new Violation(c, LocalizedText.of(
                values + " (" + a + " must be " + rel + " " + b + ")",
                values + "（" + a + " 应" + relZh + " " + b + "）")));
    }

    private static Optional<Violation> sumRule(Rule.Sum s, Map<String, Double> v, Function<String, ParameterDef> defs) {
        if (holds(s, v)) {
            return Optional.empty();
        }
        StringBuilder expr = new StringBuilder();
        for (String k : s.addends()) {
            if (expr.length() > 0) {
                expr.append(" + ");
            }
            expr.append(k).append(' ').append(ParameterDefs.plain(v.get(k)));
        }
        String d = expr + " = " + ParameterDefs.plain(sum(s, v)) + ", " + fmt(s.total(), v, defs);
        return Optional.of(new Violation(s, LocalizedText.of(
                d + " (the sum must equal " + s.total() + ")",
                d + "（总和应等于 " + s.total() + "）")));
    }

    private static Optional<Violation> productRule(Rule.Product p, Map<String, Double> v, Function<String, ParameterDef> defs) {
        if (holds(p, v)) {
            return Optional.empty();
        }
        ParameterDef keyDef = defs.apply(p.key());
        double prod = product(p, v);
        StringBuilder expr = new StringBuilder();
        for (String k : p.factors()) {
            if (expr.length() > 0) {
                expr.append(" × ");
            }
            expr.append(k).append(' ').append(ParameterDefs.plain(v.get(k)));
        }
        if (p.unitFactor() != 1) {
            expr.append(" × ").append(ParameterDefs.plain(p.unitFactor()));
        }
        String expected = keyDef == null ? ParameterDefs.plain(round(prod)) : keyDef.formatWithUnit(round(prod));
        double dev = productDeviation(p, v);
        String off = Double.isInfinite(dev) ? "∞" : ParameterDefs.plain(Math.round(dev * 1000) / 10.0) + " %";
        String tol = ParameterDefs.plain(p.tolerance() * 100) + " %";
        String d = fmt(p.key(), v, defs) + ", " + expr + " = " + expected;
        return Optional.of(new Violation(p, LocalizedText.of(
                d + " (off by " + off + ", allowed " + tol + ")",
                d + "（偏差 " + off + "，允许 " + tol + "）")));
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
