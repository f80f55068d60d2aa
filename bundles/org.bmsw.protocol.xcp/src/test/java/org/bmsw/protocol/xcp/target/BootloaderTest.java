package org.bmsw.protocol.xcp.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import org.bmsw.protocol.xcp.XcpError;
import org.junit.jupiter.api.Test;

/** The A/B bootloader's promises, step by step. */
class BootloaderTest {

    private static final FlashMap MAP = FlashMap.uniform(0x1000, 256, 4);

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aBlankDeviceWaitsInItsBootloader() {
        Bootloader bootloader = new Bootloader(MAP);
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode());
        assertTrue(bootloader.activeImage().isEmpty());
        bootloader.reset();
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode(), "nothing to run");
    }

    @Test
    void anInstalledImageRunsAndAnUpdateGoesToTheOtherBank() throws XcpRefusal {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1000L, filled(300, 0x11)));
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertEquals(0, bootloader.activeImage().orElseThrow().bank());

        bootloader.requestBootloader();
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode());
        bootloader.clear(0x1000, 1024);
        bootloader.program(0x1000, filled(100, 0x22), 0, 100);
        assertArrayEquals(filled(100, 0x22), bootloader.read(0x1000, 100), "reads see what this update wrote");
        assertArrayEquals(filled(300, 0x11), bootloader.readActive(0x1000, 300), "the old image is untouched");

        bootloader.commit();
        assertEquals(1, bootloader.activeImage().orElseThrow().bank());
        assertEquals(2, bootloader.activeImage().orElseThrow().sequence());
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode(), "until PROGRAM_RESET");
        bootloader.reset();
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertArrayEquals(filled(100, 0x22), bootloader.readActive(0x1000, 100));
    }

    @Test
    void aResetWithoutCommitAbandonsTheUpdateAndRunsTheOldImage() throws XcpRefusal {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1000L, filled(50, 0x11)));
        bootloader.requestBootloader();
        bootloader.clear(0x1000, 256);
        bootloader.powerCut();
        bootloader.powerOn();
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode(), "a power cut mid-update stays in the bootloader");
        bootloader.reset();
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode(), "an explicit reset goes back to the old image");
        assertArrayEquals(filled(50, 0x11), bootloader.readActive(0x1000, 50));
    }

    @Test
    void aBankWhoseContentsNoLongerMatchItsRecordIsNotRun() {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1000L, filled(10, 0x11)));
        bootloader.requestBootloader();
        bootloader.install(Map.of(0x1000L, filled(10, 0x22)));
        assertEquals(1, bootloader.activeImage().orElseThrow().bank());
        // a bit of bank 1 flips (bank 1 starts after bank 0's four sectors)
        bootloader.memory().program(4 * 256 + 500, new byte[] {0x7F}, 0, 1);
        bootloader.powerCut();
        bootloader.powerOn();
        assertEquals(0, bootloader.activeImage().orElseThrow().bank(), "the older intact image runs");
        assertArrayEquals(filled(10, 0x11), bootloader.readActive(0x1000, 10));
    }

    @Test
    void addressesOutsideTheMapAreRefused() {
        Bootloader bootloader = new Bootloader(MAP);
        XcpRefusal e = assertThrows(XcpRefusal.class, () -> bootloader.clear(0x1000 + 1000, 100));
        assertEquals(XcpError.OUT_OF_RANGE, e.error());
        assertThrows(XcpRefusal.class, () -> bootloader.program(0x0FFF, new byte[2], 0, 2));
    }

    @Test
    void programmingWithoutEraseIsRefused() throws XcpRefusal {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1000L, filled(10, 0x00)));
        bootloader.requestBootloader();
        bootloader.install(Map.of(0x1000L, filled(10, 0x00)));
        bootloader.requestBootloader();
        // the staging bank (0) still holds the first image: zeros cannot become 0xFF without an erase
        XcpRefusal e = assertThrows(XcpRefusal.class, () -> bootloader.program(0x1000, filled(4, 0xFF), 0, 4));
        assertEquals(XcpError.GENERIC, e.error());
        assertTrue(e.getMessage().contains("not erased"), e.getMessage());
    }

    @Test
    void aRestoredFlashBootsTheSame() {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(0x1100L, filled(20, 0x33)));
        Bootloader again = Bootloader.restore(MAP, bootloader.memory().contents());
        assertEquals(bootloader.activeImage(), again.activeImage());
        assertEquals(Bootloader.Mode.APPLICATION, again.mode());
        assertArrayEquals(filled(20, 0x33), again.readActive(0x1100, 20));
    }
}
