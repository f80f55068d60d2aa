package org.bmsw.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.internal.ParameterDefs;

/** Compares two value sets: device vs file, file vs file, device vs device. */
public final class ParameterComparison {

    private ParameterComparison() {
    }

    /**
     * Compares {@code left} (e.g. the device, "old") with {@code right} (e.g. the file, "new"). Values are equal
     * when they are the same raw value on the device.
     */
    public static Comparison compare(ParameterSchema schema, Map<String, Double> left, Map<String, Double> right) {
        List<Comparison.Row> rows = new ArrayList<>();
        for (ParameterDef d : schema.parameters()) {
            if (left.containsKey(d.key()) || right.containsKey(d.key())) {
                rows.add(row(d.key(), d, left.get(d.key()), right.get(d.key())));
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (String k : left.keySet()) {
            if (schema.parameter(k).isEmpty()) {
                unknown.add(k);
            }
        }
        for (String k : right.keySet()) {
            if (schema.parameter(k).isEmpty()) {
                unknown.add(k);
            }
        }
        for (String k : unknown) {
            rows.add(row(k, null, left.get(k), right.get(k)));
        }
        return new Comparison(rows);
    }

    private static Comparison.Row row(String key, ParameterDef d, Double l, Double r) {
        Comparison.Status status;
        if (l == null) {
            status = Comparison.Status.ONLY_RIGHT;
        } else if (r == null) {
            status = Comparison.Status.ONLY_LEFT;
        } else if (d != null && Double.isFinite(l) && Double.isFinite(r)) {
            status = d.sameOnDevice(l, r) ? Comparison.Status.SAME : Comparison.Status.CHANGED;
        } else {
            status = l.equals(r) || ParameterDefs.same(l, r) ? Comparison.Status.SAME : Comparison.Status.CHANGED;
        }
        return new Comparison.Row(key, d == null ? "" : d.group(), d == null ? LocalizedText.of(key) : d.label(),
                d == null ? "" : d.unit(), l, r, text(d, l), text(d, r), status);
    }

    private static String text(ParameterDef d, Double v) {
        if (v == null) {
            return "";
        }
        return d == null ? ParameterDefs.plain(v) : d.format(v);
    }
}
