package org.bmsw.firmware;

/** What the validation checks; a {@link Finding} names the check it failed. */
public enum Check {
    /** The image holds data. */
    CONTENT,
    /** The package's model is the device's. */
    MODEL,
    /** The package's hardware revision is the device's (or "*"). */
    HARDWARE_REVISION,
    /** Every byte lies inside the device's flash map. */
    FLASH_MAP,
    /** The payload's CRC-32 and SHA-256 match the manifest. */
    INTEGRITY,
    /** The signature verifies against a trusted key. */
    SIGNATURE,
    /** The image is not older than what runs on the device. */
    DOWNGRADE,
    /** A bare image (S-record, HEX, binary) says nothing about the device it is for. */
    IDENTITY
}
