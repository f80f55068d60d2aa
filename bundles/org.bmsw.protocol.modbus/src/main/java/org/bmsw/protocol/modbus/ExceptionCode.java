package org.bmsw.protocol.modbus;

import java.util.Optional;

/** Modbus exception codes (Modbus Application Protocol V1.1b3, section 7). */
public enum ExceptionCode {
    ILLEGAL_FUNCTION(0x01, "ILLEGAL FUNCTION"),
    ILLEGAL_DATA_ADDRESS(0x02, "ILLEGAL DATA ADDRESS"),
    ILLEGAL_DATA_VALUE(0x03, "ILLEGAL DATA VALUE"),
    SERVER_DEVICE_FAILURE(0x04, "SERVER DEVICE FAILURE"),
    ACKNOWLEDGE(0x05, "ACKNOWLEDGE"),
    SERVER_DEVICE_BUSY(0x06, "SERVER DEVICE BUSY"),
    NEGATIVE_ACKNOWLEDGE(0x07, "NEGATIVE ACKNOWLEDGE"),
    MEMORY_PARITY_ERROR(0x08, "MEMORY PARITY ERROR"),
    GATEWAY_PATH_UNAVAILABLE(0x0A, "GATEWAY PATH UNAVAILABLE"),
    GATEWAY_TARGET_FAILED_TO_RESPOND(0x0B, "GATEWAY TARGET DEVICE FAILED TO RESPOND");

    private final int code;
    private final String label;

    ExceptionCode(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The name the specification uses, e.g. "ILLEGAL DATA VALUE". */
    public String label() {
        return label;
    }

    public static Optional<ExceptionCode> of(int code) {
        for (ExceptionCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "ILLEGAL DATA VALUE (exception 3)", or "exception 0x21 (not defined by Modbus)" for vendor codes. */
    public static String describe(int code) {
        return of(code).map(c -> c.label + " (exception " + code + ")")
                .orElse(String.format("exception 0x%02X (not defined by Modbus)", code));
    }
}
