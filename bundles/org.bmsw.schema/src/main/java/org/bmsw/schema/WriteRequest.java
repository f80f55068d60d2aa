package org.bmsw.schema;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to write.
 *
 * @param values          the wanted engineering values (any subset of the schema; equal values are not written)
 * @param context         the user's unlocked access level and the pack's chemistry
 * @param confirmed       ids ({@link Problem#id()}) of the problems needing confirmation that the user has confirmed;
 *                        the write is refused while any such problem is not among them
 * @param backupDirectory where the backup of the device's current values is written first
 * @param persist         for devices that stage writes in RAM: also persist ("Flash") after a verified write
 */
public record WriteRequest(Map<String, Double> values, ValidationContext context, Set<String> confirmed,
                           Path backupDirectory, boolean persist) {

    public WriteRequest {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(context, "context");
        confirmed = confirmed == null ? Set.of() : Set.copyOf(confirmed);
        Objects.requireNonNull(backupDirectory, "backupDirectory");
    }

    /** The same request, with these problems confirmed by the user. */
    public WriteRequest confirming(Set<String> problemIds) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(confirmed);
        all.addAll(problemIds);
        return new WriteRequest(values, context, all, backupDirectory, persist);
    }
}
