package org.bmsw.protocol.xcp.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.junit.jupiter.api.Test;

/** The NOR flash model and the flash map. */
class FlashTest {

    @Test
    void programmingOnlyClearsBitsAndEraseSetsThemAgain() {
        FlashMemory flash = new FlashMemory(16, 16);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, flash.read(0, 2));
        assertTrue(flash.program(0, new byte[] {0x0F, 0x55}, 0, 2));
        assertTrue(flash.program(0, new byte[] {0x0F, 0x55}, 0, 2), "the same bytes again change nothing");
        assertTrue(flash.program(0, new byte[] {0x05}, 0, 1), "clearing more bits is allowed");
        assertFalse(flash.program(1, new byte[] {(byte) 0xFF}, 0, 1), "a 0 cannot become 1 without an erase");
        assertArrayEquals(new byte[] {0x05, 0x55}, flash.read(0, 2));
        flash.erase(0);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, flash.read(0, 2));
        assertEquals(4, flash.operations(), "three programs and an erase; refused programs are no operation");
    }

    @Test
    void aPlannedCutTearsTheOperationAndKeepsThePowerOff() {
        FlashMemory flash = new FlashMemory(8, 8);
        flash.program(0, new byte[8], 0, 8);
        flash.cutPowerAfter(1);
        flash.program(8, new byte[] {1, 1, 1, 1}, 0, 4);
        PowerLostException erase = assertThrows(PowerLostException.class, () -> flash.erase(0));
        assertTrue(erase.getMessage().contains("erasing sector 0"), erase.getMessage());
        assertArrayEquals(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}, flash.read(0, 8), "half erased");
        assertFalse(flash.powered());
        assertThrows(PowerLostException.class, () -> flash.program(12, new byte[] {0}, 0, 1));
        flash.powerOn();
        flash.cutPowerAfter(0);
        assertThrows(PowerLostException.class, () -> flash.program(12, new byte[] {0, 0, 0, 0}, 0, 4));
        assertArrayEquals(new byte[] {0, 0, -1, -1}, flash.read(12, 4), "half programmed");
    }

    @Test
    void contentsRebuildTheSameFlash() {
        FlashMemory flash = new FlashMemory(4, 4);
        flash.program(2, new byte[] {1, 2, 3}, 0, 3);
        FlashMemory copy = new FlashMemory(flash.sectorSizes(), flash.contents());
        assertArrayEquals(flash.contents(), copy.contents());
        assertThrows(IllegalArgumentException.class, () -> new FlashMemory(new int[] {4}, new byte[5]));
    }

    @Test
    void aFlashMapIsSortedRejectsOverlapsAndJoinsRegions() {
        FlashMap map = new FlashMap(List.of(new FlashSector(0x2000, 0x1000), new FlashSector(0x1000, 0x1000),
                new FlashSector(0x8000, 0x100)));
        assertEquals(0x1000, map.sectors().get(0).address());
        assertEquals(List.of(new FlashRegion(0x1000, 0x2000), new FlashRegion(0x8000, 0x100)), map.regions());
        assertTrue(map.covers(0x1800, 0x1000));
        assertFalse(map.covers(0x2800, 0x1000), "runs into the gap after 0x3000");
        assertEquals(-1, map.sectorAt(0x3000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FlashMap(List.of(
                new FlashSector(0, 0x100), new FlashSector(0x80, 0x100))));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }
}
