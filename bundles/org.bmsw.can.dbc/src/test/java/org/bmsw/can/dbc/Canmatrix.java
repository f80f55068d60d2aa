package org.bmsw.can.dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.transport.api.CanFrame;

/**
 * canmatrix (Debian python3-canmatrix), a DBC library nobody here wrote, as a reference decoder: runs
 * canmatrix_decode.py with /usr/bin/python3. Shared with profiles' tests through this module's test-jar.
 */
public final class Canmatrix {

    private Canmatrix() {
    }

    /** "<id hex> <x|s> <data hex>", the script's input line for a frame. */
    public static String line(CanFrame frame) {
        return String.format("%X %s %s", frame.id(), frame.extended() ? "x" : "s", HexFormat.of().formatHex(frame.data()));
    }

    /** The physical value of every signal canmatrix finds in each frame, in order. */
    public static List<Map<String, Double>> decode(Path dir, URL dbc, List<String> frames) throws Exception {
        Path dbcFile = dir.resolve("under-test.dbc");
        try (InputStream in = dbc.openStream()) {
            Files.copy(in, dbcFile, StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = dir.resolve("canmatrix_decode.py");
        try (InputStream in = Canmatrix.class.getResourceAsStream("/canmatrix_decode.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
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
        assertEquals(frames.size(), decoded.size(), "canmatrix decoded every frame");
        return decoded;
    }

    /** Same signals, same values (to a billionth). */
    public static void assertSame(String frame, Map<String, Double> ours, Map<String, Double> theirs) {
        assertEquals(theirs.keySet(), ours.keySet(), "signals of " + frame);
        ours.forEach((name, value) -> assertEquals(theirs.get(name), value,
                Math.max(1e-9, Math.abs(value) * 1e-9), name + " of " + frame));
    }

    /** {"id": "...", "signals": {"A": 1.5, ...}}: names are identifiers, values numbers. */
    private static Map<String, Double> parse(String line) {
        assertTrue(line.contains("\"signals\": {"), "canmatrix did not know the frame: " + line);
        String body = line.substring(line.indexOf("\"signals\": {") + 12, line.lastIndexOf("}}"));
        Map<String, Double> values = new LinkedHashMap<>();
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
