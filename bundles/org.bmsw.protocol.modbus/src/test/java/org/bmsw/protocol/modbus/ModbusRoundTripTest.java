package org.bmsw.protocol.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.Test;

/** Our master against our slave codec through one fake link: bytes really go through the splitter and back. */
class ModbusRoundTripTest {

    private static final ModbusSettings FAST = ModbusSettings.defaults()
            .withResponseTimeout(Duration.ofMillis(150)).withInterByteTimeout(Duration.ofMillis(80));

    /** The server's replies come back in random small chunks with small random delays. */
    private static FakeByteLink wire(RtuServer server, long seed) {
        Random random = new Random(seed);
        return new FakeByteLink().respond((link, request) -> {
            // the request, too, reaches the server in pieces
            int pos = 0;
            while (pos < request.length) {
                int n = Math.min(request.length - pos, 1 + random.nextInt(5));
                for (byte[] reply : server.accept(request, pos, n)) {
                    int at = 0;
                    while (at < reply.length) {
                        int m = Math.min(reply.length - at, 1 + random.nextInt(9));
                        link.deliver(Arrays.copyOfRange(reply, at, at + m), random.nextInt(3));
                        at += m;
                    }
                }
                pos += n;
            }
        });
    }

    @Test
    void everyFunctionRoundTrips() throws Exception {
        ArrayRegisterBank bank = new ArrayRegisterBank(1000, 300);
        for (int i = 0; i < 300; i++) {
            bank.setInput(i, i * 7 + 3);
        }
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, bank)
                .withUserFunction(0x6D, (unit, pdu) -> {
                    byte[] reply = new byte[pdu.length];
                    reply[0] = 0x6D;
                    reply[1] = pdu[1];
                    for (int i = 2; i < pdu.length; i++) {
                        reply[i] = (byte) ~pdu[i];
                    }
                    return reply;
                }));
        FakeByteLink link = wire(server, 1);
        ModbusUnit device = ModbusRtuMaster.on(link, FAST).unit(1);

        int[] values = new int[123];
        Arrays.setAll(values, i -> (i * 4099) & 0xFFFF);
        device.writeRegisters(500, values);
        assertArrayEquals(values, device.readHoldingRegisters(500, 123));
        device.writeRegister(999, 0xFFFF);
        assertEquals(0xFFFF, device.readRegisters(999, 1)[0]);
        int[] inputs = device.readInputRegisters(0, 300);
        for (int i = 0; i < 300; i++) {
            assertEquals(i * 7 + 3, inputs[i]);
        }
        byte[] xcp = device.transact(new byte[] {0x6D, 3, (byte) 0xF1, 0x17, 0x04});
        assertArrayEquals(new byte[] {0x6D, 3, (byte) 0x0E, (byte) 0xE8, (byte) 0xFB}, xcp);

        ModbusException e = assertThrows(ModbusException.class, () -> device.readRegisters(990, 20));
        assertEquals(Reason.REJECTED, e.reason());
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, e.exception().orElseThrow());
        e = assertThrows(ModbusException.class, () -> device.transact(new byte[] {0x03, 0, 0, 0, 0},
                FrameLength.byteCountAt(1)));
        assertEquals(ExceptionCode.ILLEGAL_DATA_VALUE, e.exception().orElseThrow(), "quantity 0");
        e = assertThrows(ModbusException.class, () -> device.transact(new byte[] {0x08, 0, 0, 0x12, 0x34},
                FrameLength.fixedPdu(5)));
        assertEquals(ExceptionCode.ILLEGAL_FUNCTION, e.exception().orElseThrow());

        assertEquals(3, link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE));
        assertEquals(3, link.statistics().errorCount());
        assertEquals(link.statistics().snapshot().framesSent(), link.statistics().framesReceived());
    }

    @Test
    void severalSlavesOnOneBusAndBroadcast() throws Exception {
        ArrayRegisterBank a = new ArrayRegisterBank(10, 0);
        ArrayRegisterBank b = new ArrayRegisterBank(10, 0);
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, a), new ModbusRtuSlave(2, b));
        FakeByteLink link = wire(server, 2);
        ModbusRtuMaster master = ModbusRtuMaster.on(link, FAST.withRetries(0));
        master.writeSingleRegister(1, 0, 11);
        master.writeSingleRegister(2, 0, 22);
        assertEquals(11, master.readHoldingRegisters(1, 0, 1)[0]);
        assertEquals(22, master.readHoldingRegisters(2, 0, 1)[0]);
        master.writeMultipleRegisters(0, 5, 55, 56);
        assertArrayEquals(new int[] {55, 56}, master.readHoldingRegisters(1, 5, 2));
        assertArrayEquals(new int[] {55, 56}, master.readHoldingRegisters(2, 5, 2));
        ModbusException e = assertThrows(ModbusException.class, () -> master.readHoldingRegisters(3, 0, 1));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertEquals(List.of(1L), List.of(link.statistics().errors(ErrorKind.TIMEOUT)));
    }

    @Test
    void noisyWireNeverYieldsAWrongValue() throws Exception {
        // a wire that corrupts one bit in one of every three replies, or cuts it short: every value read is right
        ArrayRegisterBank bank = new ArrayRegisterBank(200, 0);
        for (int i = 0; i < 200; i++) {
            bank.setHolding(i, (i * 313) & 0xFFFF);
        }
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, bank));
        Random random = new Random(5);
        int[] damaged = {0};
        FakeByteLink link = new FakeByteLink().respond((l, request) -> {
            for (byte[] reply : server.accept(request, 0, request.length)) {
                int fate = random.nextInt(6);
                if (fate == 0) {
                    reply[random.nextInt(reply.length)] ^= (byte) (1 << random.nextInt(8));
                    damaged[0]++;
                } else if (fate == 1) {
                    reply = Arrays.copyOf(reply, random.nextInt(reply.length));
                    damaged[0]++;
                }
                l.deliver(reply, 1);
            }
        });
        ModbusRtuMaster master = ModbusRtuMaster.on(link, FAST.withRetries(5));
        for (int round = 0; round < 40; round++) {
            int address = random.nextInt(190);
            int count = 1 + random.nextInt(10);
            int[] v = master.readHoldingRegisters(1, address, count);
            for (int i = 0; i < count; i++) {
                assertEquals((address + i) * 313 & 0xFFFF, v[i]);
            }
        }
        long counted = link.statistics().errors(ErrorKind.CHECKSUM) + link.statistics().errors(ErrorKind.FRAMING)
                + link.statistics().errors(ErrorKind.TIMEOUT);
        assertEquals(damaged[0] > 0, counted > 0);
        assertEquals(damaged[0], counted, "every damaged reply is counted once");
    }
}
