package org.bmsw.schema;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parameter file: values in engineering units, with where they came from.
 *
 * @param formatVersion   {@link ParameterFiles#FORMAT_VERSION} for files this engine writes
 * @param profileId       the device profile (must match the schema on import)
 * @param model           device model, "" when unknown
 * @param firmwareVersion "" when unknown
 * @param deviceAddress   bus address of the device the values were read from; null when unknown
 * @param serialNumber    "" when unknown
 * @param time            when the values were read or the file was written; null when the file does not say
 * @param groups          the groups the file holds, in schema order
 * @param values          engineering values by key, in schema order
 * @param comment         free text for people; "" when none
 */
public record ParameterFile(int formatVersion, String profileId, String model, String firmwareVersion,
                            Integer deviceAddress, String serialNumber, OffsetDateTime time, List<String> groups,
                            Map<String, Double> values, String comment) {

    public ParameterFile {
        Objects.requireNonNull(profileId, "profileId");
        model = model == null ? "" : model;
        firmwareVersion = firmwareVersion == null ? "" : firmwareVersion;
        serialNumber = serialNumber == null ? "" : serialNumber;
        groups = List.copyOf(groups);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        comment = comment == null ? "" : comment;
    }
}
