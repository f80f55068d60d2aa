package org.bmsw.firmware;

/** The file formats {@link FirmwareImages} reads. */
public enum ImageFormat {
    /** Motorola S-record (.s19, .s28, .s37, .srec, .mot): OpenBLT's own input format. */
    SREC,
    /** Intel HEX (.hex, .ihex). */
    INTEL_HEX,
    /** Raw bytes (.bin), placed at a base address the user gives. */
    BINARY,
    /** The vendor "FP" package: a signed manifest followed by a payload in one of the other formats. */
    FP
}
