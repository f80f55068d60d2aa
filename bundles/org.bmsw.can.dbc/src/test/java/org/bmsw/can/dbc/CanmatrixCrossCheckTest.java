package org.bmsw.can.dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our decoder against canmatrix (Debian python3-canmatrix), a DBC library nobody here wrote: random frames of
 * every message of a DBC that uses both byte orders, signed and float signals, odd lengths and offsets, and
 * simple and extended multiplexing must decode to the same signals with the same values.
 */
class CanmatrixCrossCheckTest {

    @TempDir
    Path dir;

    @Test
    void randomFramesDecodeAlikeInBothTools() throws Exception {
        Dbc dbc = DbcParserTest.sample();
        Random random = new Random(20240326);
        List<String> lines = new ArrayList<>();
        List<Map<String, Double>> ours = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            DbcMessage message = dbc.messages().get(i % dbc.messages().size());
            byte[] data = new byte[message.length()];
            random.nextBytes(data);
            if (message.name().equals("Floats")) {
                // finite floats only: NaN never equals NaN
                message.signal("F32").orElseThrow().encodeRaw(data, Float.floatToIntBits((float) random.nextGaussian() * 1e6f));
                message.signal("Half").orElseThrow().encodeRaw(data, Float.floatToIntBits((float) random.nextGaussian()));
            }
            if (message.name().equals("Mux")) {
                data[0] = (byte) random.nextInt(3); // pages 0 and 1, and a page with no signals
            }
            lines.add(String.format("%X %s %s", message.id(), message.extended() ? "x" : "s",
                    HexFormat.of().formatHex(data)));
            ours.add(message.decode(data));
        }
        List<Map<String, Double>> theirs = Canmatrix.decode(dir, DbcParserTest.class.getResource("/sample.dbc"), lines);
        assertEquals(ours.size(), theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSame(lines.get(i), ours.get(i), theirs.get(i));
        }
    }

    static void assertSame(String frame, Map<String, Double> ours, Map<String, Double> theirs) {
        Canmatrix.assertSame(frame, ours, theirs);
    }
}
