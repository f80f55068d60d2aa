package org.bmsw.can.dbc.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.telemetry.DbcTelemetry.Mapped;
import org.bmsw.can.dbc.telemetry.TelemetryField.Kind;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.transport.api.CanFrame;

/**
 * Collects broadcast frames and turns the latest value of every field into a {@link Telemetry} snapshot.
 * A value is fresh for three cycle times of its message ({@code GenMsgCycleTime}, 1 s when not declared), at
 * least 0.5 s; a stale number reads NaN and a stale flag is left out, so nothing old is shown as current.
 * Thread-safe: one thread may {@link #accept} while another takes snapshots.
 */
public final class FrameTelemetryDecoder {

    /** Cycle time assumed for messages that declare none. */
    public static final int DEFAULT_CYCLE_MILLIS = 1000;

    private record Sample(double value, long raw, boolean notAvailable, long nanos) {
    }

    private final DbcTelemetry definition;
    private final Map<String, Sample> latest = new HashMap<>();
    private final Map<DbcMessage, Long> lastSeen = new HashMap<>();

    FrameTelemetryDecoder(DbcTelemetry definition) {
        this.definition = definition;
    }

    /**
     * Takes one received frame; frames of messages the DBC does not describe, or whose length does not match,
     * are ignored.
     *
     * @return true when the frame carried telemetry
     */
    public boolean accept(CanFrame frame) {
        if (frame.remote()) {
            return false;
        }
        DbcMessage message = definition.dbc().message(frame.id(), frame.extended()).orElse(null);
        List<Mapped> mapped = message == null ? null : definition.messages().get(message);
        if (mapped == null || frame.length() != message.length()) {
            return false;
        }
        byte[] data = frame.data();
        long nanos = frame.timestampNanos() != 0 ? frame.timestampNanos() : System.nanoTime();
        Map<String, Long> switches = new HashMap<>();
        synchronized (this) {
            lastSeen.put(message, nanos);
            for (Mapped m : mapped) {
                if (message.present(m.signal(), data, switches)) {
                    long raw = m.signal().raw(data);
                    latest.put(m.field().text(), new Sample(m.signal().physical(raw), raw,
                            DbcTelemetry.isNotAvailable(m, raw), nanos));
                }
            }
        }
        return true;
    }

    /** Whether any telemetry frame arrived within its freshness window. */
    public synchronized boolean anyFresh(long nowNanos) {
        return lastSeen.entrySet().stream().anyMatch(e -> nowNanos - e.getValue() <= maxAge(e.getKey()));
    }

    /** Messages carrying telemetry that have not been received fresh, for error messages. */
    public synchronized List<String> staleMessages(long nowNanos) {
        List<String> stale = new ArrayList<>();
        for (DbcMessage message : definition.messages().keySet()) {
            Long seen = lastSeen.get(message);
            if (seen == null || nowNanos - seen > maxAge(message)) {
                stale.add(message.name());
            }
        }
        return stale;
    }

    private static long maxAge(DbcMessage message) {
        int cycle = message.cycleTimeMillis().orElse(DEFAULT_CYCLE_MILLIS);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(500, 3L * cycle));
    }

    /** The fresh value of a field ({@link TelemetryField#text()}), if one was received. */
    public synchronized Optional<Double> value(String field, long nowNanos) {
        Sample s = fresh(field, nowNanos);
        return s == null || s.notAvailable() ? Optional.empty() : Optional.of(s.value());
    }

    /** The {@code VAL_} name of a fresh enumerated field, e.g. the model. */
    public synchronized Optional<String> valueName(String field, long nowNanos) {
        Sample s = fresh(field, nowNanos);
        Mapped m = definition.field(field).orElse(null);
        if (s == null || m == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(m.signal().valueNames().get(s.raw()));
    }

    private Sample fresh(String field, long nowNanos) {
        Sample s = latest.get(field);
        Mapped m = definition.field(field).orElse(null);
        if (s == null || m == null || nowNanos - s.nanos() > maxAge(m.message())) {
            return null;
        }
        return s;
    }

    /** The latest fresh values as a snapshot. */
    public synchronized Telemetry snapshot(DeviceIdentity identity, Instant time, long nowNanos) {
        double cellCountField = number("pack.cellCount", nowNanos);
        List<Integer> moduleCells = moduleCounts(Kind.MODULE_CELLS, nowNanos);
        List<Integer> moduleProbes = moduleCounts(Kind.MODULE_PROBES, nowNanos);
        int cellCount = !Double.isNaN(cellCountField) ? (int) Math.round(cellCountField)
                : !moduleCells.isEmpty() ? moduleCells.stream().mapToInt(Integer::intValue).sum() : highest(Kind.CELL_VOLTAGE);
        int probeCount = !moduleProbes.isEmpty() ? moduleProbes.stream().mapToInt(Integer::intValue).sum()
                : highest(Kind.TEMPERATURE);
        List<FlagGroup> flags = flags(nowNanos);
        PackState pack = new PackState(number("pack.soc", nowNanos), number("pack.soh", nowNanos),
                number("pack.voltage", nowNanos), number("pack.current", nowNanos),
                number("pack.fullChargeCapacity", nowNanos), number("pack.remainingCapacity", nowNanos),
                count("pack.cycleCount", nowNanos), count("pack.runTimeSeconds", nowNanos),
                valueName("pack.chemistry", nowNanos).orElse(""), cellCount,
                active(flags, "CHGEN"), active(flags, "DSGEN"));
        List<CellVoltage> cells = new ArrayList<>();
        for (int i = 1; i <= cellCount; i++) {
            cells.add(new CellVoltage(i, moduleOf(i, moduleCells), number("cell." + i + ".voltage", nowNanos),
                    number("cell." + i + ".balancing", nowNanos) >= 1));
        }
        List<Temperature> temperatures = new ArrayList<>();
        for (int i = 1; i <= probeCount; i++) {
            double celsius = number("temperature." + i, nowNanos);
            temperatures.add(new Temperature(i, moduleOf(i, moduleProbes), String.format("T%02d", i), celsius,
                    !Double.isNaN(celsius)));
        }
        List<Quantity> quantities = new ArrayList<>();
        for (var entry : definition.messages().entrySet()) {
            for (Mapped m : entry.getValue()) {
                if (m.field().kind() == Kind.QUANTITY) {
                    String key = m.field().key();
                    quantities.add(new Quantity(key, definition.catalog().quantityLabel(key).orElseGet(() -> label(m)),
                            number(m.field().text(), nowNanos), definition.catalog().quantityUnit(key, m.signal().unit()),
                            definition.catalog().quantityCategory(key), false));
                }
            }
        }
        return new Telemetry(time, identity, pack, cells, temperatures, flags,
                definition.catalog().review(quantities, flags));
    }

    private static LocalizedText label(Mapped m) {
        return LocalizedText.of(m.signal().comment().isEmpty() ? m.signal().name() : m.signal().comment());
    }

    private double number(String field, long nowNanos) {
        Sample s = fresh(field, nowNanos);
        return s == null || s.notAvailable() ? Double.NaN : s.value();
    }

    private long count(String field, long nowNanos) {
        double v = number(field, nowNanos);
        return Double.isNaN(v) ? -1 : Math.round(v);
    }

    /** Counts of modules 0, 1, ... as far as they were received fresh; empty when none were. */
    private List<Integer> moduleCounts(Kind kind, long nowNanos) {
        List<Integer> counts = new ArrayList<>();
        for (int module = 0; ; module++) {
            String field = new TelemetryField(kind, "", "", module).text();
            if (definition.field(field).isEmpty()) {
                return counts;
            }
            double v = number(field, nowNanos);
            if (Double.isNaN(v)) {
                return counts;
            }
            counts.add((int) Math.round(v));
        }
    }

    private static int moduleOf(int index, List<Integer> counts) {
        int end = 0;
        for (int module = 0; module < counts.size(); module++) {
            end += counts.get(module);
            if (index <= end) {
                return module;
            }
        }
        return counts.isEmpty() ? 0 : counts.size() - 1;
    }

    private int highest(Kind kind) {
        int highest = 0;
        for (String field : latest.keySet()) {
            Mapped m = definition.field(field).orElseThrow();
            if (m.field().kind() == kind) {
                highest = Math.max(highest, m.field().index());
            }
        }
        return highest;
    }

    private List<FlagGroup> flags(long nowNanos) {
        Map<String, List<Flag>> groups = new LinkedHashMap<>();
        for (var entry : definition.messages().entrySet()) {
            for (Mapped m : entry.getValue()) {
                TelemetryField f = m.field();
                if (f.kind() != Kind.FLAG) {
                    continue;
                }
                List<Flag> flags = groups.computeIfAbsent(f.group(), g -> new ArrayList<>());
                double level = number(f.text(), nowNanos);
                if (!Double.isNaN(level)) {
                    flags.add(new Flag(f.key(), definition.catalog().flagLabel(f.group(), f.key()).orElseGet(() -> label(m)),
                            (int) Math.round(level), definition.catalog().severity(f.group())));
                }
            }
        }
        List<FlagGroup> result = new ArrayList<>();
        groups.forEach((group, flags) -> result.add(new FlagGroup(group,
                definition.catalog().groupLabel(group).orElse(LocalizedText.of(group)), flags)));
        return result;
    }

    private static boolean active(List<FlagGroup> groups, String key) {
        return groups.stream().flatMap(g -> g.flags().stream()).anyMatch(f -> f.key().equals(key) && f.active());
    }
}
