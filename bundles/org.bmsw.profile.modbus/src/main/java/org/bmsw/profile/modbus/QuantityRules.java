package org.bmsw.profile.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Quantity;
import org.bmsw.profile.modbus.RegisterProfile.FlagRule;
import org.bmsw.profile.modbus.RegisterProfile.QuantityDef;

/** A profile's {@link FlagRule}s applied to decoded quantities; shared by every decoder of the profile's devices. */
public final class QuantityRules {

    private QuantityRules() {
    }

    /** The quantities, each flagged when one of its definition's rules holds (or when it already was). */
    public static List<Quantity> apply(List<QuantityDef> definitions, List<Quantity> quantities, List<FlagGroup> flags) {
        Map<String, Double> values = new java.util.HashMap<>();
        quantities.forEach(q -> values.put(q.key(), q.value()));
        List<Quantity> result = new ArrayList<>(quantities.size());
        for (Quantity q : quantities) {
            Optional<QuantityDef> def = definitions.stream().filter(d -> d.key().equals(q.key())).findFirst();
            boolean flagged = q.flagged() || def.map(d -> d.flagWhen().stream()
                    .anyMatch(rule -> holds(rule, q.value(), values, flags))).orElse(false);
            result.add(flagged == q.flagged() ? q
                    : new Quantity(q.key(), q.label(), q.value(), q.unit(), q.category(), true));
        }
        return result;
    }

    static boolean holds(FlagRule rule, double value, Map<String, Double> values, List<FlagGroup> flags) {
        if (rule.onlyWhile() != null && !active(rule.onlyWhile(), flags)) {
            return false;
        }
        if (rule.differsFrom() == null) {
            return true;
        }
        Double other = values.get(rule.differsFrom());
        if (other == null || Double.isNaN(other) || Double.isNaN(value)) {
            return false;
        }
        return Math.abs(value - other) > (rule.moreThan() == null ? 0 : rule.moreThan());
    }

    private static boolean active(String groupDotKey, List<FlagGroup> flags) {
        int dot = groupDotKey.indexOf('.');
        String group = groupDotKey.substring(0, dot);
        String key = groupDotKey.substring(dot + 1);
        return flags.stream().filter(g -> g.key().equals(group)).flatMap(g -> g.flags().stream())
                .anyMatch(f -> f.key().equals(key) && f.active());
    }
}
