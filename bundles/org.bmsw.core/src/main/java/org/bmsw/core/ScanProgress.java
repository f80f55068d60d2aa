package org.bmsw.core;

import java.util.Optional;

import org.bmsw.device.api.DeviceIdentity;

/** Progress of a bus scan; called on the scanning thread after each address. */
@FunctionalInterface
public interface ScanProgress {

    /**
     * @param address the address just probed
     * @param done    addresses probed so far
     * @param total   addresses to probe
     * @param found   the device that answered there, if any
     */
    void probed(int address, int done, int total, Optional<DeviceIdentity> found);

    /** Checked before each address: return true to stop the scan early. */
    default boolean cancelled() {
        return false;
    }
}
