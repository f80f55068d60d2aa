package org.bmsw.recorder.internal;

import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.device.api.Severity;

/**
 * The parts of a device's telemetry that do not change from one snapshot to the next: which cells, probes,
 * flags and quantities it has, with their labels. Stored once per device (again when it changes), so a
 * sample row holds only numbers.
 */
record DeviceLayout(String chemistry, int cellCount, List<CellSlot> cells, List<ProbeSlot> probes,
                    List<GroupSlot> groups, List<QuantitySlot> quantities) {

    record CellSlot(int index, int module) {
    }

    record ProbeSlot(int index, int module, String label) {
    }

    record GroupSlot(String key, LocalizedText label, List<FlagSlot> flags) {
    }

    record FlagSlot(String key, LocalizedText label, Severity severity) {
    }

    record QuantitySlot(String key, LocalizedText label, String unit, String category) {
    }

    DeviceLayout {
        cells = List.copyOf(cells);
        probes = List.copyOf(probes);
        groups = List.copyOf(groups);
        quantities = List.copyOf(quantities);
    }

    static DeviceLayout of(Telemetry t) {
        List<CellSlot> cells = new ArrayList<>();
        for (CellVoltage c : t.cells()) {
            cells.add(new CellSlot(c.index(), c.module()));
        }
        List<ProbeSlot> probes = new ArrayList<>();
        for (Temperature p : t.temperatures()) {
            probes.add(new ProbeSlot(p.index(), p.module(), p.label()));
        }
        List<GroupSlot> groups = new ArrayList<>();
        for (FlagGroup g : t.flags()) {
            List<FlagSlot> flags = new ArrayList<>();
            for (Flag f : g.flags()) {
                flags.add(new FlagSlot(f.key(), f.label(), f.severity()));
            }
            groups.add(new GroupSlot(g.key(), g.label(), flags));
        }
        List<QuantitySlot> quantities = new ArrayList<>();
        for (Quantity q : t.quantities()) {
            quantities.add(new QuantitySlot(q.key(), q.label(), q.unit(), q.category()));
        }
        return new DeviceLayout(t.pack().chemistry(), t.pack().cellCount(), cells, probes, groups, quantities);
    }

    /**
     * True when {@code t} has this structure: pack chemistry and cell count, every cell's and probe's index and
     * module, the groups' keys and flag counts, the quantities' keys. Asked for every snapshot, so it leaves out
     * what no device changes while connected (labels, the order of flags inside a group).
     */
    boolean fits(Telemetry t) {
        List<CellVoltage> tc = t.cells();
        List<Temperature> tp = t.temperatures();
        List<FlagGroup> tg = t.flags();
        List<Quantity> tq = t.quantities();
        if (cellCount != t.pack().cellCount() || cells.size() != tc.size() || probes.size() != tp.size()
                || groups.size() != tg.size() || quantities.size() != tq.size() || !chemistry.equals(t.pack().chemistry())) {
            return false;
        }
        for (int i = 0; i < cells.size(); i++) {
            CellSlot s = cells.get(i);
            CellVoltage c = tc.get(i);
            if (s.index != c.index() || s.module != c.module()) {
                return false;
            }
        }
        for (int i = 0; i < probes.size(); i++) {
            ProbeSlot s = probes.get(i);
            Temperature p = tp.get(i);
            if (s.index != p.index() || s.module != p.module()) {
                return false;
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            GroupSlot s = groups.get(g);
            FlagGroup group = tg.get(g);
            if (s.flags.size() != group.flags().size() || !s.key.equals(group.key())) {
                return false;
            }
        }
        for (int i = 0; i < quantities.size(); i++) {
            if (!quantities.get(i).key.equals(tq.get(i).key())) {
                return false;
            }
        }
        return true;
    }

    /** Flags of all groups, numbered in order: the index a sample's flag levels use. */
    int flagCount() {
        int n = 0;
        for (GroupSlot g : groups) {
            n += g.flags.size();
        }
        return n;
    }

    /** The group and flag of a flattened flag index. */
    FlagRef flag(int flatIndex) {
        int i = flatIndex;
        for (GroupSlot g : groups) {
            if (i < g.flags.size()) {
                return new FlagRef(g, g.flags.get(i));
            }
            i -= g.flags.size();
        }
        throw new IndexOutOfBoundsException("flag " + flatIndex + " of " + flagCount());
    }

    record FlagRef(GroupSlot group, FlagSlot flag) {
        String key() {
            return group.key() + "." + flag.key();
        }
    }
}
