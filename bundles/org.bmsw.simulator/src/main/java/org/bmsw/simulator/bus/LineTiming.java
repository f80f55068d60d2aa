package org.bmsw.simulator.bus;

import java.time.Duration;

/**
 * How the virtual line behaves in time.
 *
 * @param baud              bytes are paced at this rate (a pty delivers at once, a real line does not); 0 = unpaced
 * @param bitsPerCharacter  10 for 8N1, 11 for 8E1
 * @param latency           the device's time to answer after a request
 */
public record LineTiming(int baud, int bitsPerCharacter, Duration latency) {

    public LineTiming {
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be 0 (unpaced) or positive: " + baud);
        }
        if (bitsPerCharacter < 7 || bitsPerCharacter > 12) {
            throw new IllegalArgumentException("bits per character must be 7..12: " + bitsPerCharacter);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }

    public static LineTiming of(int baud) {
        return new LineTiming(baud, 10, Duration.ofMillis(5));
    }
}
