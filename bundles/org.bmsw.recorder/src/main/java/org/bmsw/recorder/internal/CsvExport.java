package org.bmsw.recorder.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.CycleOptions;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingFormatException;

/**
 * CSV for spreadsheets (RFC 4180, comma separated, dot decimals, empty where a value is not reported). The sample
 * file has one column per cell and probe position, as many as the largest device has; the cycle file one row per
 * phase.
 */
final class CsvExport {

    private static final MathContext SIGNIFICANT = new MathContext(12);

    private final RecordingReader reader;

    CsvExport(RecordingReader reader) {
        this.reader = reader;
    }

    void samples(Writer out) throws RecorderException {
        int cells = 0;
        int probes = 0;
        Set<String> quantityKeys = new LinkedHashSet<>();
        try {
            for (DeviceLayout layout : reader.allLayouts().values()) {
                cells = Math.max(cells, layout.cells().size());
                probes = Math.max(probes, layout.probes().size());
                layout.quantities().forEach(q -> quantityKeys.add(q.key()));
            }
        } catch (SQLException | RecordingFormatException e) {
            throw new RecorderException("Cannot read the layouts of recording " + reader.id() + ": " + e.getMessage(), e);
        }
        List<String> header = new ArrayList<>(List.of("time", "device", "soc_percent", "soh_percent", "voltage_v", "current_a",
                "power_w", "fcc_ah", "rc_ah", "cycles", "run_time_s", "charge_enabled", "discharge_enabled", "min_cell_v",
                "max_cell_v", "spread_v", "max_temp_c"));
        for (int i = 1; i <= cells; i++) {
            header.add(String.format(Locale.ROOT, "cell_%02d_v", i));
        }
        for (int i = 1; i <= probes; i++) {
            header.add(String.format(Locale.ROOT, "temp_%02d_c", i));
        }
        header.add("balancing");
        header.add("active_flags");
        for (String key : quantityKeys) {
            header.add("q_" + key);
        }
        int cellColumns = cells;
        int probeColumns = probes;
        List<String> quantities = List.copyOf(quantityKeys);
        try {
            line(out, header);
            StringBuilder row = new StringBuilder(512);
            for (String device : reader.deviceKeys()) {
                reader.forEachRow(device, Long.MIN_VALUE, Long.MAX_VALUE, (time, layout, t) -> {
                    row.setLength(0);
                    sampleRow(row, device, t, cellColumns, probeColumns, quantities);
                    try {
                        out.append(row);
                    } catch (IOException e) {
                        throw new RecorderException("Cannot write the CSV export of recording " + reader.id() + ": " + e.getMessage(), e);
                    }
                });
            }
            out.flush();
        } catch (IOException e) {
            throw new RecorderException("Cannot write the CSV export of recording " + reader.id() + ": " + e.getMessage(), e);
        }
    }

    private static void sampleRow(StringBuilder b, String device, Telemetry t, int cells, int probes, List<String> quantities) {
        PackState p = t.pack();
        b.append(t.time()).append(',');
        text(b, device);
        b.append(',');
        number(b, p.socPercent());
        number(b, p.sohPercent());
        number(b, p.voltage());
        number(b, p.current());
        number(b, p.power());
        number(b, p.fullChargeCapacity());
        number(b, p.remainingCapacity());
        b.append(p.cycleCount() < 0 ? "" : Long.toString(p.cycleCount())).append(',');
        b.append(p.runTimeSeconds() < 0 ? "" : Long.toString(p.runTimeSeconds())).append(',');
        b.append(p.chargeEnabled()).append(',').append(p.dischargeEnabled()).append(',');
        double min = t.minCell().map(CellVoltage::volts).orElse(Double.NaN);
        double max = t.maxCell().map(CellVoltage::volts).orElse(Double.NaN);
        single(b, min);
        single(b, max);
        single(b, max - min);
        single(b, t.maxTemperature().map(Temperature::celsius).orElse(Double.NaN));
        StringBuilder balancing = new StringBuilder();
        for (int i = 0; i < cells; i++) {
            if (i < t.cells().size()) {
                CellVoltage c = t.cells().get(i);
                single(b, c.volts());
                if (c.balancing()) {
                    balancing.append(balancing.length() == 0 ? "" : " ").append(c.index());
                }
            } else {
                b.append(',');
            }
        }
        for (int i = 0; i < probes; i++) {
            if (i < t.temperatures().size() && t.temperatures().get(i).fitted()) {
                single(b, t.temperatures().get(i).celsius());
            } else {
                b.append(',');
            }
        }
        b.append(balancing).append(',');
        StringBuilder flags = new StringBuilder();
        for (FlagGroup g : t.flags()) {
            for (Flag f : g.flags()) {
                if (f.active()) {
                    flags.append(flags.length() == 0 ? "" : " ").append(g.key()).append('.').append(f.key());
                    if (f.level() > 1) {
                        flags.append('=').append(f.level());
                    }
                }
            }
        }
        text(b, flags.toString());
        for (String key : quantities) {
            b.append(',');
            t.quantity(key).map(Quantity::value).filter(v -> !Double.isNaN(v)).ifPresent(v -> b.append(format(v)));
        }
        b.append("\r\n");
    }

    void cycles(Writer out, CycleOptions options) throws RecorderException {
        try {
            line(out, List.of("device", "kind", "start", "end", "duration_s", "samples", "ah_in", "ah_out", "wh_in", "wh_out",
                    "start_soc_percent", "end_soc_percent", "min_cell_v", "max_cell_v", "max_spread_mv", "max_temp_c",
                    "peak_current_a", "protections", "alarms"));
            StringBuilder b = new StringBuilder();
            for (String device : reader.deviceKeys()) {
                for (Cycle c : reader.cycles(device, options)) {
                    b.setLength(0);
                    text(b, device);
                    b.append(',').append(c.kind()).append(',').append(c.start()).append(',').append(c.end()).append(',');
                    b.append(c.duration().toMillis() / 1000.0).append(',').append(c.samples()).append(',');
                    number(b, c.ampHoursIn());
                    number(b, c.ampHoursOut());
                    number(b, c.wattHoursIn());
                    number(b, c.wattHoursOut());
                    number(b, c.startSoc());
                    number(b, c.endSoc());
                    single(b, c.minCell());
                    single(b, c.maxCell());
                    number(b, c.maxSpread() * 1000);
                    single(b, c.maxTemperature());
                    number(b, c.peakCurrent());
                    text(b, String.join(" ", new TreeSet<>(c.protections())));
                    b.append(',');
                    text(b, String.join(" ", new TreeSet<>(c.alarms())));
                    b.append("\r\n");
                    out.append(b);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new RecorderException("Cannot write the cycle CSV of recording " + reader.id() + ": " + e.getMessage(), e);
        }
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) {
                b.append(',');
            }
            text(b, f);
        }
        out.append(b).append("\r\n");
    }

    private static void number(StringBuilder b, double v) {
        if (!Double.isNaN(v)) {
            b.append(format(v));
        }
        b.append(',');
    }

    /** A value stored as float32 (cells, probes), printed without float noise. */
    private static void single(StringBuilder b, double v) {
        if (!Double.isNaN(v)) {
            b.append(Float.toString((float) v));
        }
        b.append(',');
    }

    /** Twelve significant digits: a register value scaled by 0.1 prints as 49.9, not 49.900000000000006. */
    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    private static void text(StringBuilder b, String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            b.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            b.append(s);
        }
    }
}
