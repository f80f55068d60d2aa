package org.bmsw.profile.modbus;

import java.util.HashMap;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Field;
import org.bmsw.profile.modbus.RegisterProfile.FlagSet;

/**
 * The inverse of {@link TelemetryDecoder}: a {@link Telemetry} snapshot → the register blocks a device
 * described by the profile would send. The simulator serves these, so device and host read one map.
 */
public final class TelemetryEncoder {

    private final RegisterProfile profile;

    public TelemetryEncoder(RegisterProfile profile) {
        this.profile = profile;
    }

    /** The model name as the identification registers hold it (the profile's only model). */
    public int[] identification() {
        return identification(profile.identify().accepted().get(0));
    }

    /** A model name as the identification registers hold it. */
    public int[] identification(String model) {
        return FieldCodec.asciiWords(model, profile.identify().count());
    }

    /**
     * @param firmwareVersion "major-minor-patch", spread over the firmware fields
     */
    public Map<String, int[]> encode(Telemetry t, String firmwareVersion) {
        Map<String, int[]> blocks = new HashMap<>();
        for (Block block : profile.blocks()) {
            blocks.put(block.id(), new int[block.count()]);
        }
        var pack = t.pack();
        put("soc", pack.socPercent(), blocks);
        put("soh", pack.sohPercent(), blocks);
        put("voltage", pack.voltage(), blocks);
        put("current", pack.current(), blocks);
        put("fullChargeCapacity", pack.fullChargeCapacity(), blocks);
        put("remainingCapacity", pack.remainingCapacity(), blocks);
        put("cycleCount", pack.cycleCount(), blocks);
        put("runTimeSeconds", pack.runTimeSeconds(), blocks);
        put("cellCount", pack.cellCount(), blocks);
        putChemistry(pack.chemistry(), blocks);
        String[] version = firmwareVersion.split("-");
        String[] keys = {"firmwareMajor", "firmwareMinor", "firmwarePatch"};
        for (int i = 0; i < keys.length && i < version.length; i++) {
            put(keys[i], Double.parseDouble(version[i]), blocks);
        }
        cells(t, blocks);
        temperatures(t, blocks);
        flags(t, blocks);
        for (var q : profile.quantities()) {
            t.quantity(q.key()).ifPresent(value -> put(q.field(), value.value(), blocks));
        }
        return blocks;
    }

    private void put(String key, double value, Map<String, int[]> blocks) {
        Field field = profile.telemetry().get(key);
        if (field != null) {
            put(field, value, blocks);
        }
    }

    /** A value the device does not report (NaN) stays 0 on the wire. */
    private static void put(Field field, double value, Map<String, int[]> blocks) {
        if (!Double.isNaN(value)) {
            FieldCodec.encode(field, blocks.get(field.block()), value);
        }
    }

    private void putChemistry(String chemistry, Map<String, int[]> blocks) {
        Field field = profile.telemetry().get("chemistry");
        if (field == null || field.values() == null) {
            return;
        }
        field.values().forEach((raw, name) -> {
            if (name.equals(chemistry)) {
                FieldCodec.put(field.type(), blocks.get(field.block()), field.at(), Long.parseLong(raw));
            }
        });
    }

    private void cells(Telemetry t, Map<String, int[]> blocks) {
        var map = profile.cells();
        if (map == null) {
            return;
        }
        int[] block = blocks.get(map.block());
        int words = map.type().endsWith("32") ? 2 : 1;
        if (map.moduleCounts() != null) {
            putModuleCounts(map.moduleCounts(), t.cells().stream().map(CellVoltage::module).toList(), blocks);
        }
        for (CellVoltage cell : t.cells()) {
            int i = cell.index() - 1;
            if (i >= map.max()) {
                break;
            }
            FieldCodec.put(map.type(), block, map.at() + i * words, Math.round(cell.volts() / map.scale()));
            if (cell.balancing() && map.balancing() != null) {
                blocks.get(map.balancing().block())[map.balancing().at() + i / 16] |= 1 << (i % 16);
            }
        }
    }

    private void temperatures(Telemetry t, Map<String, int[]> blocks) {
        var map = profile.temperatures();
        if (map == null) {
            return;
        }
        int[] block = blocks.get(map.block());
        int words = map.type().endsWith("32") ? 2 : 1;
        if (map.moduleCounts() != null) {
            putModuleCounts(map.moduleCounts(), t.temperatures().stream().map(Temperature::module).toList(), blocks);
        }
        for (int i = 0; i < map.count(); i++) {
            Temperature probe = i < t.temperatures().size() ? t.temperatures().get(i) : null;
            long raw = probe != null && probe.fitted() ? Math.round(probe.celsius() / map.scale())
                    : map.notFittedRaw() == null ? 0 : map.notFittedRaw();
            FieldCodec.put(map.type(), block, map.at() + i * words, raw);
        }
    }

    private static void putModuleCounts(RegisterProfile.ModuleCounts map, java.util.List<Integer> modules,
                                        Map<String, int[]> blocks) {
        int[] block = blocks.get(map.block());
        for (int module : modules) {
            if (module < map.words()) {
                block[map.at() + module]++;
            }
        }
    }

    private void flags(Telemetry t, Map<String, int[]> blocks) {
        for (FlagSet set : profile.flags()) {
            FlagGroup group = t.flagGroup(set.group()).orElse(null);
            if (group == null) {
                continue;
            }
            int[] block = blocks.get(set.block());
            for (int i = 0; i < set.items().size(); i++) {
                var def = set.items().get(i);
                Flag flag = def == null ? null : group.flag(def.key()).orElse(null);
                if (flag == null || !flag.active()) {
                    continue;
                }
                int bit = i * set.bitsPerFlag();
                int level = Math.min(flag.level(), set.bitsPerFlag() == 2 ? 3 : 1);
                block[set.at() + bit / 16] |= level << (bit % 16);
            }
        }
    }
}
