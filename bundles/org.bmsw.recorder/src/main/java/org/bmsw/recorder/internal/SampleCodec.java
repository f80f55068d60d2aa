package org.bmsw.recorder.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    // plain array access through var handles: several times faster than a heap ByteBuffer on Java 17
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    static byte[] encode(Telemetry t) {
        List<CellVoltage> cellList = t.cells();
        List<Temperature> probeList = t.temperatures();
        List<Quantity> quantityList = t.quantities();
        int cells = cellList.size();
        int probes = probeList.size();
        int quantities = quantityList.size();
        int active = 0;
        for (FlagGroup g : t.flags()) {
            for (Flag f : g.flags()) {
                if (f.level() != 0) {
                    active++;
                }
            }
        }
        byte[] b = new byte[5 * 8 + 1 + cells * 4 + bits(cells) + probes * 4 + bits(probes) + 2 + active * 3
                + quantities * 8 + bits(quantities)];
        PackState p = t.pack();
        F64.set(b, 0, p.sohPercent());
        F64.set(b, 8, p.fullChargeCapacity());
        F64.set(b, 16, p.remainingCapacity());
        I64.set(b, 24, p.cycleCount());
        I64.set(b, 32, p.runTimeSeconds());
        b[40] = (byte) ((p.chargeEnabled() ? 1 : 0) | (p.dischargeEnabled() ? 2 : 0));
        int at = 41;
        int bitset = at + cells * 4;
        for (int i = 0; i < cells; i++) {
            CellVoltage c = cellList.get(i);
            F32.set(b, at, (float) c.volts());
            at += 4;
            if (c.balancing()) {
                b[bitset + (i >> 3)] |= (byte) (1 << (i & 7));
            }
        }
        at = bitset + bits(cells);
        bitset = at + probes * 4;
        for (int i = 0; i < probes; i++) {
            Temperature probe = probeList.get(i);
            F32.set(b, at, (float) probe.celsius());
            at += 4;
            if (probe.fitted()) {
                b[bitset + (i >> 3)] |= (byte) (1 << (i & 7));
            }
        }
        at = bitset + bits(probes);
        I16.set(b, at, (short) active);
        at += 2;
        int flat = 0;
        for (FlagGroup g : t.flags()) {
            for (Flag f : g.flags()) {
                if (f.level() != 0) {
                    I16.set(b, at, (short) flat);
                    b[at + 2] = (byte) Math.max(-128, Math.min(127, f.level()));
                    at += 3;
                }
                flat++;
            }
        }
        bitset = at + quantities * 8;
        for (int i = 0; i < quantities; i++) {
            Quantity q = quantityList.get(i);
            F64.set(b, at, q.value());
            at += 8;
            if (q.flagged()) {
                b[bitset + (i >> 3)] |= (byte) (1 << (i & 7));
            }
        }
        return b;
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
