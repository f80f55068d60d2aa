package org.bmsw.protocol.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our master against pymodbus (Debian's python3-pymodbus), a Modbus stack nobody here wrote, running as an RTU slave
 * on one end of a socat pty pair; our master is on the other end. The slave's register contents follow a formula the
 * script documents, so every value read is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PymodbusInteropTest {

    private static final int UNIT = 1;
    private static final int SIZE = 600;
    /** Registers 400.. are written by the tests; the read tests stay below. */
    private static final int WRITE_AREA = 400;

    private ExternalTools.PtyPair pair;
    private Process slave;
    private PtyLink link;
    private ModbusRtuMaster master;

    private static int holding(int i) {
        return (i * 331 + 7) & 0xFFFF;
    }

    private static int input(int i) {
        return (i * 17 + 1000) & 0xFFFF;
    }

    @BeforeAll
    void startSlave(@TempDir Path dir) throws Exception {
        if (ExternalTools.skipRequested()) {
            Assumptions.abort("interop tests skipped with -Dbmsw.interop=skip");
        }
        if (!ExternalTools.onPath("socat") || !Files.isExecutable(Path.of(ExternalTools.PYTHON))) {
            fail("socat and /usr/bin/python3 with python3-pymodbus are needed (apt-get install -y socat python3-pymodbus)");
        }
        pair = new ExternalTools.PtyPair(dir);
        Path script = dir.resolve("pymodbus_rtu_slave.py");
        try (InputStream in = getClass().getResourceAsStream("pymodbus_rtu_slave.py")) {
            Files.copy(in, script);
        }
        slave = new ProcessBuilder(ExternalTools.PYTHON, script.toString(), pair.a().toString(),
                String.valueOf(UNIT), String.valueOf(SIZE))
                .redirectError(dir.resolve("pymodbus.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(slave.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "read failed: " + e;
            }
        });
        String line = ready.get(20, TimeUnit.SECONDS);
        if (!"READY".equals(line)) {
            fail("pymodbus slave did not start (" + line + "): " + Files.readString(dir.resolve("pymodbus.err")));
        }
        link = new PtyLink(pair.b(), 9600);
        master = ModbusRtuMaster.on(link);
    }

    @AfterAll
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (slave != null) {
            slave.destroy();
            if (!slave.waitFor(5, TimeUnit.SECONDS)) {
                slave.destroyForcibly();
            }
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void readsHoldingRegisters() throws Exception {
        int[] v = master.readHoldingRegisters(UNIT, 0, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(holding(i), v[i], "holding register " + i);
        }
        v = master.readHoldingRegisters(UNIT, 100, 125);
        for (int i = 0; i < 125; i++) {
            assertEquals(holding(100 + i), v[i], "holding register " + (100 + i));
        }
    }

    @Test
    void readsALongRangeInSeveralRequests() throws Exception {
        long before = link.statistics().snapshot().framesSent();
        int[] v = master.readHoldingRange(UNIT, 0, 290);
        assertEquals(3, link.statistics().snapshot().framesSent() - before);
        for (int i = 0; i < 290; i++) {
            assertEquals(holding(i), v[i], "holding register " + i);
        }
    }

    @Test
    void readsInputRegisters() throws Exception {
        int[] v = master.readInputRegisters(UNIT, 20, 50);
        for (int i = 0; i < 50; i++) {
            assertEquals(input(20 + i), v[i], "input register " + (20 + i));
        }
    }

    @Test
    void writesSingleAndMultipleRegistersThatReadBack() throws Exception {
        master.writeSingleRegister(UNIT, WRITE_AREA + 150, 0xA5A5);
        int[] values = new int[123];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 521 + 3) & 0xFFFF;
        }
        master.writeMultipleRegisters(UNIT, WRITE_AREA, values);
        assertEquals(0xA5A5, master.readHoldingRegisters(UNIT, WRITE_AREA + 150, 1)[0]);
        assertArrayEquals(values, master.readHoldingRegisters(UNIT, WRITE_AREA, 123));
        assertEquals(holding(WRITE_AREA - 1), master.readHoldingRegisters(UNIT, WRITE_AREA - 1, 1)[0], "neighbour untouched");
        assertEquals(holding(WRITE_AREA + 123), master.readHoldingRegisters(UNIT, WRITE_AREA + 123, 1)[0], "neighbour untouched");
    }

    @Test
    void illegalAddressesAreRefusedWithExceptionResponses() {
        long exceptions = link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE);
        long sent = link.statistics().snapshot().framesSent();
        ModbusException e = assertThrows(ModbusException.class, () -> master.readHoldingRegisters(UNIT, SIZE, 1));
        assertEquals(Reason.REJECTED, e.reason());
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, e.exception().orElseThrow());
        assertEquals(String.format("device 1 refused read of holding register 0x%04X: ILLEGAL DATA ADDRESS (exception 2)",
                SIZE), e.getMessage());
        e = assertThrows(ModbusException.class, () -> master.readInputRegisters(UNIT, SIZE - 5, 10));
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, e.exception().orElseThrow());
        e = assertThrows(ModbusException.class, () -> master.writeSingleRegister(UNIT, SIZE + 10, 1));
        assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, e.exception().orElseThrow());
        assertEquals(3, link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE) - exceptions);
        assertEquals(3, link.statistics().snapshot().framesSent() - sent, "exception responses are not retried");
    }

    @Test
    void userFunction109CarriesXcpPackets() throws Exception {
        // the script answers [6D][len][packet] with [6D][len+1][FF][packet reversed]
        byte[] reply = master.transact(UNIT, new byte[] {0x6D, 3, (byte) 0xF1, 0x17, 0x04});
        assertArrayEquals(new byte[] {0x6D, 4, (byte) 0xFF, 0x04, 0x17, (byte) 0xF1}, reply);
        byte[] big = new byte[2 + 200];
        big[0] = 0x6D;
        big[1] = (byte) 200;
        for (int i = 0; i < 200; i++) {
            big[2 + i] = (byte) i;
        }
        reply = master.transact(UNIT, big);
        assertEquals(3 + 200, reply.length);
        assertEquals(201, reply[1] & 0xFF);
        for (int i = 0; i < 200; i++) {
            assertEquals((byte) (199 - i), reply[3 + i]);
        }
    }

    @Test
    void broadcastWriteReachesTheSlaveWithoutAReply() throws Exception {
        long received = link.statistics().framesReceived();
        master.writeSingleRegister(0, WRITE_AREA + 180, 4242);
        assertEquals(received, link.statistics().framesReceived(), "nothing answers a broadcast");
        // pymodbus handles the broadcast asynchronously: poll a little instead of assuming it is done
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int value;
        do {
            value = master.readHoldingRegisters(UNIT, WRITE_AREA + 180, 1)[0];
        } while (value != 4242 && System.nanoTime() < deadline);
        assertEquals(4242, value);
    }

    @Test
    void anAbsentDeviceTimesOut() {
        ModbusRtuMaster quick = master.withSettings(ModbusSettings.defaults()
                .withResponseTimeout(Duration.ofMillis(200)).withRetries(1));
        long timeouts = link.statistics().errors(ErrorKind.TIMEOUT);
        ModbusException e = assertThrows(ModbusException.class, () -> quick.readHoldingRegisters(5, 0, 1));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertEquals(2, link.statistics().errors(ErrorKind.TIMEOUT) - timeouts);
    }

    @Test
    void noCrcOrFramingErrorsOnACleanLine() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(holding(i), master.readHoldingRegisters(UNIT, i, 1)[0]);
        }
        assertEquals(0, link.statistics().errors(ErrorKind.CHECKSUM));
        assertEquals(0, link.statistics().errors(ErrorKind.FRAMING));
        assertTrue(link.statistics().framesReceived() >= 20);
    }
}
