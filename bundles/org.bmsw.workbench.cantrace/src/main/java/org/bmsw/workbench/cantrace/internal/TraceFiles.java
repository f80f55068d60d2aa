package org.bmsw.workbench.cantrace.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A trace on disk. The candump log ({@code candump -l}, read by {@code canplayer}, python-can and Wireshark) is one
 * line per frame: {@code (seconds.micros) interface id#data}, 3 hex digits for 11-bit ids, 8 for 29-bit ones,
 * {@code R} for a remote frame. The CSV has the decoded message and signals too. Written through a temporary file, so
 * a failure never leaves half a file under the name.
 */
final class TraceFiles {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private TraceFiles() {
    }

    static void candump(Path file, String interfaceName, List<TracedFrame> frames) throws IOException {
        write(file, out -> {
            for (TracedFrame t : frames) {
                out.write(String.format(Locale.ROOT, "(%d.%06d) %s %s%n", t.time().getEpochSecond(), t.time().getNano() / 1000,
                        interfaceName, candumpFrame(t)));
            }
        });
    }

    static String candumpFrame(TracedFrame t) {
        var f = t.frame();
        String id = f.extended() ? String.format("%08X", f.id()) : String.format("%03X", f.id());
        return id + "#" + (f.remote() ? "R" + (f.length() > 0 ? Integer.toString(f.length()) : "") : HEX.formatHex(f.data()));
    }

    static void csv(Path file, List<TracedFrame> frames, FrameDecoder decoder) throws IOException {
        write(file, out -> {
            out.write("time,direction,id,extended,remote,dlc,data,message,signals\n");
            for (TracedFrame t : frames) {
                var f = t.frame();
                FrameDecoder.Decoded d = decoder.decode(f);
                out.write(String.join(",", t.time().toString(), t.sent() ? "tx" : "rx",
                        f.extended() ? String.format("%08X", f.id()) : String.format("%03X", f.id()), Boolean.toString(f.extended()),
                        Boolean.toString(f.remote()), Integer.toString(f.length()), HEX.formatHex(f.data()), quote(d.message()),
                        quote(d.signals())));
                out.write('\n');
            }
        });
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
