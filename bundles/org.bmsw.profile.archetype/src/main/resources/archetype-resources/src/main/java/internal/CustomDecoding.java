package ${package}.internal;

import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;

/**
 * What the register map cannot say, in Java: values computed from a snapshot. Replace or extend these with your
 * device's own decoding (packed fields, checksums, vendor units ...).
 */
final class CustomDecoding {

    static final String POWER = "power.pack";
    static final String CELL_SPREAD = "voltage.cellSpread";

    private CustomDecoding() {
    }

    /** The snapshot with the pack power (W, positive while charging) and the cell voltage spread (mV) added. */
    static Telemetry decorate(Telemetry t) {
        List<Quantity> quantities = new ArrayList<>(t.quantities());
        double power = t.pack().voltage() * t.pack().current();
        quantities.add(new Quantity(POWER, LocalizedText.of("Pack power", "电池功率"), power, "W", "power", false));
        double max = t.cells().stream().mapToDouble(CellVoltage::volts).max().orElse(Double.NaN);
        double min = t.cells().stream().mapToDouble(CellVoltage::volts).min().orElse(Double.NaN);
        quantities.add(new Quantity(CELL_SPREAD, LocalizedText.of("Cell voltage spread", "单体压差"),
                (max - min) * 1000, "mV", "cells", (max - min) * 1000 > 50));
        return new Telemetry(t.time(), t.identity(), t.pack(), t.cells(), t.temperatures(), t.flags(), quantities);
    }
}
