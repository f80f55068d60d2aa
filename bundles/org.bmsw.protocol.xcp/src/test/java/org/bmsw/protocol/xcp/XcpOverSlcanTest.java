package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.CalibrationPages;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.slcan.internal.SlcanTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XCP on CAN through our real slcan transport, on a real pty pair, to an emulated adapter with our slave on its bus. */
class XcpOverSlcanTest {

    private static final long BASE = 0x0001_0000L;
    private static final FlashMap MAP = FlashMap.uniform(BASE, 2048, 4);
    private static final long CAL = 0x2000_0000L;

    @TempDir
    Path dir;

    private SlcanAdapterEmulation adapter;
    private CanLink link;

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        if (adapter != null) {
            adapter.close();
        }
    }

    private XcpMaster start(XcpSlave slave, XcpCanIds ids) throws Exception {
        XcpCanResponder responder = new XcpCanResponder(slave, ids);
        adapter = new SlcanAdapterEmulation(dir, responder::handle);
        link = new SlcanTransport(new SerialTransport()).openCanLink(LinkSettings.of("slcan", adapter.socat.a.toString(),
                250_000));
        return XcpMaster.on(XcpTransports.can(link, ids));
    }

    private static Bootloader bootloaderWithOldImage() {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(BASE, FlashSequence.image(20, 5_000)));
        bootloader.requestBootloader();
        return bootloader;
    }

    @Test
    void aFlashInMasterBlocksIsAcknowledgedOncePerBlock() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpSlave slave = new XcpSlave(XcpSlaveConfig.can(), bootloader, null);
        XcpMaster master = start(slave, XcpCanIds.OPENBLT);
        byte[] image = FlashSequence.image(21, 6_000);
        FlashSequence.flash(master, BASE, image);
        assertArrayEquals(image, bootloader.readActive(BASE, image.length));
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        long frames = link.statistics().snapshot().framesSent();
        long answers = link.statistics().snapshot().framesReceived();
        assertTrue(frames > 1_000, "6000 bytes in 6-byte packets: " + frames);
        assertTrue(answers < 50, "one answer per 255-byte block and per command, not per packet: " + answers);
    }

    @Test
    void aFlashWithProgramMaxAsOpenBltDoesIt() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.can().withoutBlockMode(), bootloader, null), XcpCanIds.OPENBLT);
        master.connect();
        ProgramInfo pgm = master.programStart();
        assertFalse(pgm.masterBlockMode());
        assertTrue(pgm.programMaxUsable());
        byte[] image = FlashSequence.image(22, 3_001);
        FlashSequence.flash(master, BASE, image);
        assertArrayEquals(image, bootloader.readActive(BASE, image.length));
    }

    @Test
    void paddedFramesAndExtendedIdsWork() throws Exception {
        Bootloader bootloader = bootloaderWithOldImage();
        XcpCanIds ids = new XcpCanIds(0x18DA00F1, 0x18DAF100, true, true);
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.can(), bootloader, null), ids);
        byte[] image = FlashSequence.image(23, 1_000);
        FlashSequence.flash(master, BASE, image);
        assertArrayEquals(image, bootloader.readActive(BASE, image.length));
    }

    @Test
    void calibrationThenFlash() throws Exception {
        byte[] defaults = FlashSequence.image(24, 256);
        CalibrationPages pages = new CalibrationPages(CAL, defaults);
        XcpSlave slave = new XcpSlave(XcpSlaveConfig.can(), null, pages);
        XcpMaster master = start(slave, XcpCanIds.OPENBLT);
        ConnectInfo info = master.connect();
        assertTrue(info.calibration());
        assertFalse(info.programming());
        assertEquals(CalibrationPages.RAM_PAGE, master.getCalPage(XcpMaster.PAGE_XCP, 0));
        assertArrayEquals(defaults, master.read(CAL, 256));

        // "Calibration": write to the RAM page; it takes effect and is lost on a restart
        byte[] soc = {30, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        master.write(CAL + 40, soc);
        assertArrayEquals(soc, master.read(CAL + 40, soc.length));
        assertArrayEquals(soc, pages.read(CalibrationPages.RAM_PAGE, CAL + 40, soc.length), "the device works with it");
        slave.powerCut();
        slave.powerOn();
        master.connect();
        assertArrayEquals(java.util.Arrays.copyOfRange(defaults, 40, 40 + soc.length), master.read(CAL + 40, soc.length));

        // "Flash": copy the RAM page onto the flash page; it survives
        master.write(CAL + 40, soc);
        master.copyCalPage(0, CalibrationPages.RAM_PAGE, 0, CalibrationPages.FLASH_PAGE);
        slave.powerCut();
        slave.powerOn();
        master.connect();
        assertArrayEquals(soc, master.read(CAL + 40, soc.length));

        // the flash page is written only by the copy
        master.setCalPage(XcpMaster.PAGE_XCP, 0, CalibrationPages.FLASH_PAGE);
        assertEquals(CalibrationPages.FLASH_PAGE, master.getCalPage(XcpMaster.PAGE_XCP, 0));
        XcpException e = assertThrows(XcpException.class, () -> master.write(CAL, new byte[] {1}));
        assertEquals(Reason.REJECTED, e.reason());
        assertEquals(XcpError.WRITE_PROTECTED, e.error().orElseThrow());
        XcpException page = assertThrows(XcpException.class, () -> master.setCalPage(XcpMaster.PAGE_XCP, 0, 5));
        assertEquals(XcpError.PAGE_NOT_VALID, page.error().orElseThrow());
    }

    @Test
    void theApplicationRefusesProgrammingAndTheBootloaderCalibration() throws Exception {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(BASE, FlashSequence.image(25, 100)));
        CalibrationPages pages = new CalibrationPages(CAL, new byte[64]);
        XcpMaster master = start(new XcpSlave(XcpSlaveConfig.can(), bootloader, pages), XcpCanIds.OPENBLT);
        assertTrue(master.connect().calibration());
        XcpException e = assertThrows(XcpException.class, master::programStart);
        assertEquals(XcpError.CMD_UNKNOWN, e.error().orElseThrow());

        bootloader.requestBootloader();
        ConnectInfo info = master.connect();
        assertTrue(info.programming());
        assertFalse(info.calibration());
        XcpException cal = assertThrows(XcpException.class, () -> master.getCalPage(XcpMaster.PAGE_XCP, 0));
        assertEquals(XcpError.CMD_UNKNOWN, cal.error().orElseThrow());
    }
}
