package org.bmsw.protocol.xcp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an {@link XcpMaster} waits for each kind of command, named as OpenBLT names them.
 *
 * @param t1 ordinary commands (CONNECT after the first attempts aside): SET_MTA, UPLOAD, GET_STATUS, ...
 * @param t3 PROGRAM_START
 * @param t4 PROGRAM_CLEAR (an erase can take seconds)
 * @param t5 PROGRAM, PROGRAM_MAX, PROGRAM_NEXT and PROGRAM_RESET
 * @param t6 each CONNECT attempt
 * @param t7 the wait before repeating a command the slave answered with ERR_CMD_BUSY
 * @param connectAttempts how many CONNECTs are sent before giving up (OpenBLT: 5)
 * @param retries how often a command is repeated after a timeout or a garbled reply, where XCP allows it
 *                (commands that move the memory pointer are repeated after a fresh SET_MTA)
 */
public record XcpTimeouts(Duration t1, Duration t3, Duration t4, Duration t5, Duration t6, Duration t7,
                          int connectAttempts, int retries) {

    public XcpTimeouts {
        for (Duration d : new Duration[] {t1, t3, t4, t5, t6, t7}) {
            Objects.requireNonNull(d, "timeouts must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
        if (connectAttempts < 1 || connectAttempts > 1000) {
            throw new IllegalArgumentException("connect attempts must be 1..1000: " + connectAttempts);
        }
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be 0..100: " + retries);
        }
    }

    /** OpenBLT's defaults: T1 1 s, T3 2 s, T4 10 s, T5 1 s, T6 50 ms, T7 2 s; 5 connect attempts; 2 retries. */
    public static XcpTimeouts openBlt() {
        return new XcpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(2), 5, 2);
    }

    public XcpTimeouts withConnect(Duration t6Each, int attempts) {
        return new XcpTimeouts(t1, t3, t4, t5, t6Each, t7, attempts, retries);
    }

    public XcpTimeouts withRetries(int count) {
        return new XcpTimeouts(t1, t3, t4, t5, t6, t7, connectAttempts, count);
    }

    /** Every timeout scaled by {@code factor} (slow links, debugging); attempts and retries unchanged. */
    public XcpTimeouts scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be positive: " + factor);
        }
        return new XcpTimeouts(scale(t1, factor), scale(t3, factor), scale(t4, factor), scale(t5, factor),
                scale(t6, factor), scale(t7, factor), connectAttempts, retries);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.max(1, Math.round(d.toNanos() * factor)));
    }
}
