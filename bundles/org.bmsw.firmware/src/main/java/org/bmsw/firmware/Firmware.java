package org.bmsw.firmware;

/** Something that can be flashed: a bare image, or an FP package whose manifest describes its image. */
public sealed interface Firmware permits FirmwareImage, FpPackage {

    /** Where it came from (the file name), for messages. */
    String source();

    /** The bytes and their addresses. */
    FirmwareImage image();
}
