package org.bmsw.profile.modbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.protocol.modbus.ModbusUnit;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;

/**
 * Parameters of a register-based device, where the schema says they live (holding registers).
 * Reads gather neighbouring registers into as few requests as possible; every write converts through
 * the schema and refuses what the raw type cannot hold. A schema with persistence {@code immediate} lands in
 * persistent storage at once; one with {@code ram-then-flash} (JDI) lands in the device's RAM ("Calibration")
 * and {@link #persist()} writes the profile's persist register ("Flash"); the keys written since are tracked.
 * Validation against rules and access levels is the caller's (the schema engine's safe batch writer),
 * before anything reaches this class.
 */
final class SchemaParameterAccess implements ParameterAccess {

    private static final int MAX_REGISTERS_PER_READ = 125;

    private final ParameterSchema schema;
    private final ModbusUnit unit;
    private final RegisterProfile.Persist persist;
    private final Set<String> unpersisted = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    /** @param persist the "Flash" write; required when the schema stages in RAM, ignored otherwise */
    SchemaParameterAccess(ParameterSchema schema, ModbusUnit unit, RegisterProfile.Persist persist) {
        this.schema = schema;
        this.unit = unit;
        this.persist = persist;
    }

    @Override
    public boolean stagesInRam() {
        return schema.persistence() == Persistence.RAM_THEN_FLASH;
    }

    @Override
    public void persist() throws DeviceException {
        if (!stagesInRam()) {
            return;
        }
        unit.writeRegister(persist.register(), persist.value());
        unpersisted.clear();
    }

    @Override
    public Set<String> unpersisted() {
        synchronized (unpersisted) {
            return Set.copyOf(unpersisted);
        }
    }

    @Override
    public Set<String> keys() {
        return schema.keys();
    }

    @Override
    public Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException {
        List<ParameterDef> defs = new ArrayList<>();
        for (String key : keys) {
            defs.add(located(key));
        }
        defs.sort((a, b) -> Integer.compare(a.location().register(), b.location().register()));
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        int i = 0;
        while (i < defs.size()) {
            int start = defs.get(i).location().register();
            int j = i;
            int end = start + defs.get(i).type().words();
            while (j + 1 < defs.size() && defs.get(j + 1).location().register() + defs.get(j + 1).type().words()
                    - start <= MAX_REGISTERS_PER_READ) {
                j++;
                end = Math.max(end, defs.get(j).location().register() + defs.get(j).type().words());
            }
            int[] words = unit.readHoldingRegisters(start, end - start);
            for (int k = i; k <= j; k++) {
                ParameterDef def = defs.get(k);
                long raw = def.type().fromWords(words, def.location().register() - start);
                values.put(def.key(), new ParameterValue(def.key(), raw, def.toEngineering(raw), def.unit()));
            }
            i = j + 1;
        }
        Map<String, ParameterValue> ordered = new LinkedHashMap<>();
        for (String key : keys) {
            ordered.put(key, values.get(key));
        }
        return ordered;
    }

    @Override
    public void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
        for (var entry : values.entrySet()) {
            ParameterDef def = located(entry.getKey());
            if (!def.writable()) {
                throw new DeviceException(DeviceException.Reason.INVALID, def.key() + " is read-only");
            }
            long raw;
            try {
                raw = def.toRaw(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new DeviceException(DeviceException.Reason.INVALID, def.key() + " = " + entry.getValue() + " "
                        + def.unit() + " cannot be written: " + e.getMessage());
            }
            unit.writeRegisters(def.location().register(), def.type().toWords(raw));
            if (stagesInRam()) {
                unpersisted.add(def.key());
            }
        }
        if (stagesInRam() && target == WriteTarget.PERSISTENT) {
            persist();
        }
    }

    private ParameterDef located(String key) throws DeviceException {
        ParameterDef def = schema.parameter(key).orElseThrow(() -> new DeviceException(DeviceException.Reason.INVALID,
                "no parameter '" + key + "' in " + schema.profileId()));
        if (def.location() == null || def.location().register() == null) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, key + " has no register location");
        }
        return def;
    }

}
