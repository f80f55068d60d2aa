package org.bmsw.profile.modbus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.profile.modbus.RegisterProfile.FlagDef;
import org.bmsw.profile.modbus.RegisterProfile.FlagSet;

/** Register blocks as read from a device → one {@link Telemetry} snapshot, as the profile describes. */
public final class TelemetryDecoder {

    /** Flag keys whose state the pack record carries: charge / discharge switch enabled. */
    static final String CHARGE_ENABLED = "CHGEN";
    static final String DISCHARGE_ENABLED = "DSGEN";

    private final RegisterProfile profile;

    public TelemetryDecoder(RegisterProfile profile) {
        this.profile = profile;
    }

    /** @param blocks register values by block id, each exactly as long as its block */
    public Telemetry decode(Map<String, int[]> blocks, DeviceIdentity identity, Instant time) {
        int cellCount = cellCount(blocks);
        List<FlagGroup> flags = flags(blocks);
        boolean chargeOn = flagActive(flags, CHARGE_ENABLED);
        boolean dischargeOn = flagActive(flags, DISCHARGE_ENABLED);
        PackState pack = new PackState(value("soc", blocks), value("soh", blocks), value("voltage", blocks),
                value("current", blocks), value("fullChargeCapacity", blocks), value("remainingCapacity", blocks),
                count("cycleCount", blocks), count("runTimeSeconds", blocks), chemistry(blocks), cellCount, chargeOn,
                dischargeOn);
        return new Telemetry(time, identity, pack, cells(blocks, cellCount), temperatures(blocks), flags,
                QuantityRules.apply(profile.quantities(), quantities(blocks), flags));
    }

    /** "35-7-3" style version from the firmware fields, empty when the profile has none. */
    public String firmwareVersion(Map<String, int[]> blocks) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("firmwareMajor", "firmwareMinor", "firmwarePatch")) {
            double v = value(key, blocks);
            if (!Double.isNaN(v)) {
                parts.add(Long.toString(Math.round(v)));
            }
        }
        return String.join("-", parts);
    }

    private double value(String key, Map<String, int[]> blocks) {
        var field = profile.telemetry().get(key);
        return field == null ? Double.NaN : FieldCodec.decode(field, blocks.get(field.block()));
    }

    private long count(String key, Map<String, int[]> blocks) {
        double v = value(key, blocks);
        return Double.isNaN(v) ? -1 : Math.round(v);
    }

    private String chemistry(Map<String, int[]> blocks) {
        var field = profile.telemetry().get("chemistry");
        if (field == null) {
            return "";
        }
        long raw = FieldCodec.raw(field.type(), blocks.get(field.block()), field.at());
        if (field.values() == null) {
            return Long.toString(raw);
        }
        return field.values().getOrDefault(Long.toString(raw), "unknown (" + raw + ")");
    }

    private int cellCount(Map<String, int[]> blocks) {
        var cells = profile.cells();
        if (cells == null) {
            return 0;
        }
        if (cells.countField() == null) {
            return cells.moduleCounts() == null ? cells.max()
                    : Math.min(cells.max(), moduleCounts(cells.moduleCounts(), blocks).stream().mapToInt(Integer::intValue).sum());
        }
        long reported = count(cells.countField(), blocks);
        // a device reporting more cells than the map holds shows what the map holds
        return (int) Math.max(0, Math.min(reported, cells.max()));
    }

    private List<CellVoltage> cells(Map<String, int[]> blocks, int count) {
        var map = profile.cells();
        List<CellVoltage> cells = new ArrayList<>(count);
        if (map == null) {
            return cells;
        }
        int[] block = blocks.get(map.block());
        int words = map.type().endsWith("32") ? 2 : 1;
        List<Integer> modules = map.moduleCounts() == null ? null : moduleCounts(map.moduleCounts(), blocks);
        for (int i = 0; i < count; i++) {
            double volts = FieldCodec.raw(map.type(), block, map.at() + i * words) * map.scale();
            int module = modules != null ? moduleOf(i, modules) : map.moduleSize() == null ? 0 : i / map.moduleSize();
            cells.add(new CellVoltage(i + 1, module, volts, bit(map.balancing(), blocks, i)));
        }
        return cells;
    }

    /** Items per module, module 0 first, as the device reports them. */
    static List<Integer> moduleCounts(RegisterProfile.ModuleCounts map, Map<String, int[]> blocks) {
        int[] block = blocks.get(map.block());
        List<Integer> counts = new ArrayList<>(map.words());
        for (int m = 0; m < map.words(); m++) {
            counts.add(block[map.at() + m] & 0xFFFF);
        }
        return counts;
    }

    /** The module of the item at 0-based {@code index}, from the running sum of the module counts. */
    static int moduleOf(int index, List<Integer> counts) {
        int end = 0;
        for (int m = 0; m < counts.size(); m++) {
            end += counts.get(m);
            if (index < end) {
                return m;
            }
        }
        return Math.max(0, counts.size() - 1);
    }

    private static boolean bit(RegisterProfile.BitMap map, Map<String, int[]> blocks, int index) {
        if (map == null) {
            return false;
        }
        int word = blocks.get(map.block())[map.at() + index / 16];
        return ((word >> (index % 16)) & 1) != 0;
    }

    private List<Temperature> temperatures(Map<String, int[]> blocks) {
        var map = profile.temperatures();
        List<Temperature> temperatures = new ArrayList<>();
        if (map == null) {
            return temperatures;
        }
        int[] block = blocks.get(map.block());
        int words = map.type().endsWith("32") ? 2 : 1;
        List<Integer> modules = map.moduleCounts() == null ? null : moduleCounts(map.moduleCounts(), blocks);
        int count = modules == null ? map.count()
                : Math.min(map.count(), modules.stream().mapToInt(Integer::intValue).sum());
        for (int i = 0; i < count; i++) {
            long raw = FieldCodec.raw(map.type(), block, map.at() + i * words);
            boolean fitted = map.notFittedRaw() == null || raw != map.notFittedRaw();
            String label = map.labels() != null && i < map.labels().size() ? map.labels().get(i)
                    : String.format("T%02d", i + 1);
            int module = modules != null ? moduleOf(i, modules) : map.perModule() == null ? 0 : i / map.perModule();
            temperatures.add(new Temperature(i + 1, module, label, fitted ? raw * map.scale() : Double.NaN, fitted));
        }
        return temperatures;
    }

    private List<FlagGroup> flags(Map<String, int[]> blocks) {
        List<FlagGroup> groups = new ArrayList<>();
        for (FlagSet set : profile.flags()) {
            int[] block = blocks.get(set.block());
            Severity severity = switch (set.severity()) {
                case "fault" -> Severity.FAULT;
                case "warning" -> Severity.WARNING;
                default -> Severity.NORMAL;
            };
            List<Flag> flags = new ArrayList<>();
            for (int i = 0; i < set.items().size(); i++) {
                FlagDef def = set.items().get(i);
                if (def == null) {
                    continue;
                }
                int bit = i * set.bitsPerFlag();
                int word = block[set.at() + bit / 16];
                int level = (word >> (bit % 16)) & (set.bitsPerFlag() == 2 ? 0b11 : 0b1);
                flags.add(new Flag(def.key(), def.label().localized(), level, severity));
            }
            groups.add(new FlagGroup(set.group(), set.label().localized(), flags));
        }
        return groups;
    }

    private List<Quantity> quantities(Map<String, int[]> blocks) {
        List<Quantity> quantities = new ArrayList<>();
        for (var q : profile.quantities()) {
            quantities.add(new Quantity(q.key(), q.label().localized(), FieldCodec.decode(q.field(), blocks.get(q.field().block())),
                    q.unit(), q.category(), false));
        }
        return quantities;
    }

    private static boolean flagActive(List<FlagGroup> groups, String key) {
        return groups.stream().flatMap(g -> g.flags().stream()).anyMatch(f -> f.key().equals(key) && f.active());
    }
}
