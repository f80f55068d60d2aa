package org.bmsw.protocol.modbus;

import java.util.Arrays;

/**
 * A {@link RegisterBank} of plain arrays: holding registers 0..holdingCount-1 and input registers 0..inputCount-1.
 * Addresses outside are {@link ExceptionCode#ILLEGAL_DATA_ADDRESS}. Thread-safe.
 */
public class ArrayRegisterBank implements RegisterBank {

    private final int[] holding;
    private final int[] input;

    public ArrayRegisterBank(int holdingCount, int inputCount) {
        if (holdingCount < 0 || holdingCount > 0x10000 || inputCount < 0 || inputCount > 0x10000) {
            throw new IllegalArgumentException("register counts must be 0..65536");
        }
        this.holding = new int[holdingCount];
        this.input = new int[inputCount];
    }

    public synchronized int holding(int address) {
        return holding[address];
    }

    public synchronized void setHolding(int address, int value) {
        holding[address] = value & 0xFFFF;
    }

    public synchronized int input(int address) {
        return input[address];
    }

    public synchronized void setInput(int address, int value) {
        input[address] = value & 0xFFFF;
    }

    @Override
    public synchronized int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
        check(holding, "holding", address, count);
        return Arrays.copyOfRange(holding, address, address + count);
    }

    @Override
    public synchronized int[] readInputRegisters(int address, int count) throws ModbusRefusal {
        check(input, "input", address, count);
        return Arrays.copyOfRange(input, address, address + count);
    }

    @Override
    public synchronized void writeRegisters(int address, int[] values) throws ModbusRefusal {
        check(holding, "holding", address, values.length);
        for (int i = 0; i < values.length; i++) {
            holding[address + i] = values[i] & 0xFFFF;
        }
    }

    private static void check(int[] table, String name, int address, int count) throws ModbusRefusal {
        if (address < 0 || count < 0 || address + count > table.length) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS, String.format(
                    "%s registers 0x%04X..0x%04X are outside 0..%d", name, address, address + count - 1,
                    table.length - 1));
        }
    }
}
