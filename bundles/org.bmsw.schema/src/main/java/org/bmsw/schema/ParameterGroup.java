package org.bmsw.schema;

import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * A group of parameters as a device's tool shows them (SYSTEM, PROTECT, CALIBRATION, ALARM, SLEEP ...).
 *
 * @param key   stable key
 * @param label display name (en, zh)
 * @param order position when groups are listed, ascending
 */
public record ParameterGroup(String key, LocalizedText label, int order) {

    public ParameterGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
    }
}
