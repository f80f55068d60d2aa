package org.bmsw.mqtt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One snapshot as the JSON of a state message. Units: V, A, W, Ah, °C, %, cell spread in mV. A value the
 * device does not report is {@code null} (Home Assistant shows it as unknown), never a made-up zero.
 * {@code cells} and {@code temperatures} are arrays in the device's order; an unfitted probe is {@code null}.
 */
final class StatePayload {

    static final ObjectMapper JSON = new ObjectMapper();

    private StatePayload() {
    }

    static byte[] of(Telemetry t) {
        PackState p = t.pack();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", t.time().toString());
        m.put("soc", round(p.socPercent(), 1));
        m.put("soh", round(p.sohPercent(), 1));
        m.put("voltage", round(p.voltage(), 2));
        m.put("current", round(p.current(), 2));
        m.put("power", round(p.power(), 1));
        m.put("remaining_capacity", round(p.remainingCapacity(), 2));
        m.put("full_capacity", round(p.fullChargeCapacity(), 2));
        m.put("cycles", p.cycleCount() < 0 ? null : p.cycleCount());
        m.put("cell_max", t.maxCell().map(c -> round(c.volts(), 3)).orElse(null));
        m.put("cell_max_index", t.maxCell().map(CellVoltage::index).orElse(null));
        m.put("cell_min", t.minCell().map(c -> round(c.volts(), 3)).orElse(null));
        m.put("cell_min_index", t.minCell().map(CellVoltage::index).orElse(null));
        m.put("cell_spread_mv", round(t.cellSpread() * 1000, 1));
        m.put("temperature_max", t.maxTemperature().map(x -> round(x.celsius(), 1)).orElse(null));
        m.put("temperature_min", t.minTemperature().map(x -> round(x.celsius(), 1)).orElse(null));
        m.put("charge_enabled", p.chargeEnabled());
        m.put("discharge_enabled", p.dischargeEnabled());
        Severity severity = t.severity();
        m.put("alarm", severity != Severity.NORMAL);
        m.put("severity", severity.name());
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (FlagGroup group : t.flags()) {
            flags.put(group.key(), group.active().stream().map(Flag::key).toList());
        }
        m.put("flags", flags);
        m.put("chemistry", p.chemistry().isEmpty() ? null : p.chemistry());
        List<Double> cells = new ArrayList<>(t.cells().size());
        List<Integer> balancing = new ArrayList<>();
        for (CellVoltage c : t.cells()) {
            cells.add(round(c.volts(), 3));
            if (c.balancing()) {
                balancing.add(c.index());
            }
        }
        m.put("cells", cells);
        m.put("balancing", balancing);
        List<Double> temperatures = new ArrayList<>(t.temperatures().size());
        for (Temperature probe : t.temperatures()) {
            temperatures.add(probe.fitted() ? round(probe.celsius(), 1) : null);
        }
        m.put("temperatures", temperatures);
        if (!t.quantities().isEmpty()) {
            Map<String, Double> quantities = new LinkedHashMap<>();
            for (Quantity q : t.quantities()) {
                quantities.put(q.key(), round(q.value(), 3));
            }
            m.put("quantities", quantities);
        }
        return bytes(m);
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON of " + value.getClass().getSimpleName(), e);
        }
    }

    /** Rounded to the device's resolution; null for NaN and infinities, which JSON cannot carry. */
    static Double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
