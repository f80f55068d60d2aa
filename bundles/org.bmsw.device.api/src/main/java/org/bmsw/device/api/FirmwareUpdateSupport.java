package org.bmsw.device.api;

import java.util.List;

/** What a firmware updater needs to know about, and do to, a device. */
public interface FirmwareUpdateSupport {

    /**
     * A flash region the application may occupy.
     *
     * @param start first address
     * @param size  bytes
     */
    record FlashRegion(long start, long size) {
        public boolean contains(long address, long length) {
            return address >= start && address + length <= start + size;
        }
    }

    /** Model the device reports, compared against an image's manifest. */
    String model();

    String hardwareRevision();

    List<FlashRegion> flashMap();

    /** Images must carry a signature by a trusted key. */
    boolean requiresSignedImages();

    /** Asks the application to restart into its bootloader. The session closes afterwards. */
    void enterBootloader() throws DeviceException;
}
