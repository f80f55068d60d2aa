package org.bmsw.schema;

import java.util.List;
import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * Marks a parameter whose change needs the user's explicit confirmation.
 *
 * @param reason what can happen (shown when asking)
 * @param values when empty, every change is dangerous; otherwise only a change <em>to</em> one of these
 *               engineering values (e.g. 0 when 0 disables a protection)
 */
public record Dangerous(LocalizedText reason, List<Double> values) {

    public Dangerous {
        Objects.requireNonNull(reason, "reason");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Whether changing the parameter to {@code newValue} needs confirmation. */
    public boolean appliesTo(double newValue) {
        if (values.isEmpty()) {
            return true;
        }
        for (double v : values) {
            if (Math.abs(v - newValue) <= 1e-9 * Math.max(1, Math.abs(v))) {
                return true;
            }
        }
        return false;
    }
}
