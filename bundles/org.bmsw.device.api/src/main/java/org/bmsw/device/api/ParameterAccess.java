package org.bmsw.device.api;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes parameters by schema key, in engineering units. Validation against the schema and
 * the user's access level happens before this is called; implementations still refuse values that do
 * not fit the raw type.
 */
public interface ParameterAccess {

    /** Every parameter key the device has. */
    Set<String> keys();

    Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException;

    /**
     * Writes values. For {@link #stagesInRam()} devices, {@link WriteTarget#RAM} changes the working copy
     * only and {@link #persist()} makes them survive a restart; other devices always write persistently.
     */
    void write(Map<String, Double> values, WriteTarget target) throws DeviceException;

    /**
     * True when writes go to RAM first and need {@link #persist()} (JDI's Calibration, then Flash).
     * Devices that write straight to persistent storage keep these defaults.
     */
    default boolean stagesInRam() {
        return false;
    }

    /** Persists RAM changes ("Flash"). Nothing to do for devices that do not stage. */
    default void persist() throws DeviceException {
    }

    /** Keys written to RAM and not persisted yet. */
    default Set<String> unpersisted() {
        return Set.of();
    }
}
