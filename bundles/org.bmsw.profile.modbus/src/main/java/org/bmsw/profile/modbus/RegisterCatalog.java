package org.bmsw.profile.modbus;

import java.util.List;
import java.util.Optional;

import org.bmsw.can.dbc.telemetry.TelemetryCatalog;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.profile.modbus.RegisterProfile.FlagSet;
import org.bmsw.profile.modbus.RegisterProfile.QuantityDef;

/**
 * Labels, severities, units and flag rules for a profile's CAN telemetry, taken from its flags and quantities: both
 * wires show the same names, and the profile is the one place to change them. What the profile does not name keeps
 * the DBC's comment or name.
 */
final class RegisterCatalog implements TelemetryCatalog {

    private final RegisterProfile profile;

    RegisterCatalog(RegisterProfile profile) {
        this.profile = profile;
    }

    private Optional<FlagSet> set(String group) {
        return profile.flags().stream().filter(f -> f.group().equals(group)).findFirst();
    }

    private Optional<QuantityDef> quantity(String key) {
        return profile.quantities().stream().filter(q -> q.key().equals(key)).findFirst();
    }

    @Override
    public Optional<LocalizedText> groupLabel(String group) {
        return set(group).map(f -> f.label().localized());
    }

    @Override
    public Optional<LocalizedText> flagLabel(String group, String key) {
        return set(group).flatMap(f -> f.items().stream().filter(i -> i != null && i.key().equals(key)).findFirst())
                .map(i -> i.label().localized());
    }

    @Override
    public Severity severity(String group) {
        return set(group).map(f -> switch (f.severity()) {
            case "fault" -> Severity.FAULT;
            case "warning" -> Severity.WARNING;
            default -> Severity.NORMAL;
        }).orElseGet(() -> TelemetryCatalog.super.severity(group));
    }

    @Override
    public Optional<LocalizedText> quantityLabel(String key) {
        return quantity(key).map(q -> q.label().localized());
    }

    @Override
    public String quantityUnit(String key, String dbcUnit) {
        return quantity(key).map(QuantityDef::unit).orElse(dbcUnit);
    }

    @Override
    public String quantityCategory(String key) {
        return quantity(key).map(QuantityDef::category).orElseGet(() -> TelemetryCatalog.super.quantityCategory(key));
    }

    @Override
    public List<Quantity> review(List<Quantity> quantities, List<FlagGroup> flags) {
        return QuantityRules.apply(profile.quantities(), quantities, flags);
    }
}
