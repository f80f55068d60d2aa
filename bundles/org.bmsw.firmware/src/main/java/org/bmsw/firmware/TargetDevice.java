package org.bmsw.firmware;

import java.util.List;
import java.util.Objects;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;

/**
 * The device an image is checked against.
 *
 * @param model                as the device reports it
 * @param hardwareRevision     as the device reports it
 * @param flashMap             where the application may be written
 * @param requiresSignedImages only images signed by a trusted key may be flashed
 * @param firmwareVersion      what runs now; empty when unknown (e.g. a device already in its bootloader)
 */
public record TargetDevice(String model, String hardwareRevision, List<FlashRegion> flashMap,
                           boolean requiresSignedImages, String firmwareVersion) {

    public TargetDevice {
        Objects.requireNonNull(model, "model");
        hardwareRevision = Objects.requireNonNullElse(hardwareRevision, "");
        flashMap = List.copyOf(flashMap);
        firmwareVersion = Objects.requireNonNullElse(firmwareVersion, "");
    }

    /** A running device: what its profile says about flashing it, and the version it reports. */
    public static TargetDevice of(DeviceIdentity identity, FirmwareUpdateSupport support) {
        return new TargetDevice(support.model(), support.hardwareRevision(), support.flashMap(),
                support.requiresSignedImages(), identity.inBootloader() ? "" : identity.firmwareVersion());
    }

    public String describe() {
        return model + (hardwareRevision.isEmpty() ? "" : " hw " + hardwareRevision)
                + (firmwareVersion.isEmpty() ? "" : " fw " + firmwareVersion);
    }
}
