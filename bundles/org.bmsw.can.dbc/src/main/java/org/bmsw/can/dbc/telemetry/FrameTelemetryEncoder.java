package org.bmsw.can.dbc.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcSignal;
import org.bmsw.can.dbc.telemetry.DbcTelemetry.Mapped;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.transport.api.CanFrame;

/**
 * A {@link Telemetry} snapshot → the frames a device described by the DBC would broadcast. A multiplexed
 * message gives one frame per switch value that selects at least one value the snapshot has (a 16-cell pack
 * sends no pages for cells 17..160). A value the snapshot lacks is sent as "not available" (every bit set) in
 * unsigned signals, 0 otherwise.
 */
public final class FrameTelemetryEncoder {

    private final DbcTelemetry definition;

    FrameTelemetryEncoder(DbcTelemetry definition) {
        this.definition = definition;
    }

    /** Every message's frames, in file order. */
    public Map<DbcMessage, List<CanFrame>> encode(Telemetry t) {
        Map<DbcMessage, List<CanFrame>> frames = new LinkedHashMap<>();
        for (DbcMessage message : definition.messages().keySet()) {
            frames.put(message, frames(message, t));
        }
        return frames;
    }

    /** The frames of one message. */
    public List<CanFrame> frames(DbcMessage message, Telemetry t) {
        List<Mapped> mapped = definition.messages().getOrDefault(message, List.of());
        List<CanFrame> frames = new ArrayList<>();
        if (!message.multiplexed()) {
            byte[] data = new byte[message.length()];
            mapped.forEach(m -> put(m, value(m, t), data));
            frames.add(frame(message, data));
            return frames;
        }
        DbcSignal switchSignal = message.multiplexer().orElseThrow(() -> new IllegalArgumentException(
                "message " + message.name() + ": only simple multiplexing (one M switch) can be sent"));
        var pages = DbcTelemetry.pages(message, mapped);
        List<Mapped> always = pages.getOrDefault(-1L, List.of());
        pages.forEach((page, onPage) -> {
            if (page < 0) {
                return;
            }
            List<Double> values = onPage.stream().map(m -> value(m, t)).toList();
            if (values.stream().allMatch(v -> Double.isNaN(v))) {
                return;
            }
            byte[] data = new byte[message.length()];
            switchSignal.encodeRaw(data, page);
            always.forEach(m -> put(m, value(m, t), data));
            for (int i = 0; i < onPage.size(); i++) {
                put(onPage.get(i), values.get(i), data);
            }
            frames.add(frame(message, data));
        });
        return frames;
    }

    private static CanFrame frame(DbcMessage message, byte[] data) {
        return CanFrame.data(message.id(), message.extended(), data);
    }

    private static void put(Mapped m, double value, byte[] data) {
        DbcSignal signal = m.signal();
        if (Double.isNaN(value)) {
            boolean unsigned = signal.valueType() == DbcSignal.ValueType.INTEGER && !signal.signed() && signal.length() > 1;
            signal.encodeRaw(data, unsigned ? signal.allOnes() : 0);
            return;
        }
        if (enumerated(m.field())) {
            signal.encodeRaw(data, (long) value);
            return;
        }
        signal.encode(data, value);
    }

    /** Model and chemistry travel as the raw value of their {@code VAL_} name. */
    static boolean enumerated(TelemetryField f) {
        return (f.kind() == TelemetryField.Kind.DEVICE && f.key().equals("model"))
                || (f.kind() == TelemetryField.Kind.PACK && f.key().equals("chemistry"));
    }

    /** The field's value in the snapshot, NaN when it has none; enumerations give their raw value. */
    private static double value(Mapped m, Telemetry t) {
        TelemetryField f = m.field();
        var pack = t.pack();
        return switch (f.kind()) {
            case PACK -> switch (f.key()) {
                case "soc" -> pack.socPercent();
                case "soh" -> pack.sohPercent();
                case "voltage" -> pack.voltage();
                case "current" -> pack.current();
                case "fullChargeCapacity" -> pack.fullChargeCapacity();
                case "remainingCapacity" -> pack.remainingCapacity();
                case "cycleCount" -> pack.cycleCount() < 0 ? Double.NaN : pack.cycleCount();
                case "runTimeSeconds" -> pack.runTimeSeconds() < 0 ? Double.NaN : pack.runTimeSeconds();
                case "cellCount" -> pack.cellCount();
                case "chemistry" -> rawOfName(m.signal(), pack.chemistry());
                default -> Double.NaN;
            };
            case DEVICE -> switch (f.key()) {
                case "model" -> rawOfName(m.signal(), t.identity().model());
                case "firmwareMajor" -> versionPart(t.identity().firmwareVersion(), 0);
                case "firmwareMinor" -> versionPart(t.identity().firmwareVersion(), 1);
                case "firmwarePatch" -> versionPart(t.identity().firmwareVersion(), 2);
                default -> Double.NaN;
            };
            case CELL_VOLTAGE -> cell(t, f.index()).map(CellVoltage::volts).orElse(Double.NaN);
            case CELL_BALANCING -> cell(t, f.index()).map(c -> c.balancing() ? 1.0 : 0.0).orElse(Double.NaN);
            case TEMPERATURE -> t.temperatures().stream().filter(p -> p.index() == f.index()).findFirst()
                    .map(Temperature::celsius).orElse(Double.NaN);
            case MODULE_CELLS -> t.cells().isEmpty() ? Double.NaN
                    : t.cells().stream().filter(c -> c.module() == f.index()).count();
            case MODULE_PROBES -> t.temperatures().isEmpty() ? Double.NaN
                    : t.temperatures().stream().filter(p -> p.module() == f.index()).count();
            case FLAG -> t.flagGroup(f.group()).flatMap(g -> g.flag(f.key())).map(Flag::level).map(Double::valueOf)
                    .orElse(Double.NaN);
            case QUANTITY -> t.quantity(f.key()).map(Quantity::value).orElse(Double.NaN);
        };
    }

    private static Optional<CellVoltage> cell(Telemetry t, int index) {
        return index <= t.cells().size() && t.cells().get(index - 1).index() == index ? Optional.of(t.cells().get(index - 1))
                : t.cells().stream().filter(c -> c.index() == index).findFirst();
    }

    private static double rawOfName(DbcSignal signal, String name) {
        for (var entry : signal.valueNames().entrySet()) {
            if (entry.getValue().equals(name)) {
                return entry.getKey();
            }
        }
        return Double.NaN;
    }

    private static double versionPart(String version, int part) {
        String[] parts = version.split("[-.]");
        if (part >= parts.length) {
            return Double.NaN;
        }
        try {
            return Integer.parseInt(parts[part]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
