package org.bmsw.firmware;

/**
 * Checks an image against a device before anything is erased: model and hardware revision, the flash
 * map, the payload's hashes, the signature against the trusted keys (configuration PID
 * {@value #PID}), and downgrades. Never talks to the device.
 */
public interface FirmwareValidator {

    String PID = "org.bmsw.firmware";

    ValidationSummary validate(Firmware firmware, TargetDevice target);
}
