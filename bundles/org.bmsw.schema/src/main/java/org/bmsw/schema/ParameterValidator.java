package org.bmsw.schema;

import java.util.Map;
import java.util.List;
import java.util.Objects;

import org.bmsw.schema.internal.ValidatorImpl;

/**
 * Checks values against a schema: single values (number, range, resolution, step, enumeration, writable,
 * access level, dangerous, chemistry envelope) and whole sets (every cross-field rule). Thread-safe.
 */
public final class ParameterValidator {

    private final ParameterSchema schema;
    private final ValidatorImpl impl;

    public ParameterValidator(ParameterSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.impl = new ValidatorImpl(schema);
    }

    public ParameterSchema schema() {
        return schema;
    }

    /**
     * Checks one value as a change the user wants to write: the value itself, whether the user may write
     * the parameter, and whether the change is dangerous or outside the pack chemistry's envelope. Rules are
     * not checked (they need the whole set).
     */
    public List<Problem> validateValue(String key, double value, ValidationContext context) {
        return impl.validateValue(key, value, context);
    }

    /**
     * Checks only the value itself (number, range, resolution, step, enumeration): what a parameter file may
     * hold, whoever writes it later.
     */
    public List<Problem> validateStoredValue(String key, double value) {
        return impl.validateStoredValue(key, value);
    }

    /**
     * Checks proposed changes on top of the device's current values.
     *
     * <p>Every proposed value that differs from {@code current} is checked as in {@link #validateValue};
     * equal ones are not (writing nothing needs no permission). Then every rule is evaluated on
     * {@code current} overlaid with {@code proposed}. A broken rule reading at least one changed parameter has
     * the rule's severity; a broken rule none of whose parameters changes was already broken on the device
     * and needs confirmation (so nobody writes into an incoherent device without seeing it). With an empty
     * {@code current} (a file checked on its own) every proposed value counts as a change.
     *
     * @param current  the device's values (or empty)
     * @param proposed the values to write; keys not in the schema are errors
     */
    public ValidationResult validateSet(Map<String, Double> current, Map<String, Double> proposed,
                                        ValidationContext context) {
        return impl.validateSet(current, proposed, context);
    }

    /** The proposed values that differ from the current ones (keys in schema order, unknown keys last). */
    public Map<String, Double> changes(Map<String, Double> current, Map<String, Double> proposed) {
        return impl.changes(current, proposed);
    }
}
