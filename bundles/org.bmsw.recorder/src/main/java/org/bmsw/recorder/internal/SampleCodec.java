package org.bmsw.recorder.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.recorder.internal.DeviceLayout.CellSlot;
import org.bmsw.recorder.internal.DeviceLayout.FlagSlot;
import org.bmsw.recorder.internal.DeviceLayout.GroupSlot;
import org.bmsw.recorder.internal.DeviceLayout.ProbeSlot;
import org.bmsw.recorder.internal.DeviceLayout.QuantitySlot;

/**
 * The numbers of one snapshot as a compact little-endian blob, read back against its {@link DeviceLayout}.
 * Cell voltages and temperatures are float32 (0.1 µV at 4 V, far below any BMS's resolution), NaN kept;
 * flags are stored sparse, as most are inactive. Layout of the blob:
 *
 * <pre>
 * f64 soh, f64 fcc, f64 rc, i64 cycles, i64 runTime, u8 switches (bit0 charge, bit1 discharge)
 * f32 × cells, balancing bitset, f32 × probes, fitted bitset
 * u16 active flag count, (u16 flat index, u8 level) × count
 * f64 × quantities, flagged bitset
 * </pre>
 */
final class SampleCodec {

    private SampleCodec() {
    }

    static byte[] encode(Telemetry t, int flagCount) {
        int cells = t.cells().size();
        int probes = t.temperatures().size();
        int quantities = t.quantities().size();
        int active = 0;
        for (FlagGroup g : t.flags()) {
            for (Flag f : g.flags()) {
                if (f.level() != 0) {
                    active++;
                }
            }
        }
        int size = 5 * 8 + 1 + cells * 4 + bits(cells) + probes * 4 + bits(probes) + 2 + active * 3 + quantities * 8 + bits(quantities);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        PackState p = t.pack();
        b.putDouble(p.sohPercent()).putDouble(p.fullChargeCapacity()).putDouble(p.remainingCapacity())
                .putLong(p.cycleCount()).putLong(p.runTimeSeconds())
                .put((byte) ((p.chargeEnabled() ? 1 : 0) | (p.dischargeEnabled() ? 2 : 0)));
        byte[] balancing = new byte[bits(cells)];
        for (int i = 0; i < cells; i++) {
            CellVoltage c = t.cells().get(i);
            b.putFloat((float) c.volts());
            if (c.balancing()) {
                balancing[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        b.put(balancing);
        byte[] fitted = new byte[bits(probes)];
        for (int i = 0; i < probes; i++) {
            Temperature p2 = t.temperatures().get(i);
            b.putFloat((float) p2.celsius());
            if (p2.fitted()) {
                fitted[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        b.put(fitted);
        b.putShort((short) active);
        int flat = 0;
        for (FlagGroup g : t.flags()) {
            for (Flag f : g.flags()) {
                if (f.level() != 0) {
                    b.putShort((short) flat).put((byte) Math.max(-128, Math.min(127, f.level())));
                }
                flat++;
            }
        }
        byte[] flagged = new byte[bits(quantities)];
        for (int i = 0; i < quantities; i++) {
            Quantity q = t.quantities().get(i);
            b.putDouble(q.value());
            if (q.flagged()) {
                flagged[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        b.put(flagged);
        return b.array();
    }

    /** The flag levels of a blob, one per flattened flag of the layout. */
    static int[] flagLevels(byte[] blob, DeviceLayout layout) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int cells = layout.cells().size();
        int probes = layout.probes().size();
        b.position(5 * 8 + 1 + cells * 4 + bits(cells) + probes * 4 + bits(probes));
        int[] levels = new int[layout.flagCount()];
        int active = b.getShort() & 0xffff;
        for (int k = 0; k < active; k++) {
            int index = b.getShort() & 0xffff;
            levels[index] = b.get();
        }
        return levels;
    }

    /**
     * The snapshot back, with the scalars stored in their own columns ({@code voltage}, {@code current},
     * {@code soc}).
     */
    static Telemetry decode(Instant time, DeviceIdentity identity, DeviceLayout layout, double voltage, double current,
                            double soc, byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        double soh = b.getDouble();
        double fcc = b.getDouble();
        double rc = b.getDouble();
        long cycles = b.getLong();
        long runTime = b.getLong();
        int switches = b.get();
        PackState pack = new PackState(soc, soh, voltage, current, fcc, rc, cycles, runTime, layout.chemistry(),
                layout.cellCount(), (switches & 1) != 0, (switches & 2) != 0);
        int n = layout.cells().size();
        float[] volts = new float[n];
        for (int i = 0; i < n; i++) {
            volts[i] = b.getFloat();
        }
        byte[] balancing = new byte[bits(n)];
        b.get(balancing);
        List<CellVoltage> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CellSlot s = layout.cells().get(i);
            cells.add(new CellVoltage(s.index(), s.module(), volts[i], bit(balancing, i)));
        }
        int m = layout.probes().size();
        float[] celsius = new float[m];
        for (int i = 0; i < m; i++) {
            celsius[i] = b.getFloat();
        }
        byte[] fitted = new byte[bits(m)];
        b.get(fitted);
        List<Temperature> temps = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            ProbeSlot s = layout.probes().get(i);
            temps.add(new Temperature(s.index(), s.module(), s.label(), celsius[i], bit(fitted, i)));
        }
        int[] levels = new int[layout.flagCount()];
        int active = b.getShort() & 0xffff;
        for (int k = 0; k < active; k++) {
            int index = b.getShort() & 0xffff;
            levels[index] = b.get();
        }
        List<FlagGroup> groups = new ArrayList<>(layout.groups().size());
        int flat = 0;
        for (GroupSlot g : layout.groups()) {
            List<Flag> flags = new ArrayList<>(g.flags().size());
            for (FlagSlot f : g.flags()) {
                flags.add(new Flag(f.key(), f.label(), levels[flat++], f.severity()));
            }
            groups.add(new FlagGroup(g.key(), g.label(), flags));
        }
        int q = layout.quantities().size();
        double[] values = new double[q];
        for (int i = 0; i < q; i++) {
            values[i] = b.getDouble();
        }
        byte[] flagged = new byte[bits(q)];
        b.get(flagged);
        List<Quantity> quantities = new ArrayList<>(q);
        for (int i = 0; i < q; i++) {
            QuantitySlot s = layout.quantities().get(i);
            quantities.add(new Quantity(s.key(), s.label(), values[i], s.unit(), s.category(), bit(flagged, i)));
        }
        return new Telemetry(time, identity, pack, cells, temps, groups, quantities);
    }

    private static int bits(int count) {
        return (count + 7) >> 3;
    }

    private static boolean bit(byte[] set, int i) {
        return (set[i >> 3] & (1 << (i & 7))) != 0;
    }
}
