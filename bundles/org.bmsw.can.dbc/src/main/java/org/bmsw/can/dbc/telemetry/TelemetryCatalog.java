package org.bmsw.can.dbc.telemetry;

import java.util.List;
import java.util.Optional;

import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;

/**
 * What a DBC cannot say well: labels in several languages, flag severities, quantity categories. A profile
 * supplies its own; for anything it does not know, the signal's comment or name is the label.
 */
public interface TelemetryCatalog {

    /** A catalog that knows nothing: labels from the DBC, severities from the group names. */
    TelemetryCatalog NONE = new TelemetryCatalog() {
    };

    default Optional<LocalizedText> groupLabel(String group) {
        return Optional.empty();
    }

    default Optional<LocalizedText> flagLabel(String group, String key) {
        return Optional.empty();
    }

    /** Severity of an active flag of the group; by default faults for PROTECT and FAULT, warnings for ALARM. */
    default Severity severity(String group) {
        return switch (group) {
            case FlagGroup.PROTECT, FlagGroup.FAULT -> Severity.FAULT;
            case FlagGroup.ALARM -> Severity.WARNING;
            default -> Severity.NORMAL;
        };
    }

    default Optional<LocalizedText> quantityLabel(String key) {
        return Optional.empty();
    }

    /** The unit to show; a DBC is ASCII and often writes {@code degC} or {@code kOhm} where a profile says °C, kΩ. */
    default String quantityUnit(String key, String dbcUnit) {
        return dbcUnit;
    }

    /** Category for grouping on screen; by default the key's first part ({@code insulation.positive} → insulation). */
    default String quantityCategory(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** A last look at the decoded quantities, e.g. to flag values out of their expected range. */
    default List<Quantity> review(List<Quantity> quantities, List<FlagGroup> flags) {
        return quantities;
    }
}
