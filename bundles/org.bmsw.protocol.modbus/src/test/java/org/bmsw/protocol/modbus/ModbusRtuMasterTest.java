package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.TestFrames.exceptionReply;
import static org.bmsw.protocol.modbus.TestFrames.hex;
import static org.bmsw.protocol.modbus.TestFrames.readReply;
import static org.bmsw.protocol.modbus.TestFrames.u16;
import static org.bmsw.protocol.modbus.TestFrames.withCrc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.Test;

class ModbusRtuMasterTest {

    /** Short timeouts so failure paths stay fast; still far above the fake link's latency. */
    private static final ModbusSettings FAST = ModbusSettings.defaults()
            .withResponseTimeout(Duration.ofMillis(150))
            .withInterByteTimeout(Duration.ofMillis(80));

    /** Register value of a pretend device, so replies are computed, not hard-coded. */
    private static int valueAt(int address) {
        return (address * 977 + 13) & 0xFFFF;
    }

    /** A well-behaved device 1 built from explicit frame layouts (independent of the slave codec). */
    private static FakeByteLink.Responder device(int unit) {
        return (link, req) -> {
            if ((req[0] & 0xFF) != unit) {
                return;
            }
            int fc = req[1] & 0xFF;
            if (fc == 3 || fc == 4) {
                int address = u16(req, 2);
                int count = u16(req, 4);
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = valueAt(address + i) ^ (fc == 4 ? 0x8000 : 0);
                }
                link.deliver(readReply(unit, fc, values), 2);
            } else if (fc == 6) {
                link.deliver(req, 2);
            } else if (fc == 16) {
                link.deliver(withCrc(req[0] & 0xFF, 16, req[2] & 0xFF, req[3] & 0xFF, req[4] & 0xFF, req[5] & 0xFF), 2);
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ CRC

    @Test
    void crcMatchesPublishedVectors() {
        // the Modbus spec's example and the CRC catalogue's check value for "123456789"
        assertEquals(0xCDC5, ModbusCrc.compute(hex("01 03 00 00 00 0A")));
        assertArrayEquals(hex("01 03 00 00 00 0A C5 CD"), ModbusCrc.append(hex("01 03 00 00 00 0A")));
        assertEquals(0x4B37, ModbusCrc.compute("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertArrayEquals(hex("11 03 00 6B 00 03 76 87"), ModbusCrc.append(hex("11 03 00 6B 00 03")));
        assertTrue(ModbusCrc.check(hex("01 03 00 00 00 0A C5 CD")));
        assertFalse(ModbusCrc.check(hex("01 03 00 00 00 0A CD C5")));
    }

    @Test
    void crcAgreesWithBitwiseReferenceOnRandomData() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] data = new byte[1 + random.nextInt(256)];
            random.nextBytes(data);
            assertEquals(TestFrames.bitwiseCrc(data, data.length), ModbusCrc.compute(data));
        }
    }

    // ------------------------------------------------------------------------------------------------ functions

    @Test
    void readsHoldingRegistersWithTheRightRequestBytes() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        int[] values = ModbusRtuMaster.on(link).readHoldingRegisters(1, 0x0010, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(valueAt(0x10 + i), values[i]);
        }
        assertEquals(1, link.writes().size());
        assertArrayEquals(withCrc(1, 3, 0x00, 0x10, 0x00, 0x0A), link.writes().get(0).data());
        assertEquals(1, link.statistics().snapshot().framesSent());
        assertEquals(1, link.statistics().framesReceived());
        assertEquals(0, link.statistics().errorCount());
    }

    @Test
    void readsInputRegistersWithFunction4() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(7));
        int[] values = ModbusRtuMaster.on(link).readInputRegisters(7, 0xFF00, 125);
        assertEquals(125, values.length);
        for (int i = 0; i < 125; i++) {
            assertEquals(valueAt(0xFF00 + i) ^ 0x8000, values[i]);
        }
        assertEquals(4, link.writes().get(0).data()[1]);
    }

    @Test
    void writesSingleRegisterAndChecksTheEcho() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        ModbusRtuMaster.on(link).writeSingleRegister(1, 0x0012, 0xBEEF);
        assertArrayEquals(withCrc(1, 6, 0x00, 0x12, 0xBE, 0xEF), link.writes().get(0).data());
        assertEquals(1, link.statistics().framesReceived());
    }

    @Test
    void writesMultipleRegisters() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        ModbusRtuMaster.on(link).writeMultipleRegisters(1, 0x0100, 1, 2, 0xFFFF);
        assertArrayEquals(withCrc(1, 16, 0x01, 0x00, 0x00, 0x03, 6, 0, 1, 0, 2, 0xFF, 0xFF),
                link.writes().get(0).data());
        assertEquals(1, link.statistics().framesReceived());
    }

    @Test
    void writesThe123RegisterMaximumAndRefusesMore() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        ModbusRtuMaster master = ModbusRtuMaster.on(link);
        int[] values = new int[123];
        Arrays.setAll(values, i -> i * 3);
        master.writeMultipleRegisters(1, 0, values);
        assertEquals(9 + 246, link.writes().get(0).data().length);
        DeviceException e = assertThrows(DeviceException.class, () -> master.writeMultipleRegisters(1, 0, new int[124]));
        assertEquals(Reason.INVALID, e.reason());
        assertEquals(1, link.writes().size());
    }

    @Test
    void splitsLongReadsIntoRequestsOfAtMostTheConfiguredSize() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        int[] values = ModbusRtuMaster.on(link).readHoldingRange(1, 100, 300);
        assertEquals(300, values.length);
        for (int i = 0; i < 300; i++) {
            assertEquals(valueAt(100 + i), values[i], "register " + (100 + i));
        }
        List<Integer> counts = link.writes().stream().map(w -> u16(w.data(), 4)).toList();
        assertEquals(List.of(125, 125, 50), counts);
        List<Integer> starts = link.writes().stream().map(w -> u16(w.data(), 2)).toList();
        assertEquals(List.of(100, 225, 350), starts);

        FakeByteLink link2 = new FakeByteLink().respond(device(1));
        ModbusRtuMaster.on(link2, ModbusSettings.defaults().withMaxReadRegisters(40)).unit(1).readRegisters(0, 100);
        assertEquals(List.of(40, 40, 20), link2.writes().stream().map(w -> u16(w.data(), 4)).toList());
    }

    @Test
    void userFunctionCarriesRawPdusLikeOpenBltXcp() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            // [addr][0x6D][len][xcp...][crc] -> answer CONNECT positive response of 8 bytes
            if ((req[1] & 0xFF) == 0x6D) {
                assertEquals(req.length - 5, req[2] & 0xFF);
                l.deliver(withCrc(req[0] & 0xFF, 0x6D, 8, 0xFF, 0x10, 0xC0, 0x81, 0x00, 0x01, 0x01, 0x01), 3);
            }
        });
        byte[] reply = ModbusRtuMaster.on(link).transact(3, new byte[] {0x6D, 2, (byte) 0xFF, 0x00});
        assertArrayEquals(hex("6D 08 FF 10 C0 81 00 01 01 01"), reply);
        assertArrayEquals(withCrc(3, 0x6D, 2, 0xFF, 0x00), link.writes().get(0).data());
    }

    @Test
    void userFunctionWithSilenceDelimitedReply() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(withCrc(1, 0x41, 9, 8, 7), 2));
        byte[] reply = ModbusRtuMaster.on(link, FAST).transact(1, new byte[] {0x41}, FrameLength.untilSilence());
        assertArrayEquals(new byte[] {0x41, 9, 8, 7}, reply);
    }

    @Test
    void broadcastWriteDoesNotWaitForAReplyAndKeepsTheTurnaround() throws Exception {
        FakeByteLink link = new FakeByteLink();
        ModbusRtuMaster master = ModbusRtuMaster.on(link, ModbusSettings.defaults()
                .withBroadcastTurnaround(Duration.ofMillis(120)));
        long start = System.nanoTime();
        master.writeSingleRegister(0, 5, 77);
        long took = System.nanoTime() - start;
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(100), "broadcast waited " + took / 1_000_000 + " ms");
        master.writeMultipleRegisters(0, 5, 1, 2);
        assertEquals(2, link.writes().size());
        long gap = link.writes().get(1).atNanos() - link.writes().get(0).atNanos();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(120), "only " + gap / 1_000_000 + " ms between broadcasts");
        assertEquals(0, link.statistics().errorCount());
        DeviceException e = assertThrows(DeviceException.class, () -> master.readHoldingRegisters(0, 0, 1));
        assertEquals(Reason.INVALID, e.reason());
    }

    @Test
    void keepsThreeAndAHalfCharactersOfSilenceBeforeEachRequest() throws Exception {
        // 1200 baud 8N1: one character 8.33 ms, 3.5 characters 29.2 ms, easy to measure
        FakeByteLink link = new FakeByteLink(1200).respond(device(1));
        ModbusRtuMaster master = ModbusRtuMaster.on(link);
        for (int i = 0; i < 3; i++) {
            master.readHoldingRegisters(1, i, 1);
        }
        long silence = ModbusSettings.frameSilenceNanos(link.settings());
        assertEquals(29_166_667, silence, 2);
        for (int i = 1; i < 3; i++) {
            long replyArrived = link.deliveries().get(i - 1);
            long nextRequest = link.writes().get(i).atNanos();
            assertTrue(nextRequest - replyArrived >= silence,
                    "request " + i + " only " + (nextRequest - replyArrived) / 1000 + " us after the reply");
        }
        assertEquals(1_750_000, ModbusSettings.frameSilenceNanos(link.settings().withBaud(115200)));
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void exceptionResponseIsMappedAndNeverRetried() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(exceptionReply(1, 6, 3), 2));
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link).writeSingleRegister(1, 0x0012, 500));
        assertEquals(Reason.REJECTED, e.reason());
        assertEquals("device 1 refused write of register 0x0012: ILLEGAL DATA VALUE (exception 3)", e.getMessage());
        assertEquals(3, e.exceptionCode().getAsInt());
        assertEquals(ExceptionCode.ILLEGAL_DATA_VALUE, e.exception().orElseThrow());
        assertEquals(1, link.writes().size(), "an exception response must not be retried");
        assertEquals(1, link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE));
        assertEquals(1, link.statistics().errorCount());
    }

    @Test
    void exceptionResponseOnReadNamesTheRegisters() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(exceptionReply(2, 3, 2), 2));
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link).readHoldingRegisters(2, 0x1000, 4));
        assertEquals("device 2 refused read of holding registers 0x1000..0x1003 (4): ILLEGAL DATA ADDRESS (exception 2)",
                e.getMessage());
        assertEquals(1, link.writes().size());
    }

    @Test
    void vendorExceptionCodesAreDescribed() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(exceptionReply(1, 4, 0x21), 2));
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link).readInputRegisters(1, 0, 1));
        assertTrue(e.getMessage().endsWith("exception 0x21 (not defined by Modbus)"), e.getMessage());
        assertTrue(e.exception().isEmpty());
    }

    @Test
    void timeoutsAreRetriedThenSucceed() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeByteLink.Responder good = device(1);
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            if (requests.incrementAndGet() == 3) {
                good.onWrite(l, req);
            }
        });
        int[] values = ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 2);
        assertArrayEquals(new int[] {valueAt(0), valueAt(1)}, values);
        assertEquals(3, link.writes().size());
        assertEquals(2, link.statistics().errors(ErrorKind.TIMEOUT));
        assertEquals(1, link.statistics().framesReceived());
    }

    @Test
    void missingReplyFailsWithTimeoutAfterTheConfiguredRetries() {
        FakeByteLink link = new FakeByteLink();
        ModbusRtuMaster master = ModbusRtuMaster.on(link, FAST.withRetries(1));
        long start = System.nanoTime();
        ModbusException e = assertThrows(ModbusException.class, () -> master.readHoldingRegisters(1, 0x20, 1));
        long took = System.nanoTime() - start;
        assertEquals(Reason.TIMEOUT, e.reason());
        assertEquals("device 1 did not answer read of holding register 0x0020 within 150 ms (2 attempts)",
                e.getMessage());
        assertEquals(2, link.writes().size());
        assertEquals(2, link.statistics().errors(ErrorKind.TIMEOUT));
        assertEquals(0, link.statistics().framesReceived());
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), "gave up after " + took / 1_000_000 + " ms");
    }

    @Test
    void crcErrorsAreRetriedAndCounted() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            byte[] reply = readReply(1, 3, 1234);
            if (requests.incrementAndGet() == 1) {
                reply[4] ^= 0x01; // a bit flipped on the wire: value 1235, CRC no longer matches
            }
            l.deliver(reply, 2);
        });
        assertArrayEquals(new int[] {1234}, ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 1));
        assertEquals(2, link.writes().size());
        assertEquals(1, link.statistics().errors(ErrorKind.CHECKSUM));
    }

    @Test
    void corruptedRepliesNeverProduceAValue() {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            byte[] reply = readReply(1, 3, 1234, 5678);
            reply[5] ^= 0x40;
            l.deliver(reply, 2);
        });
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 2));
        assertEquals(Reason.PROTOCOL, e.reason());
        assertTrue(e.getMessage().contains("CRC error"), e.getMessage());
        assertEquals(3, link.writes().size());
        assertEquals(3, link.statistics().errors(ErrorKind.CHECKSUM));
        assertEquals(0, link.statistics().framesReceived());
    }

    @Test
    void exceptionResponseWithBadCrcIsAChecksumErrorNotARefusal() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            if (requests.incrementAndGet() == 1) {
                byte[] bad = exceptionReply(1, 6, 2);
                bad[4] ^= 0x10;
                l.deliver(bad, 2);
            } else {
                l.deliver(req, 2);
            }
        });
        ModbusRtuMaster.on(link, FAST).writeSingleRegister(1, 1, 2);
        assertEquals(2, link.writes().size());
        assertEquals(1, link.statistics().errors(ErrorKind.CHECKSUM));
        assertEquals(0, link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE));
    }

    @Test
    void garbageBeforeTheReplyIsSkippedWithoutRetry() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            l.deliver(hex("00 FF 55"), 1);            // line noise while the driver turns around
            l.deliver(hex("01 03 01"), 1);            // looks like a reply header, wrong byte count
            l.deliver(readReply(1, 3, 4321, 8765), 5);
        });
        assertArrayEquals(new int[] {4321, 8765}, ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 9, 2));
        assertEquals(1, link.writes().size());
        assertEquals(1, link.statistics().framesReceived());
        assertEquals(1, link.statistics().errors(ErrorKind.FRAMING), "skipped noise is counted");
    }

    @Test
    void garbageWithAFalseHeaderOfAFixedLengthReplyIsSurvived() throws Exception {
        // noise "01 06" followed by the real echo: the false candidate fails its CRC, the real one is found
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            byte[] both = new byte[2 + req.length];
            both[0] = 1;
            both[1] = 6;
            System.arraycopy(req, 0, both, 2, req.length);
            l.deliver(both, 2);
        });
        ModbusRtuMaster.on(link, FAST).writeSingleRegister(1, 0x30, 0x1234);
        assertEquals(1, link.writes().size());
    }

    @Test
    void staleBytesBeforeARequestAreDiscarded() throws Exception {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        link.deliver(readReply(1, 3, 0xDEAD)); // an old reply lying in the input buffer
        link.awaitScheduled();
        assertArrayEquals(new int[] {valueAt(4)}, ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 4, 1));
        assertEquals(1, link.writes().size());
    }

    @Test
    void truncatedRepliesAreRetriedAndNeverYieldValues() {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            byte[] reply = readReply(1, 3, 1, 2, 3, 4, 5);
            l.deliver(Arrays.copyOf(reply, 9), 2);
        });
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 5));
        assertEquals(Reason.PROTOCOL, e.reason());
        assertTrue(e.getMessage().contains("truncated reply"), e.getMessage());
        assertEquals(3, link.writes().size());
        assertEquals(3, link.statistics().errors(ErrorKind.FRAMING));
    }

    @Test
    void truncatedReplyFailsFastOnTheInterByteTimeout() {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(hex("01 03 04 00"), 2));
        ModbusRtuMaster master = ModbusRtuMaster.on(link, ModbusSettings.defaults().withRetries(0)
                .withResponseTimeout(Duration.ofSeconds(5)).withInterByteTimeout(Duration.ofMillis(60)));
        long start = System.nanoTime();
        assertThrows(ModbusException.class, () -> master.readHoldingRegisters(1, 0, 2));
        long took = System.nanoTime() - start;
        // not the 5 s response timeout: the inter-byte timeout, plus the drain, plus generous scheduling margin
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(2000), "took " + took / 1_000_000 + " ms");
    }

    @Test
    void replyFromAnotherAddressOrFunctionIsNotAccepted() {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            l.deliver(readReply(2, 3, 99), 2);   // another device
            l.deliver(readReply(1, 4, 98), 2);   // wrong function
        });
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 1));
        assertEquals(Reason.PROTOCOL, e.reason());
        assertEquals(3, link.statistics().errors(ErrorKind.FRAMING));
        assertEquals(0, link.statistics().framesReceived());
    }

    @Test
    void wrongByteCountIsAFramingErrorNotAValue() {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(readReply(1, 3, 11, 22, 33), 2));
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link, FAST.withRetries(0)).readHoldingRegisters(1, 0, 2));
        assertEquals(Reason.PROTOCOL, e.reason());
        assertTrue(e.getMessage().contains("malformed reply header 01 03 06"), e.getMessage());
    }

    @Test
    void wrongEchoOfAWriteIsRetried() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            if (requests.incrementAndGet() == 1) {
                l.deliver(withCrc(1, 6, 0, 0x12, 0, 99), 2);
            } else {
                l.deliver(req, 2);
            }
        });
        ModbusRtuMaster.on(link, FAST).writeSingleRegister(1, 0x12, 100);
        assertEquals(2, link.writes().size());
        assertEquals(1, link.statistics().errors(ErrorKind.FRAMING));
    }

    @Test
    void lateReplyCountsAsTimeoutAndIsDroppedBeforeTheNextRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            if (requests.incrementAndGet() == 1) {
                l.deliver(readReply(1, 3, 0xBAD), 250);   // far beyond the 150 ms timeout
            } else {
                device(1).onWrite(l, req);
            }
        });
        ModbusRtuMaster master = ModbusRtuMaster.on(link, FAST.withRetries(0));
        ModbusException e = assertThrows(ModbusException.class, () -> master.readHoldingRegisters(1, 0, 1));
        assertEquals(Reason.TIMEOUT, e.reason());
        link.awaitScheduled();
        assertArrayEquals(new int[] {valueAt(0)}, master.readHoldingRegisters(1, 0, 1));
        assertEquals(1, link.statistics().errors(ErrorKind.TIMEOUT));
    }

    @Test
    void slowButInTimeReplyIsAccepted() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> l.deliver(readReply(1, 3, 777), 100));
        ModbusRtuMaster master = ModbusRtuMaster.on(link, FAST.withResponseTimeout(Duration.ofMillis(400)));
        assertArrayEquals(new int[] {777}, master.readHoldingRegisters(1, 0, 1));
        assertEquals(0, link.statistics().errorCount());
    }

    @Test
    void replyTrickledByteByByteIsAssembled() throws Exception {
        FakeByteLink link = new FakeByteLink().respond((l, req) -> {
            byte[] reply = readReply(1, 3, 1, 2, 3);
            for (byte b : reply) {
                l.deliver(new byte[] {b}, 3);
            }
        });
        assertArrayEquals(new int[] {1, 2, 3}, ModbusRtuMaster.on(link, FAST).readHoldingRegisters(1, 0, 3));
    }

    @Test
    void invalidRequestsAreRefusedBeforeSending() {
        FakeByteLink link = new FakeByteLink().respond(device(1));
        ModbusRtuMaster master = ModbusRtuMaster.on(link);
        for (org.junit.jupiter.api.function.Executable bad : List.<org.junit.jupiter.api.function.Executable>of(
                () -> master.readHoldingRegisters(1, 0, 126),
                () -> master.readHoldingRegisters(1, 0, 0),
                () -> master.readInputRegisters(1, 0xFFFF, 2),
                () -> master.readHoldingRegisters(256, 0, 1),
                () -> master.writeSingleRegister(1, 0, 65536),
                () -> master.writeSingleRegister(1, 0, -1),
                () -> master.writeMultipleRegisters(1, 0),
                () -> master.transact(1, new byte[0]),
                () -> master.transact(1, new byte[] {(byte) 0x83}))) {
            DeviceException e = assertThrows(DeviceException.class, bad);
            assertEquals(Reason.INVALID, e.reason(), e.getMessage());
        }
        assertEquals(0, link.writes().size());
    }

    @Test
    void interruptedCallerGetsClosedNotAHang() {
        FakeByteLink link = new FakeByteLink();
        Thread.currentThread().interrupt();
        try {
            ModbusException e = assertThrows(ModbusException.class,
                    () -> ModbusRtuMaster.on(link).readHoldingRegisters(1, 0, 1));
            assertEquals(Reason.CLOSED, e.reason());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void closedLinkIsALinkError() {
        FakeByteLink link = new FakeByteLink();
        link.close();
        ModbusException e = assertThrows(ModbusException.class,
                () -> ModbusRtuMaster.on(link).readHoldingRegisters(1, 0, 1));
        assertEquals(Reason.LINK, e.reason());
        assertTrue(e.getCause() instanceof org.bmsw.transport.api.LinkException);
    }

    @Test
    void severalMastersShareOneLinkOneTransactionAtATime() throws Exception {
        // two devices on one bus; the fake answers each request, and flags writes made without the lock
        FakeByteLink.Responder one = device(1);
        FakeByteLink.Responder two = device(2);
        FakeByteLink link = new FakeByteLink(115200).respond((l, req) -> {
            one.onWrite(l, req);
            two.onWrite(l, req);
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = List.of(
                    pool.submit(() -> poll(ModbusRtuMaster.on(link, FAST).unit(1))),
                    pool.submit(() -> poll(ModbusRtuMaster.on(link, FAST).unit(2))));
            for (Future<Integer> f : results) {
                assertEquals(40, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(link.unlockedWrite, "a request was written without holding the link lock");
        assertEquals(0, link.statistics().errorCount());
        assertEquals(80, link.statistics().framesReceived());
    }

    private static int poll(ModbusUnit unit) throws DeviceException {
        int ok = 0;
        for (int i = 0; i < 40; i++) {
            int[] v = unit.readRegisters(i, 3);
            for (int k = 0; k < 3; k++) {
                assertEquals(valueAt(i + k), v[k]);
            }
            ok++;
        }
        return ok;
    }
}
