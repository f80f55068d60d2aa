package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpModbusFunction;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.ByteLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our master against our bootloader inside Modbus RTU function 109, over a real pty pair and the serial transport. */
class XcpOverModbusTest {

    private static final long BASE = 0x0800_4000L;
    private static final FlashMap MAP = FlashMap.uniform(BASE, 1024, 16);

    @TempDir
    Path dir;

    private PtyModbusDevice device;
    private ByteLink link;

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private Bootloader bootloaderWithOldImage() {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(BASE, FlashSequence.image(1, 10_000)));
        bootloader.requestBootloader();
        return bootloader;
    }

    private XcpMaster start(XcpModbusFunction function) throws Exception {
        device = new PtyModbusDevice(dir, function, 115_200, "8E1", false);
        link = device.openLink();
        return new XcpMaster(XcpTransports.modbus(link, PtyModbusDevice.UNIT), XcpTimeouts.openBlt());
    }

    private XcpMaster start(XcpSlave slave) throws Exception {
        return start(new XcpModbusFunction(slave));
    }

    @Test
    void connectNegotiatesTheLargestPacketsFunction109Carries() throws Exception {
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus(), bootloaderWithOldImage(), null));
        ConnectInfo info = master.connect();
        assertEquals(251, info.maxCto());
        assertEquals(251, info.maxDto());
        assertTrue(info.programming());
        assertTrue(info.littleEndian());
        assertFalse(master.getStatus().programmingLocked());
        assertTrue(master.firmwareInfo().isEmpty(), "a bootloader without a firmware info table answers FE 20");
        ProgramInfo pgm = master.programStart();
        assertEquals(251, pgm.maxCtoPgm());
        assertTrue(pgm.programMaxUsable());
        assertFalse(pgm.masterBlockMode());
    }

    @Test
    void theFirmwareInfoTableIsReturnedWhenTheSlaveHasOne() throws Exception {
        byte[] table = {1, 2, 3, 'B', 'M', 'S'};
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus().withFirmwareInfo(table), bootloaderWithOldImage(),
                null));
        master.connect();
        assertArrayEquals(table, master.firmwareInfo().orElseThrow());
    }

    @Test
    void aFlashCompletesVerifiesAndTheNewImageRuns() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus(), bootloader, null));
        byte[] image = FlashSequence.image(2, 12_345);
        FlashSequence.flash(master, BASE, image);
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertEquals(2, bootloader.activeImage().orElseThrow().sequence());
        assertArrayEquals(image, bootloader.readActive(BASE, image.length));
        assertTrue(master.connection().isEmpty(), "PROGRAM_RESET ends the session");
    }

    @Test
    void uploadReadsBackWhatWasProgrammed() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus(), bootloader, null));
        master.connect();
        assertArrayEquals(FlashSequence.image(1, 10_000), master.read(BASE, 10_000), "before an update: the running image");
        byte[] part = FlashSequence.image(3, 700);
        master.programStart();
        master.programClear(BASE + 1024, 1024);
        master.program(BASE + 1024 + 5, part);
        assertArrayEquals(part, master.read(BASE + 1024 + 5, part.length));
        assertArrayEquals(Arrays.copyOf(part, 200), master.shortUpload(BASE + 1024 + 5, 200));
    }

    @Test
    void negativeResponsesNameTheCommandAndTheError() throws Exception {
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus(), bootloaderWithOldImage(), null));
        master.connect();
        master.programStart();
        XcpException outside = assertThrows(XcpException.class, () -> master.programClear(0x2000_0000L, 16));
        assertEquals(Reason.REJECTED, outside.reason());
        assertEquals(XcpError.OUT_OF_RANGE, outside.error().orElseThrow());
        assertEquals(XcpCommand.PROGRAM_CLEAR, outside.command().orElseThrow());
        assertTrue(outside.getMessage().contains("refused PROGRAM_CLEAR (0xD1): ERR_OUT_OF_RANGE (0x22)"),
                outside.getMessage());
        assertTrue(outside.getMessage().contains("Modbus unit 7 (function 109) on serial:"), outside.getMessage());

        // programming bytes that are not erased: the staging bank still holds what it held
        master.programClear(BASE, 1024);
        master.program(BASE, new byte[] {0x00});
        XcpException notErased = assertThrows(XcpException.class, () -> master.program(BASE, new byte[] {(byte) 0xFF}));
        assertEquals(XcpError.GENERIC, notErased.error().orElseThrow());

        XcpException unknown = assertThrows(XcpException.class, () -> master.userCommand((byte) 0x99));
        assertEquals(XcpError.CMD_UNKNOWN, unknown.error().orElseThrow());
    }

    @Test
    void commandsThatNeedASessionAreNotSent() throws Exception {
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.modbus(), bootloaderWithOldImage(), null));
        XcpException e = assertThrows(XcpException.class, () -> master.setMta(BASE));
        assertEquals(Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
        master.connect();
        XcpException noStart = assertThrows(XcpException.class, () -> master.program(BASE, new byte[8]));
        assertTrue(noStart.getMessage().contains("PROGRAM_START first"), noStart.getMessage());
        XcpException tooLong = assertThrows(XcpException.class, () -> master.upload(251));
        assertTrue(tooLong.getMessage().contains("length must be 1..250"), tooLong.getMessage());
    }

    @Test
    void aSilentDeviceTimesOutWithAClearMessage() throws Exception {
        XcpSlave slave = new XcpSlave(XcpSlaveConfig.modbus(), bootloaderWithOldImage(), null);
        XcpMaster master = start(slave);
        master.connect();
        slave.powerCut();
        long start = System.nanoTime();
        XcpException e = assertThrows(XcpException.class, master::getStatus);
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("no answer to GET_STATUS (0xFD)") && e.getMessage().contains("3 attempts"),
                e.getMessage());
        assertTrue(System.nanoTime() - start >= 3 * 1_000_000_000L, "T1 of 1 s per attempt");

        XcpException connect = assertThrows(XcpException.class, master::connect);
        assertEquals(Reason.TIMEOUT, connect.reason());
        assertTrue(connect.getMessage().contains("no XCP slave answered CONNECT (5 attempts, 50 ms each)"),
                connect.getMessage());
    }

    @Test
    void aDeviceWithoutFunction109SaysItDoesNotTakeXcp() throws Exception {
        // an application that knows no function 109 (registered here only so the pty fixture can delimit the frame)
        device = new PtyModbusDevice(dir, (unit, pdu) -> {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION, "no XCP in the application");
        }, 115_200, "8N1", false);
        link = device.openLink();
        XcpMaster master = XcpMaster.on(XcpTransports.modbus(link, PtyModbusDevice.UNIT));
        XcpException e = assertThrows(XcpException.class, master::connect);
        assertEquals(Reason.REJECTED, e.reason());
        assertTrue(e.getMessage().contains("does not take XCP now (not in its bootloader?)"), e.getMessage());
        assertTrue(e.getMessage().contains("ILLEGAL FUNCTION") || e.getMessage().contains("illegal function"),
                e.getMessage());
    }

    @Test
    void aLostAcknowledgementIsRepeatedAtTheSameAddress() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpModbusFunction real = new XcpModbusFunction(new XcpSlave(XcpSlaveConfig.modbus(), bootloader, null));
        AtomicInteger programMax = new AtomicInteger();
        // the 5th PROGRAM_MAX is executed, but its acknowledgement never reaches the master
        device = new PtyModbusDevice(dir, (unit, pdu) -> {
            byte[] reply = real.handle(unit, pdu);
            boolean isProgramMax = (pdu[2] & 0xFF) == XcpCommand.PROGRAM_MAX.code();
            return isProgramMax && programMax.incrementAndGet() == 5 ? null : reply;
        }, 115_200, "8N1", false);
        link = device.openLink();
        XcpTimeouts quick = XcpTimeouts.openBlt().scaled(0.2).withConnect(Duration.ofMillis(50), 5);
        XcpMaster master = new XcpMaster(XcpTransports.modbus(link, PtyModbusDevice.UNIT), quick);
        byte[] image = FlashSequence.image(4, 9_000);
        FlashSequence.flash(master, BASE, image);
        assertTrue(programMax.get() > 36, "9000 bytes in 250-byte packets, one repeated: " + programMax.get());
        assertArrayEquals(image, bootloader.readActive(BASE, image.length));
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
    }
}
