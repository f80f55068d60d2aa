package org.bmsw.device.api;

import java.util.Objects;

/**
 * Who answered.
 *
 * @param profileId        the profile that recognised it
 * @param model            model as reported by the device (e.g. BI5132); the profile's name when the device does not say
 * @param firmwareVersion  as the device reports it, e.g. "35-7-3"; empty when unknown
 * @param hardwareRevision empty when unknown
 * @param serialNumber     empty when unknown
 * @param address          bus address (Modbus unit id, or CAN node id)
 * @param inBootloader     the device is waiting in its bootloader, not running its application
 */
public record DeviceIdentity(String profileId, String model, String firmwareVersion, String hardwareRevision,
                             String serialNumber, int address, boolean inBootloader) {

    public DeviceIdentity {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(model, "model");
        firmwareVersion = Objects.requireNonNullElse(firmwareVersion, "");
        hardwareRevision = Objects.requireNonNullElse(hardwareRevision, "");
        serialNumber = Objects.requireNonNullElse(serialNumber, "");
    }

    /** "BI5132 @3 (fw 1.2.0)" */
    public String describe() {
        return model + " @" + address + (firmwareVersion.isEmpty() ? "" : " (fw " + firmwareVersion + ")")
                + (inBootloader ? " [bootloader]" : "");
    }
}
