package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.can.dbc.Canmatrix;
import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped DBC in a third-party tool: canmatrix (Debian python3-canmatrix) loads it and decodes the frames the
 * simulator broadcast over slcan for a 160-cell cascade to the same signals and values as our decoder.
 */
class CanmatrixJdiTest {

    @TempDir
    Path dir;

    @Test
    void canmatrixDecodesTheSimulatorsFramesLikeOurDecoder() throws Exception {
        Dbc dbc = JdiFixtures.dbc();
        List<CanFrame> frames = new ArrayList<>();
        try (SlcanBus bus = new SlcanBus(dir);
             SimulatedCanDevice device = new SimulatedCanDevice(JdiFixtures.canProfile(),
                     JdiFixtures.battery(JdiFixtures.PACKS.get(3)), bus.device, "2-1-0")) {
            long end = System.nanoTime() + 1_300_000_000L;
            while (System.nanoTime() < end) {
                CanFrame frame = bus.host.receive(100_000_000L);
                if (frame != null) {
                    frames.add(frame);
                }
            }
        }
        List<String> lines = frames.stream().map(Canmatrix::line).toList();
        List<Map<String, Double>> theirs = Canmatrix.decode(dir, JdiData.dbc(), lines);
        Set<String> messages = new HashSet<>();
        Set<Double> cellPages = new HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            CanFrame frame = frames.get(i);
            DbcMessage message = dbc.message(frame.id(), frame.extended()).orElseThrow();
            Map<String, Double> ours = message.decode(frame.data());
            Canmatrix.assertSame(lines.get(i), ours, theirs.get(i));
            messages.add(message.name());
            if (message.name().equals("BMS_CellVoltages")) {
                cellPages.add(ours.get("CellPage"));
            }
        }
        assertEquals(dbc.messages().size(), messages.size(), "every message of the DBC was broadcast: " + messages);
        assertEquals(54, cellPages.size(), "160 cells in pages of three");
        assertTrue(frames.size() > 100, frames.size() + " frames");
    }
}
