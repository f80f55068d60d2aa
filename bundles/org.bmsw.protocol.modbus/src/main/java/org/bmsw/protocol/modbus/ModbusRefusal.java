package org.bmsw.protocol.modbus;

/** Thrown by a {@link RegisterBank} or {@link UserFunction} to answer with a Modbus exception response. */
public class ModbusRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;

    public ModbusRefusal(ExceptionCode code, String message) {
        this(code.code(), message);
    }

    /** For vendor-specific exception codes (1..255). */
    public ModbusRefusal(int code, String message) {
        super(message);
        if (code < 1 || code > 255) {
            throw new IllegalArgumentException("exception code must be 1..255: " + code);
        }
        this.code = code;
    }

    public int code() {
        return code;
    }
}
