package org.bmsw.firmware.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.bmsw.firmware.FlashListener;
import org.bmsw.firmware.FlashPhase;
import org.bmsw.firmware.FlashProgress;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Flash progress on a terminal: a line at every step and, while programming, at most one a second (and the last
 * block), with bytes, percent, rate and time left; with {@code --json} the same as one JSON object per line.
 */
final class ProgressPrinter implements FlashListener {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean json;
    private FlashPhase lastPhase;
    private long lastLine;

    ProgressPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void progress(FlashProgress p) {
        long now = System.nanoTime();
        boolean step = p.phase() != lastPhase;
        boolean programmed = p.phase() == FlashPhase.PROGRAM && p.bytesDone() == p.bytesTotal() && p.bytesDone() > 0;
        if (!step && !programmed && now - lastLine < INTERVAL_NANOS) {
            return;
        }
        lastPhase = p.phase();
        lastLine = now;
        if (json) {
            ObjectNode line = JsonOutput.object().put("event", "progress").put("phase", p.phase().name())
                    .put("bytesDone", p.bytesDone()).put("bytesTotal", p.bytesTotal())
                    .put("percent", Math.round(p.percent() * 10) / 10.0)
                    .put("bytesPerSecond", Math.round(p.bytesPerSecond()));
            if (p.eta().isPresent()) {
                line.put("etaSeconds", p.eta().get().toMillis() / 1000.0);
            } else {
                line.putNull("etaSeconds");
            }
            line.put("message", p.message());
            out.println(JsonOutput.line(line));
        } else {
            out.println(describe(p));
        }
        out.flush();
    }

    /** "PROGRAM   45.2 %  29622 / 65536 bytes  10.9 kB/s  3 s left". */
    static String describe(FlashProgress p) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s %5.1f %%  %d / %d bytes", p.phase(),
                p.percent(), p.bytesDone(), p.bytesTotal()));
        if (p.bytesPerSecond() > 0) {
            s.append(String.format(Locale.ROOT, "  %.1f kB/s", p.bytesPerSecond() / 1000));
        }
        p.eta().ifPresent(eta -> s.append("  ").append(eta.toSeconds()).append(" s left"));
        if (!p.message().isEmpty()) {
            s.append("  ").append(p.message());
        }
        return s.toString();
    }
}
