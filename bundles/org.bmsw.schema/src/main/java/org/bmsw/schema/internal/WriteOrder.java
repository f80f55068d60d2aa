package org.bmsw.schema.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

import org.bmsw.schema.Rule;
import java.util.List;
import java.util.Map;

import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;

/**
 * Orders single-parameter writes so that the device's set stays within the rules between writes where
 * that is possible: greedily, the next write is the one (in schema order) after which the fewest rules are
 * broken. Raising a trip and its release writes the trip first; lowering both writes the release first;
 * alarm chains move in the order that keeps them ordered.
 */
public final class WriteOrder {

    private WriteOrder() {
    }

    /**
     * @param schema  the schema
     * @param start   the values on the device before the first write
     * @param targets the values to write
     * @return the keys of {@code targets} in write order
     */
    public static List<String> plan(ParameterSchema schema, Map<String, Double> start, Map<String, Double> targets) {
        Map<String, Double> state = new HashMap<>(start);
        List<String> remaining = new ArrayList<>();
        for (ParameterDef d : schema.parameters()) {
            if (targets.containsKey(d.key())) {
                remaining.add(d.key());
            }
        }
        for (String k : targets.keySet()) {
            if (!remaining.contains(k)) {
                remaining.add(k);
            }
        }
        // the rules each key can influence (the keys it compares and its skipIf keys)
        Map<String, List<Rule>> rulesOf = new HashMap<>();
        for (Rule r : schema.rules()) {
            Set<String> keys = new HashSet<>(r.keys());
            keys.addAll(r.skipIf().keySet());
            for (String k : keys) {
                rulesOf.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        int total = RuleEngine.countViolations(schema.rules(), state);
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String best = null;
            int bestDelta = Integer.MAX_VALUE;
            for (String k : remaining) {
                List<Rule> affected = rulesOf.getOrDefault(k, List.of());
                int before = RuleEngine.countViolations(affected, state);
                Double previous = state.put(k, targets.get(k));
                int after = RuleEngine.countViolations(affected, state);
                if (previous == null) {
                    state.remove(k);
                } else {
                    state.put(k, previous);
                }
                int delta = after - before;
                if (delta < bestDelta) {
                    best = k;
                    bestDelta = delta;
                    if (total + delta == 0) {
                        break;
                    }
                }
            }
            state.put(best, targets.get(best));
            total += bestDelta;
            remaining.remove(best);
            order.add(best);
        }
        return order;
    }

    /** How many rules the set breaks after each write of {@code order}; for tests and reports. */
    public static List<Integer> violationsAlong(ParameterSchema schema, Map<String, Double> start,
                                                Map<String, Double> targets, List<String> order) {
        Map<String, Double> state = new HashMap<>(start);
        List<Integer> out = new ArrayList<>();
        for (String k : order) {
            state.put(k, targets.get(k));
            out.add(RuleEngine.countViolations(schema.rules(), state));
        }
        return out;
    }
}
