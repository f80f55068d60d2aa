package org.bmsw.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.WriteTarget;

/**
 * An in-memory device for unit tests: stores raw values through the schema's conversion, records every
 * write, and fails on demand (write number N throws before or after storing, stores a wrong value, read
 * number N throws; optionally everything fails after the first fault). With {@code staging}, writes go to
 * RAM and {@link #persist()} copies RAM to flash, as the JDI BI51 does.
 */
final class FakeDevice implements ParameterAccess {

    enum WriteFault {
        /** The write throws and nothing is stored (request lost). */
        THROW_BEFORE,
        /** The value is stored, then the write throws (answer lost). */
        THROW_AFTER,
        /** A wrong value (one raw step off) is stored; the read-back shows it. */
        CORRUPT
    }

    private final ParameterSchema schema;
    private final boolean staging;
    private final Map<String, Long> ram = new LinkedHashMap<>();
    private final Map<String, Long> flash = new LinkedHashMap<>();
    private final Set<String> unpersisted = new LinkedHashSet<>();

    /** Keys in the order written (successful or not), one entry per key per write call. */
    final List<String> writeLog = new ArrayList<>();
    /** Targets of every write call. */
    final List<WriteTarget> targets = new ArrayList<>();
    /** The device's values after each stored write. */
    final List<Map<String, Double>> history = new ArrayList<>();
    int writeCalls;
    int readCalls;
    int persistCalls;

    int failWriteAt = -1;
    /** Further write calls that throw (before storing). */
    Set<Integer> alsoFailWrites = Set.of();
    WriteFault writeFault = WriteFault.THROW_BEFORE;
    int failReadAt = -1;
    /** After the first fault, every write and read fails (the device is gone). */
    boolean deadAfterFault;
    int persistFailures;
    private boolean dead;

    FakeDevice(ParameterSchema schema, Map<String, Double> values, boolean staging) {
        this.schema = schema;
        this.staging = staging;
        values.forEach((k, v) -> {
            long raw = schema.require(k).toRaw(v);
            ram.put(k, raw);
            flash.put(k, raw);
        });
    }

    @Override
    public Set<String> keys() {
        return new LinkedHashSet<>(ram.keySet());
    }

    @Override
    public Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException {
        readCalls++;
        if (dead || readCalls == failReadAt) {
            dead |= deadAfterFault;
            throw new DeviceException(DeviceException.Reason.TIMEOUT, "no answer to read #" + readCalls);
        }
        Map<String, ParameterValue> out = new LinkedHashMap<>();
        for (String k : keys) {
            Long raw = ram.get(k);
            if (raw != null) {
                ParameterDef d = schema.require(k);
                out.put(k, new ParameterValue(k, raw, d.toEngineering(raw), d.unit()));
            }
        }
        return out;
    }

    @Override
    public void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
        writeCalls++;
        targets.add(target);
        writeLog.addAll(values.keySet());
        boolean fault = writeCalls == failWriteAt;
        if (dead || fault && writeFault == WriteFault.THROW_BEFORE || alsoFailWrites.contains(writeCalls)) {
            dead |= deadAfterFault;
            throw new DeviceException(DeviceException.Reason.TIMEOUT, "no answer to write #" + writeCalls);
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!ram.containsKey(e.getKey())) {
                throw new DeviceException(DeviceException.Reason.REJECTED, "no such parameter " + e.getKey());
            }
            ParameterDef d = schema.require(e.getKey());
            long raw;
            try {
                raw = d.toRaw(e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new DeviceException(DeviceException.Reason.INVALID, ex.getMessage());
            }
            if (fault && writeFault == WriteFault.CORRUPT) {
                raw = raw + 1 <= d.type().max() ? raw + 1 : raw - 1;
            }
            ram.put(e.getKey(), raw);
            if (staging && target == WriteTarget.RAM) {
                unpersisted.add(e.getKey());
            } else {
                flash.put(e.getKey(), raw);
            }
        }
        history.add(values());
        if (fault && writeFault == WriteFault.THROW_AFTER) {
            dead |= deadAfterFault;
            throw new DeviceException(DeviceException.Reason.TIMEOUT, "answer to write #" + writeCalls + " lost");
        }
    }

    @Override
    public boolean stagesInRam() {
        return staging;
    }

    @Override
    public void persist() throws DeviceException {
        persistCalls++;
        if (persistFailures > 0) {
            persistFailures--;
            throw new DeviceException(DeviceException.Reason.TIMEOUT, "flash write timed out");
        }
        flash.putAll(ram);
        unpersisted.clear();
    }

    @Override
    public Set<String> unpersisted() {
        return new LinkedHashSet<>(unpersisted);
    }

    /** What the device holds now (its working copy), in engineering units, read directly. */
    Map<String, Double> values() {
        Map<String, Double> out = new HashMap<>();
        ram.forEach((k, raw) -> out.put(k, schema.require(k).toEngineering(raw)));
        return out;
    }

    /** What the device would hold after a restart. */
    Map<String, Double> persistedValues() {
        Map<String, Double> out = new HashMap<>();
        flash.forEach((k, raw) -> out.put(k, schema.require(k).toEngineering(raw)));
        return out;
    }

    void restart() {
        ram.clear();
        ram.putAll(flash);
        unpersisted.clear();
    }
}
