package org.bmsw.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * A cross-field rule a whole set of values must satisfy. Rules read engineering values. A rule whose
 * parameters are not all in the set is not evaluated; a rule is skipped while any parameter of
 * {@link #skipIf()} has the given value (e.g. a feature switched off by 0).
 */
public sealed interface Rule permits Rule.Compare, Rule.Chain, Rule.Sum, Rule.Product {

    /** Stable id, e.g. {@code protect.covr-below-cov}. */
    String id();

    /** What the rule demands, in words (en, zh). */
    LocalizedText message();

    /** {@link ProblemSeverity#ERROR} (default) or {@link ProblemSeverity#NEEDS_CONFIRMATION}. */
    ProblemSeverity severity();

    /** Skip the rule while a key has this value. */
    Map<String, Double> skipIf();

    /** Every parameter the rule compares, in the order the rule names them. */
    List<String> keys();

    /** Schema type name: less, greater, ascending, descending, sum, product_consistent. */
    String type();

    /**
     * {@code left < right} ({@code less}) or {@code left > right} ({@code greater}); with {@code orEqual},
     * equality is allowed too.
     */
    record Compare(String id, String left, boolean greater, boolean orEqual, String right, LocalizedText message,
                   ProblemSeverity severity, Map<String, Double> skipIf) implements Rule {
        public Compare {
            Objects.requireNonNull(id);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
            Objects.requireNonNull(message);
            severity = severity == null ? ProblemSeverity.ERROR : severity;
            skipIf = skipIf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipIf));
        }

        @Override
        public List<String> keys() {
            return List.of(left, right);
        }

        @Override
        public String type() {
            return greater ? "greater" : "less";
        }
    }

    /**
     * Strictly ascending (or descending) values, e.g. alarm level 1 &lt; 2 &lt; 3 &le; protection trip.
     * {@code orEqual} allows equality in every link; {@code lastOrEqual} only in the last one.
     */
    record Chain(String id, List<String> keys, boolean ascending, boolean orEqual, boolean lastOrEqual,
                 LocalizedText message, ProblemSeverity severity, Map<String, Double> skipIf) implements Rule {
        public Chain {
            Objects.requireNonNull(id);
            keys = List.copyOf(keys);
            Objects.requireNonNull(message);
            severity = severity == null ? ProblemSeverity.ERROR : severity;
            skipIf = skipIf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipIf));
        }

        /** Whether link {@code i} (between keys i and i+1) allows equality. */
        public boolean allowsEqualAt(int i) {
            return orEqual || (lastOrEqual && i == keys.size() - 2);
        }

        @Override
        public String type() {
            return ascending ? "ascending" : "descending";
        }
    }

    /** The addends sum to the total exactly (e.g. AFE_M + AFE_S = CELLNUM). */
    record Sum(String id, List<String> addends, String total, LocalizedText message, ProblemSeverity severity,
               Map<String, Double> skipIf) implements Rule {
        public Sum {
            Objects.requireNonNull(id);
            addends = List.copyOf(addends);
            Objects.requireNonNull(total);
            Objects.requireNonNull(message);
            severity = severity == null ? ProblemSeverity.ERROR : severity;
            skipIf = skipIf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipIf));
        }

        @Override
        public List<String> keys() {
            List<String> all = new ArrayList<>(addends);
            all.add(total);
            return List.copyOf(all);
        }

        @Override
        public String type() {
            return "sum";
        }
    }

    /**
     * {@code key} &asymp; product of {@code factors} &times; {@code unitFactor}, within a relative
     * {@code tolerance} of the product (e.g. pack over-voltage TOV [V] &asymp; COV [mV] &times; CELLNUM &times; 0.001,
     * within 5 %).
     */
    record Product(String id, String key, List<String> factors, double unitFactor, double tolerance,
                   LocalizedText message, ProblemSeverity severity, Map<String, Double> skipIf) implements Rule {
        public Product {
            Objects.requireNonNull(id);
            Objects.requireNonNull(key);
            factors = List.copyOf(factors);
            Objects.requireNonNull(message);
            severity = severity == null ? ProblemSeverity.ERROR : severity;
            skipIf = skipIf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipIf));
        }

        @Override
        public List<String> keys() {
            List<String> all = new ArrayList<>();
            all.add(key);
            all.addAll(factors);
            return List.copyOf(all);
        }

        @Override
        public String type() {
            return "product_consistent";
        }
    }
}
