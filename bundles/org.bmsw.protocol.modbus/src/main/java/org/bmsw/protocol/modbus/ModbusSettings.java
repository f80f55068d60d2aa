package org.bmsw.protocol.modbus;

import java.time.Duration;
import java.util.Objects;

import org.bmsw.transport.api.LinkSettings;

/**
 * Timing and retry policy of a {@link ModbusRtuMaster}. Immutable; derive variants with the {@code with...} methods.
 *
 * @param responseTimeout     how long to wait for the first byte of a reply, counted from the estimated end of the
 *                            request on the wire (default 1000 ms)
 * @param interByteTimeout    how long a reply may pause once it has started before it counts as truncated;
 *                            {@code null} = automatic: the larger of 50 ms and 16 character times (USB adapters deliver
 *                            bytes in bursts, so the spec's 1.5 characters cannot be kept on a PC)
 * @param retries             how often a request is repeated after a timeout or a garbled reply (default 2);
 *                            exception responses are never retried
 * @param broadcastTurnaround how long the bus is left quiet after a broadcast write (default 100 ms)
 * @param maxReadRegisters    registers per request when a range read is split (1..125, default 125)
 * @param silence             the idle time kept before each request; {@code null} = 3.5 characters from the link
 *                            settings, 1.75 ms above 19200 baud, as the Modbus serial line spec says
 */
public record ModbusSettings(Duration responseTimeout, Duration interByteTimeout, int retries,
                             Duration broadcastTurnaround, int maxReadRegisters, Duration silence) {

    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMillis(1000);
    public static final int DEFAULT_RETRIES = 2;
    public static final Duration DEFAULT_BROADCAST_TURNAROUND = Duration.ofMillis(100);
    private static final long MIN_AUTO_INTER_BYTE_NANOS = 50_000_000L;

    public ModbusSettings {
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("response timeout must be positive: " + responseTimeout);
        }
        if (interByteTimeout != null && (interByteTimeout.isNegative() || interByteTimeout.isZero())) {
            throw new IllegalArgumentException("inter-byte timeout must be positive: " + interByteTimeout);
        }
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be 0..100: " + retries);
        }
        broadcastTurnaround = broadcastTurnaround == null ? DEFAULT_BROADCAST_TURNAROUND : broadcastTurnaround;
        if (broadcastTurnaround.isNegative()) {
            throw new IllegalArgumentException("broadcast turnaround must not be negative: " + broadcastTurnaround);
        }
        if (maxReadRegisters < 1 || maxReadRegisters > FunctionCodes.MAX_READ_REGISTERS) {
            throw new IllegalArgumentException("registers per read must be 1..125: " + maxReadRegisters);
        }
        if (silence != null && silence.isNegative()) {
            throw new IllegalArgumentException("silence must not be negative: " + silence);
        }
    }

    /** 1000 ms response timeout, automatic inter-byte timeout, 2 retries, 100 ms broadcast turnaround, 125 registers. */
    public static ModbusSettings defaults() {
        return new ModbusSettings(DEFAULT_RESPONSE_TIMEOUT, null, DEFAULT_RETRIES, DEFAULT_BROADCAST_TURNAROUND,
                FunctionCodes.MAX_READ_REGISTERS, null);
    }

    public ModbusSettings withResponseTimeout(Duration timeout) {
        return new ModbusSettings(timeout, interByteTimeout, retries, broadcastTurnaround, maxReadRegisters, silence);
    }

    public ModbusSettings withInterByteTimeout(Duration timeout) {
        return new ModbusSettings(responseTimeout, timeout, retries, broadcastTurnaround, maxReadRegisters, silence);
    }

    public ModbusSettings withRetries(int count) {
        return new ModbusSettings(responseTimeout, interByteTimeout, count, broadcastTurnaround, maxReadRegisters, silence);
    }

    public ModbusSettings withBroadcastTurnaround(Duration turnaround) {
        return new ModbusSettings(responseTimeout, interByteTimeout, retries, turnaround, maxReadRegisters, silence);
    }

    public ModbusSettings withMaxReadRegisters(int count) {
        return new ModbusSettings(responseTimeout, interByteTimeout, retries, broadcastTurnaround, count, silence);
    }

    public ModbusSettings withSilence(Duration idle) {
        return new ModbusSettings(responseTimeout, interByteTimeout, retries, broadcastTurnaround, maxReadRegisters, idle);
    }

    /** The 3.5-character idle time of the Modbus serial line spec: fixed 1.75 ms above 19200 baud. */
    public static long frameSilenceNanos(LinkSettings link) {
        if (link.baud() > 19200) {
            return 1_750_000L;
        }
        return Math.round(link.characterTimeNanos() * 3.5);
    }

    /** The silence this master keeps before a request on {@code link}. */
    public long silenceNanos(LinkSettings link) {
        return silence != null ? silence.toNanos() : frameSilenceNanos(link);
    }

    /** The inter-byte timeout in effect on {@code link}. */
    public long interByteTimeoutNanos(LinkSettings link) {
        return interByteTimeout != null ? interByteTimeout.toNanos()
                : Math.max(MIN_AUTO_INTER_BYTE_NANOS, 16 * link.characterTimeNanos());
    }
}
