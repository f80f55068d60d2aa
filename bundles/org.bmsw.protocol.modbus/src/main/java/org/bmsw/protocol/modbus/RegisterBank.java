package org.bmsw.protocol.modbus;

/**
 * The registers a {@link ModbusRtuSlave} serves. Addresses are PDU addresses (0-based); values are 0..65535.
 * Implementations refuse with {@link ModbusRefusal} (typically {@link ExceptionCode#ILLEGAL_DATA_ADDRESS} or
 * {@link ExceptionCode#ILLEGAL_DATA_VALUE}); a RuntimeException becomes {@link ExceptionCode#SERVER_DEVICE_FAILURE}.
 * Called from the thread serving the bus.
 */
public interface RegisterBank {

    /** FC 03. Must return exactly {@code count} values. */
    int[] readHoldingRegisters(int address, int count) throws ModbusRefusal;

    /** FC 04. By default the device has no input registers: {@link ExceptionCode#ILLEGAL_FUNCTION}. */
    default int[] readInputRegisters(int address, int count) throws ModbusRefusal {
        throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION, "this device has no input registers");
    }

    /** FC 06 (one value) and FC 16. All or nothing: refuse before changing anything. */
    void writeRegisters(int address, int[] values) throws ModbusRefusal;
}
