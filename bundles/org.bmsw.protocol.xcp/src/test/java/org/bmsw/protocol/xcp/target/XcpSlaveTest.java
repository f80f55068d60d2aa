package org.bmsw.protocol.xcp.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.Map;

import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;

/** The slave's answers packet by packet, as the wire carries them. */
class XcpSlaveTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final FlashMap MAP = FlashMap.uniform(0x1000, 256, 4);

    private static byte[] p(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static String answer(XcpSlave slave, String packet) {
        byte[] r = slave.handle(p(packet));
        return r == null ? null : HEX.formatHex(r);
    }

    private static XcpSlave bootloader(XcpSlaveConfig config) {
        Bootloader bootloader = new Bootloader(MAP);
        return new XcpSlave(config, bootloader, null);
    }

    @Test
    void onlyConnectIsAnsweredBeforeAConnect() {
        XcpSlave slave = bootloader(XcpSlaveConfig.can());
        assertNull(answer(slave, "fd"));
        assertEquals("ff1000080800" + "0101", answer(slave, "ff00"), "PGM resource, Intel, MAX_CTO 8, MAX_DTO 8");
        assertEquals("ff0000000000", answer(slave, "fd"));
        assertEquals("fe00", answer(slave, "fc"), "SYNCH is answered ERR_CMD_SYNCH");
        assertEquals("fe20", answer(slave, "f11704"), "no firmware info table");
        assertEquals("ff", answer(slave, "fe"));
        assertNull(answer(slave, "fd"), "disconnected again");
    }

    @Test
    void programStartAnnouncesBlockModeAndProgrammingNeedsIt() {
        XcpSlave slave = bootloader(XcpSlaveConfig.can());
        answer(slave, "ff00");
        assertEquals("fe29", answer(slave, "d0020102"), "PROGRAM before PROGRAM_START: ERR_SEQUENCE");
        assertEquals("ff0003082b0001", answer(slave, "d2"), "master block and interleaved mode, MAX_CTO_PGM 8,"
                + " MAX_BS_PGM 43, QUEUE_SIZE_PGM 1");
        XcpSlave acknowledged = bootloader(XcpSlaveConfig.can().withoutInterleaving());
        answer(acknowledged, "ff00");
        assertEquals("ff0001082b0000", answer(acknowledged, "d2"), "master block mode only");
    }

    @Test
    void aMasterBlockIsAnsweredOnceAndAMiscountedOneOnceWithAnError() {
        XcpSlave slave = bootloader(XcpSlaveConfig.can());
        answer(slave, "ff00");
        answer(slave, "d2");
        assertEquals("ff", answer(slave, "f6000000" + "00100000"), "SET_MTA 0x1000");
        assertEquals("ff", answer(slave, "d1000000" + "00010000"), "PROGRAM_CLEAR 256");
        assertNull(answer(slave, "d00e" + "010203040506"), "PROGRAM of a 14-byte block: no answer yet");
        assertNull(answer(slave, "ca08" + "0708090a0b0c"));
        assertEquals("ff", answer(slave, "ca02" + "0d0e"), "the last packet is answered");
        assertEquals("ff", answer(slave, "f6000000" + "00100000"));
        assertEquals("ff01020304050607", answer(slave, "f507"));
        assertEquals("ff08090a0b0c0d0e", answer(slave, "f507"));

        assertNull(answer(slave, "d00c" + "111111111111"));
        assertEquals("fe29", answer(slave, "ca05" + "2222222222"), "6 elements remain, not 5");
        assertNull(answer(slave, "ca03" + "333333"), "the rest of the failed block is ignored");
        assertNull(answer(slave, "ca03" + "333333"));
        assertEquals("ff0000000000", answer(slave, "fd"));
        assertEquals("fe29", answer(slave, "ca03" + "333333"), "a PROGRAM_NEXT outside any block");
    }

    @Test
    void uploadsAreTheSizeAsked() {
        XcpSlave slave = bootloader(XcpSlaveConfig.can());
        answer(slave, "ff00");
        answer(slave, "f6000000" + "00100000");
        assertEquals("ffffffffffffffff", answer(slave, "f507"), "seven erased bytes");
        assertEquals("fe22", answer(slave, "f508"), "more than MAX_DTO-1");
        assertEquals("fe22", answer(slave, "f40100000000" + "0000"), "address 0 is no application flash");
    }

    @Test
    void anApplicationWithoutXcpIsSilentAndCalibrationAnswersInTheApplication() {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1000L, new byte[] {1}));
        XcpSlave silent = new XcpSlave(XcpSlaveConfig.can(), bootloader, null);
        assertNull(answer(silent, "ff00"));

        XcpSlave calibrating = new XcpSlave(XcpSlaveConfig.can(), bootloader,
                new CalibrationPages(0x2000_0000L, new byte[16]));
        assertEquals("ff0100080800" + "0101", answer(calibrating, "ff00"), "CAL/PAG resource");
        assertEquals("fe20", answer(calibrating, "d2"), "no programming in the application");
        assertEquals("ff000000", answer(calibrating, "ea0200"), "XCP uses page 0 (RAM)");
        assertEquals("fe27", answer(calibrating, "ea0300"), "GET_CAL_PAGE wants one mode bit");
    }

    @Test
    void aPowerCutInTheMiddleOfACommandSilencesIt() {
        XcpSlave slave = bootloader(XcpSlaveConfig.can());
        answer(slave, "ff00");
        answer(slave, "d2");
        answer(slave, "f6000000" + "00100000");
        slave.bootloader().orElseThrow().memory().cutPowerAfter(0);
        assertNull(answer(slave, "d1000000" + "00010000"), "the erase was torn: no answer");
        assertEquals(Bootloader.Mode.OFF, slave.bootloader().orElseThrow().mode());
        assertNull(answer(slave, "ff00"), "still off");
        slave.powerOn();
        assertEquals("ff1000080800" + "0101", answer(slave, "ff00"));
    }

    @Test
    void function109AndCanFramesCarryThePackets() throws ModbusRefusal {
        XcpSlave slave = bootloader(XcpSlaveConfig.modbus());
        XcpModbusFunction function = new XcpModbusFunction(slave);
        assertArrayEquals(p("6d 08 ff 10 00 fb fb 00 01 01"), function.handle(1, p("6d 02 ff 00")));
        assertArrayEquals(p("6d 06 ff 00 00 00 00 00"), function.handle(1, p("6d 01 fd")));
        assertArrayEquals(p("6d 02 fe 20"), function.handle(1, p("6d 03 f1 17 04")));
        slave.bootloader().orElseThrow().install(Map.of(0x1000L, new byte[] {1}));
        ModbusRefusal app = org.junit.jupiter.api.Assertions.assertThrows(ModbusRefusal.class,
                () -> function.handle(1, p("6d 02 ff 00")));
        assertEquals(1, app.code(), "an application without XCP: ILLEGAL FUNCTION");
        slave.powerCut();
        assertNull(function.handle(1, p("6d 02 ff 00")), "a device without power: silence");
        XcpCanResponder can = new XcpCanResponder(bootloader(XcpSlaveConfig.can()), XcpCanIds.OPENBLT);
        CanFrame connect = CanFrame.data(0x667, false, (byte) 0xFF, (byte) 0);
        assertEquals(CanFrame.data(0x7E1, false, p("ff 10 00 08 08 00 01 01")), can.handle(connect).orElseThrow());
        assertEquals(java.util.Optional.empty(), can.handle(CanFrame.data(0x123, false, (byte) 0xFF, (byte) 0)),
                "another id");
    }
}
