package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.junit.jupiter.api.Test;

/** Master behaviour that needs a misbehaving slave: in-process, with the slave's answers altered on the way. */
class XcpMasterTest {

    private static final long BASE = 0x4000;

    private static XcpSlave bootloader() {
        return new XcpSlave(XcpSlaveConfig.modbus(), new Bootloader(FlashMap.uniform(BASE, 1024, 8)), null);
    }

    @Test
    void cancellingStopsBetweenPacketsWithClosed() throws Exception {
        XcpSlave slave = bootloader();
        XcpMaster master = XcpMaster.on(new DirectTransport(slave, 251, false));
        master.connect();
        master.programStart();
        master.programClear(BASE, 4000);
        List<Long> done = new ArrayList<>();
        XcpException e = assertThrows(XcpException.class, () -> master.program(BASE, new byte[4000], 0, 4000,
                (bytes, total) -> {
                    done.add(bytes);
                    Thread.currentThread().interrupt();
                }));
        assertTrue(Thread.interrupted());
        assertEquals(Reason.CLOSED, e.reason());
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(List.of(250L), done, "stopped after the first packet");
    }

    @Test
    void aBusySlaveIsAskedAgainAfterT7() throws Exception {
        XcpSlave slave = bootloader();
        DirectTransport direct = new DirectTransport(slave, 251, false);
        int[] busy = {2};
        XcpTransport busyTwice = new XcpTransport() {
            @Override
            public int maxPacketLength() {
                return 251;
            }

            @Override
            public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
                if ((command[0] & 0xFF) == XcpCommand.GET_STATUS.code() && busy[0]-- > 0) {
                    return new byte[] {(byte) 0xFE, 0x10};
                }
                return direct.exchange(command, timeout);
            }

            @Override
            public String describe() {
                return "busy slave";
            }
        };
        XcpTimeouts timeouts = XcpTimeouts.openBlt();
        timeouts = new XcpTimeouts(timeouts.t1(), timeouts.t3(), timeouts.t4(), timeouts.t5(), timeouts.t6(),
                Duration.ofMillis(20), 5, 2);
        XcpMaster master = new XcpMaster(busyTwice, timeouts);
        master.connect();
        long start = System.nanoTime();
        assertEquals(0, master.getStatus().protectionStatus());
        assertTrue(System.nanoTime() - start >= 40_000_000L, "two waits of T7");
    }

    @Test
    void aGarbledAnswerIsRepeatedAndALateOneIsNotTakenForTheNext() throws Exception {
        XcpSlave slave = bootloader();
        DirectTransport direct = new DirectTransport(slave, 251, false);
        List<String> sent = new ArrayList<>();
        boolean[] garbled = {false};
        XcpTransport lateOnce = new XcpTransport() {
            @Override
            public int maxPacketLength() {
                return 251;
            }

            @Override
            public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
                XcpCommand cmd = XcpCommand.of(command[0]).orElseThrow();
                sent.add(cmd.name());
                byte[] answer = direct.exchange(command, timeout);
                if (cmd == XcpCommand.GET_STATUS && !garbled[0]) {
                    garbled[0] = true;
                    return new byte[] {(byte) 0xFF}; // an acknowledgement meant for something else
                }
                return answer;
            }

            @Override
            public String describe() {
                return "late answers";
            }
        };
        XcpMaster master = XcpMaster.on(lateOnce);
        master.connect();
        master.getStatus();
        assertEquals(List.of("CONNECT", "GET_STATUS", "SYNCH", "GET_STATUS"), sent);
    }

    @Test
    void writesAndReadsAreSplitIntoNegotiatedPackets() throws Exception {
        XcpSlave slave = bootloader();
        XcpMaster master = XcpMaster.on(new DirectTransport(slave, 251, false));
        master.connect();
        master.programStart();
        master.programClear(BASE, 2048);
        byte[] data = FlashSequence.image(5, 1234);
        long before = slave.packets();
        master.program(BASE + 7, data);
        assertEquals(1 + 5, slave.packets() - before, "SET_MTA, 4 PROGRAM_MAX of 250, 1 PROGRAM of 234");
        assertArrayEquals(data, master.read(BASE + 7, data.length));
    }
}
