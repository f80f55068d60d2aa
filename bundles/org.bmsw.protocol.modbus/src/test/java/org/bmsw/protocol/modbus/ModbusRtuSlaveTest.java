package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.TestFrames.exceptionReply;
import static org.bmsw.protocol.modbus.TestFrames.readReply;
import static org.bmsw.protocol.modbus.TestFrames.readRequest;
import static org.bmsw.protocol.modbus.TestFrames.withCrc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ModbusRtuSlaveTest {

    private static ArrayRegisterBank bank() {
        ArrayRegisterBank bank = new ArrayRegisterBank(100, 10);
        for (int i = 0; i < 100; i++) {
            bank.setHolding(i, i * 100 + 1);
        }
        for (int i = 0; i < 10; i++) {
            bank.setInput(i, 60000 + i);
        }
        return bank;
    }

    @Test
    void answersReadsFromTheBank() {
        ModbusRtuSlave slave = new ModbusRtuSlave(5, bank());
        assertArrayEquals(readReply(5, 3, 201, 301, 401), slave.handle(readRequest(5, 3, 2, 3)));
        assertArrayEquals(readReply(5, 4, 60009), slave.handle(readRequest(5, 4, 9, 1)));
    }

    @Test
    void writesAndEchoes() {
        ArrayRegisterBank bank = bank();
        ModbusRtuSlave slave = new ModbusRtuSlave(1, bank);
        byte[] single = withCrc(1, 6, 0, 7, 0xAB, 0xCD);
        assertArrayEquals(single, slave.handle(single));
        assertEquals(0xABCD, bank.holding(7));
        byte[] multi = withCrc(1, 16, 0, 10, 0, 2, 4, 0, 1, 0xFF, 0xFE);
        assertArrayEquals(withCrc(1, 16, 0, 10, 0, 2), slave.handle(multi));
        assertEquals(1, bank.holding(10));
        assertEquals(0xFFFE, bank.holding(11));
    }

    @Test
    void answersExceptionResponses() {
        ModbusRtuSlave slave = new ModbusRtuSlave(1, bank());
        assertArrayEquals(exceptionReply(1, 3, 2), slave.handle(readRequest(1, 3, 99, 2)), "beyond the bank");
        assertArrayEquals(exceptionReply(1, 3, 3), slave.handle(readRequest(1, 3, 0, 126)), "too many");
        assertArrayEquals(exceptionReply(1, 3, 3), slave.handle(readRequest(1, 3, 0, 0)), "none");
        assertArrayEquals(exceptionReply(1, 0x2B, 1), slave.handle(withCrc(1, 0x2B, 0x0E, 1, 0)), "unknown fc");
        assertArrayEquals(exceptionReply(1, 16, 3), slave.handle(withCrc(1, 16, 0, 0, 0, 2, 3, 0, 1, 0)),
                "byte count disagrees with quantity");
        ModbusRtuSlave noInputs = new ModbusRtuSlave(1, new RegisterBank() {
            @Override
            public int[] readHoldingRegisters(int address, int count) {
                throw new IllegalStateException("broken sensor");
            }

            @Override
            public void writeRegisters(int address, int[] values) throws ModbusRefusal {
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "read only");
            }
        });
        assertArrayEquals(exceptionReply(1, 4, 1), noInputs.handle(readRequest(1, 4, 0, 1)));
        assertArrayEquals(exceptionReply(1, 3, 4), noInputs.handle(readRequest(1, 3, 0, 1)));
        assertArrayEquals(exceptionReply(1, 6, 3), noInputs.handle(withCrc(1, 6, 0, 0, 0, 1)));
    }

    @Test
    void ignoresOtherAddressesBadCrcAndAnswersNoBroadcast() {
        ArrayRegisterBank bank = bank();
        ModbusRtuSlave slave = new ModbusRtuSlave(1, bank);
        assertNull(slave.handle(readRequest(2, 3, 0, 1)));
        byte[] bad = readRequest(1, 3, 0, 1);
        bad[7] ^= 1;
        assertNull(slave.handle(bad));
        assertNull(slave.handle(withCrc(0, 6, 0, 3, 0, 42)));
        assertEquals(42, bank.holding(3), "broadcast write executed");
        assertNull(slave.handle(readRequest(0, 3, 0, 1)), "broadcast reads are not answered");
    }

    @Test
    void dispatchesUserFunctions() {
        ModbusRtuSlave slave = new ModbusRtuSlave(1, bank())
                .withUserFunction(0x6D, (unit, pdu) -> new byte[] {0x6D, 2, (byte) 0xFE, 0x20})
                .withUserFunction(0x41, FrameLength.fixedPdu(2), (unit, pdu) -> {
                    throw new ModbusRefusal(ExceptionCode.SERVER_DEVICE_BUSY, "busy");
                });
        assertArrayEquals(withCrc(1, 0x6D, 2, 0xFE, 0x20), slave.handle(withCrc(1, 0x6D, 3, 0xF1, 0x17, 0x04)));
        assertArrayEquals(exceptionReply(1, 0x41, 6), slave.handle(withCrc(1, 0x41, 0)));
    }
}
