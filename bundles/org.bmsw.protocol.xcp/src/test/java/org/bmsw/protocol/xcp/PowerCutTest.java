package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bmsw.protocol.modbus.UserFunction;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpModbusFunction;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.ByteLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cut at every step of a flash, in deterministic loops: the device always comes back in its bootloader with an
 * intact image (the old one, or the new one once committed), or runs the new image; and flashing again completes.
 */
class PowerCutTest {

    private static final long BASE = 0x0000_8000L;
    private static final FlashMap MAP = FlashMap.uniform(BASE, 1024, 8);
    private static final byte[] OLD = FlashSequence.image(10, 6_000);
    private static final byte[] NEW = FlashSequence.image(11, 5_321);
    /** Short timeouts where the device goes dark, so each cut costs little; the flash that must complete keeps OpenBLT's. */
    private static final XcpTimeouts QUICK = XcpTimeouts.openBlt().scaled(0.2).withConnect(Duration.ofMillis(200), 2)
            .withRetries(0);

    /** A device running the old image, just told to enter its bootloader by the profile's command. */
    private static XcpSlave deviceInBootloader(XcpSlaveConfig config) {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(BASE, OLD));
        bootloader.requestBootloader();
        return new XcpSlave(config, bootloader, null);
    }

    private enum Cut {
        /** Power goes as the packet arrives: it is never executed. */
        BEFORE_THE_PACKET,
        /** Power goes after the packet was executed, before its answer is sent. */
        BEFORE_THE_ANSWER
    }

    @Test
    void cutAtEveryProtocolStepOverThePty(@TempDir Path dir) throws Exception {
        AtomicReference<UserFunction> current = new AtomicReference<>();
        try (PtyModbusDevice device = new PtyModbusDevice(dir, (unit, pdu) -> current.get().handle(unit, pdu), 921_600, "8N1", false)) {
            ByteLink link = device.openLink();
            XcpMaster master = new XcpMaster(XcpTransports.modbus(link, PtyModbusDevice.UNIT), QUICK);
            // CONNECT attempts of 200 ms rather than 50: on a loaded test machine the device thread can be late
            XcpMaster patient = new XcpMaster(XcpTransports.modbus(link, PtyModbusDevice.UNIT),
                    XcpTimeouts.openBlt().withConnect(Duration.ofMillis(200), 5));

            for (Cut cut : Cut.values()) {
                int step = 0;
                int lateRuns = 0;
                while (true) {
                    XcpSlave slave = deviceInBootloader(XcpSlaveConfig.modbus());
                    XcpModbusFunction real = new XcpModbusFunction(slave);
                    AtomicInteger seen = new AtomicInteger();
                    AtomicInteger cutCommand = new AtomicInteger(-1);
                    int cutAt = step;
                    current.set((unit, pdu) -> {
                        if (seen.getAndIncrement() != cutAt) {
                            return real.handle(unit, pdu);
                        }
                        cutCommand.set(pdu[2] & 0xFF);
                        if (cut == Cut.BEFORE_THE_ANSWER) {
                            real.handle(unit, pdu);
                        }
                        slave.powerCut();
                        return null;
                    });
                    String where = cut + " at packet " + step;
                    boolean completed = false;
                    try {
                        FlashSequence.flash(master, BASE, NEW);
                        completed = true;
                    } catch (XcpException expected) {
                        // the device went dark
                    }
                    if (cutCommand.get() < 0 && !completed) {
                        // a short timeout hit before the cut (the machine is busy): try this step again
                        assertTrue(++lateRuns < 5, "the flash run keeps failing before the cut: " + where);
                        slave.powerOn();
                        continue;
                    }
                    if (cutCommand.get() < 0) {
                        break; // the whole run passed before this step: every step has had its cut
                    }
                    if (completed) {
                        assertEquals(XcpCommand.PROGRAM_RESET.code(), cutCommand.get(), "only a cut at PROGRAM_RESET,"
                                + " whose answer is optional, leaves the flash run unaware: " + where);
                    }
                    slave.powerOn();
                    checkRecoverable(slave.bootloader().orElseThrow(), where);
                    current.set(new XcpModbusFunction(slave));
                    reflash(patient, slave, where);
                    step++;
                }
                assertTrue(step > 25, "CONNECT .. PROGRAM_RESET with 22 PROGRAM_MAX packets: " + step + " steps");
            }
            link.close();
        }
    }

    @Test
    void cutAtEveryFlashOperationWithPacketsAcknowledgedOneByOne() throws Exception {
        cutAtEveryFlashOperation(XcpSlaveConfig.modbus(), XcpTransports.MODBUS_MAX_PACKET, false);
    }

    @Test
    void cutAtEveryFlashOperationWithMasterBlocksOnCan() throws Exception {
        cutAtEveryFlashOperation(XcpSlaveConfig.can(), XcpTransports.CAN_MAX_PACKET, true);
    }

    /** Power goes in the middle of an erase or program (torn), at each one of the whole flash in turn. */
    private void cutAtEveryFlashOperation(XcpSlaveConfig config, int maxPacket, boolean blocks) throws Exception {
        XcpSlave counted = deviceInBootloader(config);
        long before = counted.bootloader().orElseThrow().memory().operations();
        FlashSequence.flash(new XcpMaster(new DirectTransport(counted, maxPacket, blocks), QUICK), BASE, NEW);
        long operations = counted.bootloader().orElseThrow().memory().operations() - before;
        assertTrue(operations > 10, "erase and program operations of one flash: " + operations);

        for (long op = 0; op < operations; op++) {
            XcpSlave slave = deviceInBootloader(config);
            Bootloader bootloader = slave.bootloader().orElseThrow();
            bootloader.memory().cutPowerAfter(op);
            XcpMaster master = new XcpMaster(new DirectTransport(slave, maxPacket, blocks), QUICK);
            String where = "torn operation " + op + " of " + operations;
            try {
                FlashSequence.flash(master, BASE, NEW);
                fail("the flash run cannot complete without power: " + where);
            } catch (XcpException expected) {
                assertTrue(!slave.powered(), where);
            }
            slave.powerOn();
            checkRecoverable(bootloader, where);
            reflash(master, slave, where);
        }
    }

    /** In the bootloader with an intact old or new image, or running the new image: never anything else. */
    private static void checkRecoverable(Bootloader bootloader, String where) {
        Bootloader.Image image = bootloader.activeImage().orElseThrow(() -> new AssertionError("no intact image: " + where));
        boolean runsNew = Arrays.equals(NEW, bootloader.readActive(BASE, NEW.length));
        boolean runsOld = Arrays.equals(OLD, bootloader.readActive(BASE, OLD.length));
        assertTrue(runsNew || runsOld, "the intact image is neither the old nor the new one: " + where);
        if (bootloader.mode() == Bootloader.Mode.APPLICATION) {
            assertTrue(runsNew && image.sequence() == 2, "only a committed new image may run: " + where);
        } else {
            assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode(), where);
        }
    }

    /** Flashing again completes, from wherever the cut left the device. */
    private static void reflash(XcpMaster master, XcpSlave slave, String where) throws XcpException {
        Bootloader bootloader = slave.bootloader().orElseThrow();
        if (bootloader.mode() == Bootloader.Mode.APPLICATION) {
            bootloader.requestBootloader();
        }
        FlashSequence.flash(master, BASE, NEW);
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode(), where);
        assertArrayEquals(NEW, bootloader.readActive(BASE, NEW.length), where);
    }
}
