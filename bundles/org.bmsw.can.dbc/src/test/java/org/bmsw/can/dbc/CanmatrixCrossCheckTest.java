package org.bmsw.can.dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
        List<Map<String, Double>> theirs = CanmatrixDecoder.decode(dir, DbcParserTest.class.getResource("/sample.dbc"), lines);
        assertEquals(ours.size(), theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSame(lines.get(i), ours.get(i), theirs.get(i));
        }
    }

    static void assertSame(String frame, Map<String, Double> ours, Map<String, Double> theirs) {
        assertEquals(theirs.keySet(), ours.keySet(), "signals of " + frame);
        ours.forEach((name, value) -> assertEquals(theirs.get(name), value,
                Math.max(1e-9, Math.abs(value) * 1e-9), name + " of " + frame));
    }

    /** Runs canmatrix_decode.py with Debian's python3. */
    static final class CanmatrixDecoder {
        private CanmatrixDecoder() {
        }

        static List<Map<String, Double>> decode(Path dir, java.net.URL dbc, List<String> frames) throws Exception {
            Path dbcFile = dir.resolve("under-test.dbc");
            try (InputStream in = dbc.openStream()) {
                Files.copy(in, dbcFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path script = dir.resolve("canmatrix_decode.py");
            try (InputStream in = CanmatrixCrossCheckTest.class.getResourceAsStream("/canmatrix_decode.py")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path input = dir.resolve("frames.txt");
            Files.write(input, frames);
            Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), dbcFile.toString(), input.toString())
                    .redirectError(dir.resolve("canmatrix.err").toFile()).start();
            String output = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            assertEquals(0, exit, "canmatrix failed (is python3-canmatrix installed?): "
                    + Files.readString(dir.resolve("canmatrix.err")));
            List<Map<String, Double>> decoded = new ArrayList<>();
            for (String line : output.lines().toList()) {
                decoded.add(parse(line));
            }
            return decoded;
        }

        /** {"id": "...", "signals": {"A": 1.5, ...}} without a JSON library: names are identifiers, values numbers. */
        private static Map<String, Double> parse(String line) throws IOException {
            assertTrue(line.contains("\"signals\": {"), "canmatrix did not know the frame: " + line);
            String body = line.substring(line.indexOf("\"signals\": {") + 12, line.lastIndexOf("}}"));
            Map<String, Double> values = new java.util.LinkedHashMap<>();
            if (body.isBlank()) {
                return values;
            }
            for (String pair : body.split(", ")) {
                String[] kv = pair.split(": ");
                values.put(kv[0].replace("\"", ""), Double.valueOf(kv[1]));
            }
            return values;
        }
    }
}
