package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;

/** The benchmark's CAN bus charges frames their real length and delivers them when their last bit is sent. */
class PacedCanBusTest {

    @Test
    void frameLengthsStayWithinWhatCanAllows() {
        // 34 dominant bits from SOF to the end of the CRC: a stuff bit after every fifth
        assertEquals(34 + 6 + 13, PacedCanBus.bits(CanFrame.data(0, false)));
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] data = new byte[8];
            random.nextBytes(data);
            int bits = PacedCanBus.bits(CanFrame.data(random.nextInt(0x800), false, data));
            // 111 bits unstuffed; at most floor((34 + 64 - 1) / 4) = 24 stuff bits
            assertTrue(bits >= 111 && bits <= 135, "8-byte standard frame of " + bits + " bits");
            int ext = PacedCanBus.bits(CanFrame.data(random.nextInt(0x2000_0000), true, data));
            assertTrue(ext >= 131 && ext <= 160, "8-byte extended frame of " + ext + " bits");
        }
    }

    @Test
    void framesArriveAfterTheirWireTime() throws Exception {
        PacedCanBus bus = new PacedCanBus(125_000);
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            bus.a.send(CanFrame.data(0x100, false, new byte[8]));
        }
        for (int i = 0; i < 50; i++) {
            assertNotNull(bus.b.receive(1_000_000_000L));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double wire = 50 * PacedCanBus.bits(CanFrame.data(0x100, false, new byte[8])) / 125_000.0;
        assertTrue(seconds >= wire && seconds < wire + 0.5, "50 frames took " + seconds + " s, the wire " + wire + " s");
    }
}
