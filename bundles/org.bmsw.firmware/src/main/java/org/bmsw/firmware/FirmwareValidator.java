package org.bmsw.firmware;

import java.util.List;

/**
 * Checks an image against a device before anything is erased: model and hardware revision, the flash
 * map, the payload's hashes, the signature against the trusted keys (configuration PID
 * {@value #PID}), and downgrades. Never talks to the device.
 */
public interface FirmwareValidator {

    String PID = "org.bmsw.firmware";

    ValidationSummary validate(Firmware firmware, TargetDevice target);

    /** The same checks, trusting {@code alsoTrusted} besides the configured keys (keys named for one flash). */
    ValidationSummary validate(Firmware firmware, TargetDevice target, List<TrustedKeys.TrustedKey> alsoTrusted);

    /** The configured trusted keys as they are now (read again on every call). */
    TrustedKeys trustedKeys();
}
