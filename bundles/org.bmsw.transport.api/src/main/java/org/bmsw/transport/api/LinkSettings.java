package org.bmsw.transport.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to open a link. Immutable; use the {@code with...} methods to derive variants.
 *
 * @param transport provider id ({@code serial}, {@code tcp}, {@code slcan} ...)
 * @param path      device path, {@code host:port}, or adapter path, depending on the transport
 * @param baud      line rate in bit/s (serial); for CAN links the CAN bit rate
 * @param dataBits  5..8
 * @param parity    parity
 * @param stopBits  stop bits
 * @param openTimeout how long opening (connecting) may take
 * @param options   transport specific options, documented by each provider (e.g. {@code rs485.echo=true})
 */
public record LinkSettings(String transport, String path, int baud, int dataBits, Parity parity, StopBits stopBits,
                           Duration openTimeout, Map<String, String> options) {

    public static final int DEFAULT_BAUD = 9600;

    public LinkSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(path, "path");
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5..8: " + dataBits);
        }
        parity = parity == null ? Parity.NONE : parity;
        stopBits = stopBits == null ? StopBits.ONE : stopBits;
        openTimeout = openTimeout == null ? Duration.ofSeconds(3) : openTimeout;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** 8N1 at the given baud, no options. */
    public static LinkSettings of(String transport, String path, int baud) {
        return new LinkSettings(transport, path, baud, 8, Parity.NONE, StopBits.ONE, null, Map.of());
    }

    public LinkSettings withBaud(int newBaud) {
        return new LinkSettings(transport, path, newBaud, dataBits, parity, stopBits, openTimeout, options);
    }

    public LinkSettings withFraming(int newDataBits, Parity newParity, StopBits newStopBits) {
        return new LinkSettings(transport, path, baud, newDataBits, newParity, newStopBits, openTimeout, options);
    }

    public LinkSettings withOption(String key, String value) {
        var copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return new LinkSettings(transport, path, baud, dataBits, parity, stopBits, openTimeout, copy);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(options.getOrDefault(key, "false"));
    }

    /** Bits on the wire per character: start + data + parity + stop. */
    public int bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits.wholeBits();
    }

    /** Time one character takes on the wire, in nanoseconds. */
    public long characterTimeNanos() {
        return Math.round(bitsPerCharacter() * 1_000_000_000.0 / baud);
    }

    /** "serial:/dev/ttyUSB0@9600 8N1" */
    public String describe() {
        return transport + ":" + path + "@" + baud + " " + dataBits + parity.letter() + stopBits.label();
    }

    public enum Parity {
        NONE('N'), EVEN('E'), ODD('O'), MARK('M'), SPACE('S');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        public static Parity fromLetter(char c) {
            for (Parity p : values()) {
                if (p.letter == Character.toUpperCase(c)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown parity '" + c + "' (use N, E, O, M or S)");
        }
    }

    public enum StopBits {
        ONE("1", 1), ONE_POINT_FIVE("1.5", 2), TWO("2", 2);

        private final String label;
        private final int wholeBits;

        StopBits(String label, int wholeBits) {
            this.label = label;
            this.wholeBits = wholeBits;
        }

        public String label() {
            return label;
        }

        int wholeBits() {
            return wholeBits;
        }
    }
}
