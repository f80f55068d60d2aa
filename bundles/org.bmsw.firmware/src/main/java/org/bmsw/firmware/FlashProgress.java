package org.bmsw.firmware;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a flash stands.
 *
 * @param phase          the step under way
 * @param bytesDone      image bytes programmed and acknowledged so far
 * @param bytesTotal     image bytes to program
 * @param bytesPerSecond programming rate so far (0 before the first block)
 * @param eta            time left for programming at that rate; empty before it is known
 * @param message        what is happening, in words
 */
public record FlashProgress(FlashPhase phase, long bytesDone, long bytesTotal, double bytesPerSecond,
                            Optional<Duration> eta, String message) {

    /** 0..100 of the bytes to program. */
    public double percent() {
        return bytesTotal == 0 ? 100.0 : 100.0 * bytesDone / bytesTotal;
    }

    /** "PROGRAM 45.2 % (29622 / 65536 bytes, 10.9 kB/s, 3 s left)" */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format("%s %.1f %% (%d / %d bytes", phase, percent(), bytesDone, bytesTotal));
        if (bytesPerSecond > 0) {
            s.append(String.format(", %.1f kB/s", bytesPerSecond / 1000));
        }
        eta.ifPresent(d -> s.append(", ").append(d.toSeconds()).append(" s left"));
        return s.append(")").append(message.isEmpty() ? "" : ": " + message).toString();
    }
}
