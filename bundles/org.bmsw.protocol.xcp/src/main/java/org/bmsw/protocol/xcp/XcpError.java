package org.bmsw.protocol.xcp;

import java.util.Optional;

/** Error codes of XCP negative responses ({@code FE <code>}). */
public enum XcpError {
    CMD_SYNCH(0x00, "command processor synchronisation (answer to SYNCH)"),
    CMD_BUSY(0x10, "command was not executed: the slave is busy"),
    DAQ_ACTIVE(0x11, "command rejected because DAQ is running"),
    PGM_ACTIVE(0x12, "command rejected because PGM is running"),
    CMD_UNKNOWN(0x20, "unknown command or not implemented optional command"),
    CMD_SYNTAX(0x21, "command syntax invalid"),
    OUT_OF_RANGE(0x22, "command syntax valid but command parameter(s) out of range"),
    WRITE_PROTECTED(0x23, "the memory location is write protected"),
    ACCESS_DENIED(0x24, "the memory location is not accessible"),
    ACCESS_LOCKED(0x25, "access denied, seed and key are required"),
    PAGE_NOT_VALID(0x26, "selected page not available"),
    MODE_NOT_VALID(0x27, "selected page mode not available"),
    SEGMENT_NOT_VALID(0x28, "selected segment not valid"),
    SEQUENCE(0x29, "sequence error"),
    DAQ_CONFIG(0x2A, "DAQ configuration not valid"),
    MEMORY_OVERFLOW(0x30, "memory overflow error"),
    GENERIC(0x31, "generic error"),
    VERIFY(0x32, "the slave internal program verify routine detects an error"),
    RESOURCE_TEMPORARY_NOT_ACCESSIBLE(0x33, "access to the requested resource is temporarily not possible");

    private final int code;
    private final String meaning;

    XcpError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<XcpError> of(int code) {
        for (XcpError error : values()) {
            if (error.code == code) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** "ERR_OUT_OF_RANGE (0x22): command syntax valid but ..." or "error 0x7A (not an XCP 1.x code)". */
    public static String describe(int code) {
        return of(code).map(e -> String.format("ERR_%s (0x%02X): %s", e.name(), e.code, e.meaning))
                .orElse(String.format("error 0x%02X (not an XCP 1.x code)", code));
    }
}
