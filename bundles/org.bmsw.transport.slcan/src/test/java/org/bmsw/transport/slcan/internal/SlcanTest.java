package org.bmsw.transport.slcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;

class SlcanTest {

    @Test
    void formatsEveryKindOfFrame() {
        assertEquals("t1232DEAD", Slcan.format(CanFrame.data(0x123, false, (byte) 0xDE, (byte) 0xAD)));
        assertEquals("T18FF50E510F", Slcan.format(CanFrame.data(0x18FF50E5, true, (byte) 0x0F)));
        assertEquals("r7FF2", Slcan.format(CanFrame.remote(0x7FF, false, 2)));
        assertEquals("R000000018", Slcan.format(CanFrame.remote(1, true, 8)));
        assertEquals("t0000", Slcan.format(CanFrame.data(0, false)));
    }

    @Test
    void parsesFramesWithAndWithoutTimestamps() {
        assertEquals(CanFrame.data(0x123, false, (byte) 0xDE, (byte) 0xAD), Slcan.parse("t1232DEAD", 1));
        assertEquals(CanFrame.data(0x123, false, (byte) 0xDE, (byte) 0xAD), Slcan.parse("t1232dead1A2B", 1));
        assertEquals(CanFrame.data(0x18FF50E5, true, (byte) 0x0F), Slcan.parse("T18FF50E510F", 1));
        assertEquals(CanFrame.remote(0x7FF, false, 2), Slcan.parse("r7FF2", 1));
        assertEquals(CanFrame.remote(1, true, 8), Slcan.parse("R000000018EA60", 1));
        assertEquals(42, Slcan.parse("t0000", 42).timestampNanos());
    }

    @Test
    void refusesMalformedLines() {
        for (String bad : new String[] {"", "x123", "t12", "t1239", "t1232DE", "t1232DEADBEEF00", "T2FFFFFFF0",
                "t8001FF", "t12G1FF", "r1232FF"}) {
            assertThrows(IllegalArgumentException.class, () -> Slcan.parse(bad, 0), bad);
        }
    }

    @Test
    void bitRatesMapToTheLawicelCodes() {
        assertEquals('0', Slcan.BITRATES.get(10_000));
        assertEquals('4', Slcan.BITRATES.get(125_000));
        assertEquals('6', Slcan.BITRATES.get(500_000));
        assertEquals('7', Slcan.BITRATES.get(800_000));
        assertEquals('8', Slcan.BITRATES.get(1_000_000));
        assertEquals(9, Slcan.BITRATES.size());
    }
}
