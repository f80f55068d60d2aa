package org.bmsw.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems found, in schema order (value problems first, then rule problems). */
public record ValidationResult(List<Problem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** No problem at all. */
    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** Problems that may be accepted by an explicit confirmation. */
    public List<Problem> confirmations() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** Ids of {@link #confirmations()}, to pass back once the user has confirmed them. */
    public Set<String> confirmationIds() {
        Set<String> ids = new LinkedHashSet<>();
        confirmations().forEach(p -> ids.add(p.id()));
        return ids;
    }

    public List<Problem> forKey(String key) {
        return problems.stream().filter(p -> p.keys().contains(key)).toList();
    }

    public List<Problem> forRule(String ruleId) {
        return problems.stream().filter(p -> p.ruleId().equals(ruleId)).toList();
    }
}
