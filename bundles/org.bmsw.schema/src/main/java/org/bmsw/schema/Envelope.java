package org.bmsw.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * What a cell chemistry tolerates. A changed value outside its chemistry's envelope is not an error but a
 * dangerous change that needs explicit confirmation. When the chemistry is unknown, every envelope of the
 * schema applies.
 *
 * @param chemistry e.g. {@code LFP}, {@code NMC}; compared ignoring case with the pack's reported chemistry
 * @param label     e.g. "Lithium iron phosphate (LiFePO4)"
 * @param limits    per parameter key, in its engineering unit
 */
public record Envelope(String chemistry, LocalizedText label, Map<String, Limit> limits) {

    /**
     * Engineering bounds, inclusive.
     *
     * @param min null when unbounded below
     * @param max null when unbounded above
     */
    public record Limit(Double min, Double max) {
        public boolean contains(double value) {
            double eps = 1e-9 * Math.max(1, Math.abs(value));
            return (min == null || value >= min - eps) && (max == null || value <= max + eps);
        }
    }

    public Envelope {
        Objects.requireNonNull(chemistry, "chemistry");
        Objects.requireNonNull(label, "label");
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    public boolean matches(String packChemistry) {
        return packChemistry != null && chemistry.equalsIgnoreCase(packChemistry.trim());
    }
}
