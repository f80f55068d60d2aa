package org.bmsw.transport.slcan.internal;

import java.util.HexFormat;
import java.util.Map;

import org.bmsw.transport.api.CanFrame;

/** The Lawicel ASCII protocol: bit rate codes, frame lines and replies. */
final class Slcan {

    static final byte CR = '\r';
    static final byte BELL = 0x07;

    /** CAN bit rate to the digit of the {@code Sn} command. */
    static final Map<Integer, Character> BITRATES = Map.of(10_000, '0', 20_000, '1', 50_000, '2', 100_000, '3',
            125_000, '4', 250_000, '5', 500_000, '6', 800_000, '7', 1_000_000, '8');

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Slcan() {
    }

    /** {@code tiiiLdd..}, {@code Tiiiiiiii Ldd..}, {@code riiiL}, {@code RiiiiiiiiL}, without the CR. */
    static String format(CanFrame frame) {
        StringBuilder line = new StringBuilder(27);
        char kind = frame.remote() ? 'r' : 't';
        line.append(frame.extended() ? Character.toUpperCase(kind) : kind);
        line.append(frame.extended() ? String.format("%08X", frame.id()) : String.format("%03X", frame.id()));
        line.append((char) ('0' + frame.length()));
        if (!frame.remote()) {
            line.append(HEX.formatHex(frame.data()));
        }
        return line.toString();
    }

    /**
     * Parses a received frame line (without CR). Adapters with timestamps on (Z1) append four hex digits
     * of milliseconds, which are dropped: the receive time is taken from our clock.
     *
     * @throws IllegalArgumentException if the line is not a frame
     */
    static CanFrame parse(String line, long receivedNanos) {
        char kind = line.isEmpty() ? '?' : line.charAt(0);
        boolean extended = kind == 'T' || kind == 'R';
        boolean remote = kind == 'r' || kind == 'R';
        if (kind != 't' && kind != 'T' && !remote) {
            throw new IllegalArgumentException("not a frame: " + line);
        }
        int idEnd = extended ? 9 : 4;
        if (line.length() <= idEnd) {
            throw new IllegalArgumentException("frame line too short: " + line);
        }
        int id = Integer.parseUnsignedInt(line, 1, idEnd, 16);
        int length = Character.digit(line.charAt(idEnd), 10);
        if (length < 0 || length > 8) {
            throw new IllegalArgumentException("bad data length in " + line);
        }
        int dataEnd = idEnd + 1 + (remote ? 0 : 2 * length);
        int rest = line.length() - dataEnd;
        if (rest != 0 && rest != 4) {
            throw new IllegalArgumentException("frame line of wrong length: " + line);
        }
        byte[] data = remote ? null : HEX.parseHex(line, idEnd + 1, dataEnd);
        return new CanFrame(id, extended, remote, length, data, receivedNanos);
    }
}
