package org.bmsw.profile.can.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.RawType;

/**
 * Parameters over CAN as XCP calibration pages: values are read from and written to the RAM page at the schema's XCP
 * addresses ("Calibration"), and COPY_CAL_PAGE from the RAM page to the flash page persists them ("Flash"). The keys
 * written since the last Flash are tracked. The byte order is the slave's (CONNECT).
 */
final class XcpParameterAccess implements ParameterAccess {

    /** Reads of neighbouring parameters are merged while the gap between them is at most this many bytes. */
    private static final int MAX_GAP = 16;

    private final ParameterSchema schema;
    private final XcpCalibrationLayout layout;
    private final XcpMaster master;
    private final Set<String> unpersisted = Collections.synchronizedSet(new LinkedHashSet<>());

    XcpParameterAccess(ParameterSchema schema, XcpCalibrationLayout layout, XcpMaster master) {
        this.schema = schema;
        this.layout = layout;
        this.master = master;
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        schema.parameters().stream().filter(d -> d.location().hasXcp()).forEach(d -> keys.add(d.key()));
        return keys;
    }

    @Override
    public boolean stagesInRam() {
        return true;
    }

    /** One step of XCP traffic. */
    private interface Step<T> {
        T run(boolean littleEndian) throws DeviceException;
    }

    /**
     * Runs a step on the connection; a slave that restarted since (it stays silent outside a session) gets a new
     * CONNECT and the step once more.
     */
    private <T> T connected(Step<T> step) throws DeviceException {
        boolean little = connect();
        try {
            return step.run(little);
        } catch (XcpException e) {
            if (e.reason() != DeviceException.Reason.TIMEOUT) {
                throw e;
            }
            return step.run(master.connect().littleEndian());
        }
    }

    @Override
    public synchronized Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException {
        List<ParameterDef> defs = new ArrayList<>();
        for (String key : keys) {
            defs.add(located(key));
        }
        defs.sort(Comparator.comparingLong(d -> d.location().xcp().address()));
        Map<String, ParameterValue> values = connected(little -> readAll(defs, little));
        Map<String, ParameterValue> ordered = new LinkedHashMap<>();
        for (String key : keys) {
            ordered.put(key, values.get(key));
        }
        return ordered;
    }

    private Map<String, ParameterValue> readAll(List<ParameterDef> defs, boolean little) throws DeviceException {
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        int i = 0;
        while (i < defs.size()) {
            long start = defs.get(i).location().xcp().address();
            long end = start + defs.get(i).location().xcp().size();
            int j = i;
            while (j + 1 < defs.size() && defs.get(j + 1).location().xcp().address() - end <= MAX_GAP) {
                j++;
                end = Math.max(end, defs.get(j).location().xcp().address() + defs.get(j).location().xcp().size());
            }
            byte[] bytes = master.read(start, (int) (end - start));
            for (int k = i; k <= j; k++) {
                ParameterDef def = defs.get(k);
                long raw = raw(def, bytes, (int) (def.location().xcp().address() - start), little);
                values.put(def.key(), new ParameterValue(def.key(), raw, def.toEngineering(raw), def.unit()));
            }
            i = j + 1;
        }
        return values;
    }

    @Override
    public synchronized void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
        Map<ParameterDef, Long> raws = new LinkedHashMap<>();
        for (var entry : values.entrySet()) {
            ParameterDef def = located(entry.getKey());
            if (!def.writable()) {
                throw new DeviceException(DeviceException.Reason.INVALID, def.key() + " is read-only");
            }
            try {
                long raw = def.toRaw(entry.getValue());
                if (!def.type().fits(raw)) {
                    throw new IllegalArgumentException("raw value " + raw + " does not fit " + def.type());
                }
                raws.put(def, raw);
            } catch (IllegalArgumentException e) {
                throw new DeviceException(DeviceException.Reason.INVALID, def.key() + " = " + entry.getValue() + " "
                        + def.unit() + " cannot be written: " + e.getMessage());
            }
        }
        connected(little -> {
            master.setCalPage(XcpMaster.PAGE_XCP, layout.segment(), layout.ramPage());
            for (var entry : raws.entrySet()) {
                ParameterDef def = entry.getKey();
                master.write(def.location().xcp().address(), bytes(def, entry.getValue(), little));
                unpersisted.add(def.key());
            }
            return null;
        });
        if (target == WriteTarget.PERSISTENT) {
            persist();
        }
    }

    @Override
    public synchronized void persist() throws DeviceException {
        connected(little -> {
            master.copyCalPage(layout.segment(), layout.ramPage(), layout.segment(), layout.flashPage());
            return null;
        });
        unpersisted.clear();
    }

    @Override
    public Set<String> unpersisted() {
        synchronized (unpersisted) {
            return Set.copyOf(unpersisted);
        }
    }

    /** Connects when not connected; true when the slave is little-endian. */
    private boolean connect() throws DeviceException {
        var connection = master.connection();
        return (connection.isPresent() ? connection.get() : master.connect()).littleEndian();
    }

    private ParameterDef located(String key) throws DeviceException {
        ParameterDef def = schema.parameter(key).orElseThrow(() -> new DeviceException(DeviceException.Reason.INVALID,
                "no parameter '" + key + "' in " + schema.profileId()));
        if (!def.location().hasXcp()) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, key + " has no XCP address");
        }
        return def;
    }

    static long raw(ParameterDef def, byte[] bytes, int at, boolean little) {
        int size = def.location().xcp().size();
        long raw = 0;
        for (int i = 0; i < size; i++) {
            int b = bytes[at + (little ? size - 1 - i : i)] & 0xFF;
            raw = (raw << 8) | b;
        }
        if (def.type() == RawType.S16) {
            raw = (short) raw;
        } else if (def.type() == RawType.S32) {
            raw = (int) raw;
        }
        return raw;
    }

    static byte[] bytes(ParameterDef def, long raw, boolean little) {
        int size = def.location().xcp().size();
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            byte b = (byte) (raw >>> (8 * i));
            bytes[little ? i : size - 1 - i] = b;
        }
        return bytes;
    }
}
