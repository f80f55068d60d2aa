package org.bmsw.protocol.modbus;

import java.util.Optional;
import java.util.OptionalInt;

import org.bmsw.device.api.DeviceException;

/**
 * A failed Modbus transaction, as the {@link DeviceException} profiles expect, with the Modbus details kept:
 * {@link DeviceException.Reason#REJECTED} for exception responses (never retried), {@link DeviceException.Reason#TIMEOUT}
 * when the device stayed silent, {@link DeviceException.Reason#PROTOCOL} for garbled replies (both after retries),
 * {@link DeviceException.Reason#LINK} when the link failed, {@link DeviceException.Reason#INVALID} for requests
 * refused before sending. Messages name the device address, the operation and the register.
 */
public class ModbusException extends DeviceException {

    private static final long serialVersionUID = 1L;

    private final int unit;
    private final int functionCode;
    private final int exceptionCode;
    private final int attempts;

    public ModbusException(Reason reason, String message, int unit, int functionCode, int exceptionCode, int attempts,
                           Throwable cause) {
        super(reason, message, cause);
        this.unit = unit;
        this.functionCode = functionCode;
        this.exceptionCode = exceptionCode;
        this.attempts = attempts;
    }

    /** The device address the request went to. */
    public int unit() {
        return unit;
    }

    /** The function code of the request. */
    public int functionCode() {
        return functionCode;
    }

    /** The exception code of an exception response ({@link Reason#REJECTED}), empty otherwise. */
    public OptionalInt exceptionCode() {
        return exceptionCode < 0 ? OptionalInt.empty() : OptionalInt.of(exceptionCode);
    }

    /** The exception code as a known {@link ExceptionCode}, empty if none or a vendor-specific one. */
    public Optional<ExceptionCode> exception() {
        return exceptionCode < 0 ? Optional.empty() : ExceptionCode.of(exceptionCode);
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }
}
