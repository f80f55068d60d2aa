package org.bmsw.protocol.modbus;

import java.util.Objects;

import org.bmsw.device.api.RawRegisterAccess;

/**
 * A {@link ModbusRtuMaster} bound to one device address: what a profile keeps for its device. Reads of any length
 * are split into requests of at most {@link ModbusSettings#maxReadRegisters()} registers.
 */
public final class ModbusUnit implements RawRegisterAccess {

    private final ModbusRtuMaster master;
    private final int address;

    ModbusUnit(ModbusRtuMaster master, int address) {
        this.master = Objects.requireNonNull(master, "master");
        if (address < 0 || address > 255) {
            throw new IllegalArgumentException("device address must be 0..255: " + address);
        }
        this.address = address;
    }

    /** The device address (0 = broadcast, writes only). */
    public int address() {
        return address;
    }

    public ModbusRtuMaster master() {
        return master;
    }

    /** The same device through a master with other settings on the same link. */
    public ModbusUnit withSettings(ModbusSettings settings) {
        return new ModbusUnit(master.withSettings(settings), address);
    }

    /** FC 03, split into as many requests as needed. */
    public int[] readHoldingRegisters(int register, int count) throws ModbusException {
        return master.readHoldingRange(address, register, count);
    }

    /** FC 04, split into as many requests as needed. */
    public int[] readInputRegisters(int register, int count) throws ModbusException {
        return master.readInputRange(address, register, count);
    }

    /** Holding registers (FC 03), as {@link RawRegisterAccess} defines. */
    @Override
    public int[] readRegisters(int register, int count) throws ModbusException {
        return readHoldingRegisters(register, count);
    }

    /** FC 06. */
    @Override
    public void writeRegister(int register, int value) throws ModbusException {
        master.writeSingleRegister(address, register, value);
    }

    /** FC 16, at most 123 registers in one request (not split: a split write would not be atomic). */
    public void writeRegisters(int register, int... values) throws ModbusException {
        master.writeMultipleRegisters(address, register, values);
    }

    /** A user function; see {@link ModbusRtuMaster#transact(int, byte[], FrameLength)}. */
    public byte[] transact(byte[] requestPdu, FrameLength responseLength) throws ModbusException {
        return master.transact(address, requestPdu, responseLength);
    }

    /** A user function with a byte count after the function code in its reply (OpenBLT XCP, 0x6D). */
    public byte[] transact(byte[] requestPdu) throws ModbusException {
        return master.transact(address, requestPdu);
    }

    @Override
    public String toString() {
        return "Modbus device " + address + " on " + master.link().settings().describe();
    }
}
