package org.bmsw.protocol.xcp;

import java.util.Optional;

/** The XCP commands this module sends or answers, with their packet identifiers. */
public enum XcpCommand {
    CONNECT(0xFF),
    DISCONNECT(0xFE),
    GET_STATUS(0xFD),
    SYNCH(0xFC),
    GET_SEED(0xF8),
    UNLOCK(0xF7),
    SET_MTA(0xF6),
    UPLOAD(0xF5),
    SHORT_UPLOAD(0xF4),
    BUILD_CHECKSUM(0xF3),
    USER_CMD(0xF1),
    DOWNLOAD(0xF0),
    DOWNLOAD_NEXT(0xEF),
    SET_CAL_PAGE(0xEB),
    GET_CAL_PAGE(0xEA),
    COPY_CAL_PAGE(0xE4),
    PROGRAM_START(0xD2),
    PROGRAM_CLEAR(0xD1),
    PROGRAM(0xD0),
    PROGRAM_RESET(0xCF),
    PROGRAM_NEXT(0xCA),
    PROGRAM_MAX(0xC9);

    /** Packet identifier of a positive response. */
    public static final int RESPONSE = 0xFF;
    /** Packet identifier of a negative response (followed by the error code). */
    public static final int ERROR = 0xFE;

    private final int code;

    XcpCommand(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<XcpCommand> of(int code) {
        for (XcpCommand command : values()) {
            if (command.code == (code & 0xFF)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /** "PROGRAM_MAX (0xC9)". */
    public String describe() {
        return String.format("%s (0x%02X)", name(), code);
    }
}
