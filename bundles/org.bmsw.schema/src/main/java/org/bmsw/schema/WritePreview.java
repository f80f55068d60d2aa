package org.bmsw.schema;

import java.util.Map;

/**
 * What a write would do, computed from the device's current values without writing anything: to show the
 * user the differences and the problems (and to ask for confirmations) before {@link SafeBatchWriter#write}.
 *
 * @param current    the device's current values
 * @param changes    the values that would be written (those differing from the device)
 * @param validation every problem; errors block, confirmations need the user's explicit yes
 * @param comparison device values vs the resulting values, for display
 */
public record WritePreview(Map<String, Double> current, Map<String, Double> changes, ValidationResult validation,
                           Comparison comparison) {

    public WritePreview {
        current = Map.copyOf(current);
        changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }
}
