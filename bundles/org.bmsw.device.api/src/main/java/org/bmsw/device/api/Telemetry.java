package org.bmsw.device.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One consistent snapshot of a device. Numbers a device does not report are {@link Double#NaN}.
 *
 * @param time         when the snapshot was completed (host clock)
 * @param identity     the device
 * @param pack         pack-level values
 * @param cells        every cell, ordered by {@link CellVoltage#index()}
 * @param temperatures every probe, including those not fitted
 * @param flags        flag families: ALARM (levels 1..3), PROTECT, STATUS, RELAY, INPUT, FAULT ...
 * @param quantities   further measurements: insulation, KeyOn / wake-up / VCC voltages, charger output ...
 */
public record Telemetry(Instant time, DeviceIdentity identity, PackState pack, List<CellVoltage> cells,
                        List<Temperature> temperatures, List<FlagGroup> flags, List<Quantity> quantities) {

    public Telemetry {
        cells = List.copyOf(cells);
        temperatures = List.copyOf(temperatures);
        flags = List.copyOf(flags);
        quantities = List.copyOf(quantities);
    }

    public Optional<CellVoltage> maxCell() {
        return cells.stream().filter(c -> !Double.isNaN(c.volts())).max(Comparator.comparingDouble(CellVoltage::volts));
    }

    public Optional<CellVoltage> minCell() {
        return cells.stream().filter(c -> !Double.isNaN(c.volts())).min(Comparator.comparingDouble(CellVoltage::volts));
    }

    /** Max minus min cell voltage in volts, NaN without cells. */
    public double cellSpread() {
        return maxCell().map(CellVoltage::volts).orElse(Double.NaN) - minCell().map(CellVoltage::volts).orElse(Double.NaN);
    }

    public Optional<Temperature> maxTemperature() {
        return temperatures.stream().filter(Temperature::fitted).max(Comparator.comparingDouble(Temperature::celsius));
    }

    public Optional<Temperature> minTemperature() {
        return temperatures.stream().filter(Temperature::fitted).min(Comparator.comparingDouble(Temperature::celsius));
    }

    public Optional<FlagGroup> flagGroup(String key) {
        return flags.stream().filter(g -> g.key().equals(key)).findFirst();
    }

    public Optional<Quantity> quantity(String key) {
        return quantities.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    /** The worst state of any flag: what the JDI tool shows green / orange / red. */
    public Severity severity() {
        Severity worst = Severity.NORMAL;
        for (FlagGroup group : flags) {
            for (Flag flag : group.flags()) {
                if (flag.active() && flag.severity().compareTo(worst) > 0) {
                    worst = flag.severity();
                }
            }
        }
        return worst;
    }
}
