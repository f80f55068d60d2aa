package org.bmsw.transport.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A classic CAN 2.0 frame.
 *
 * @param id        11-bit (standard) or 29-bit (extended) identifier
 * @param extended  29-bit identifier
 * @param remote    remote transmission request (no data, only a length)
 * @param length    data length code 0..8
 * @param data      payload, {@code length} bytes (empty for RTR)
 * @param timestampNanos receive time from {@link System#nanoTime()}, 0 for frames to send
 */
public record CanFrame(int id, boolean extended, boolean remote, int length, byte[] data, long timestampNanos) {

    public static final int MAX_STANDARD_ID = 0x7FF;
    public static final int MAX_EXTENDED_ID = 0x1FFF_FFFF;

    public CanFrame {
        if (id < 0 || id > (extended ? MAX_EXTENDED_ID : MAX_STANDARD_ID)) {
            throw new IllegalArgumentException(String.format("CAN id 0x%X out of range for a %s frame", id,
                    extended ? "29-bit" : "11-bit"));
        }
        if (length < 0 || length > 8) {
            throw new IllegalArgumentException("CAN data length must be 0..8: " + length);
        }
        data = remote ? new byte[0] : Arrays.copyOf(data == null ? new byte[0] : data, length);
        if (!remote && data.length != length) {
            throw new IllegalArgumentException("data length " + data.length + " != DLC " + length);
        }
    }

    public static CanFrame data(int id, boolean extended, byte... payload) {
        return new CanFrame(id, extended, false, payload.length, payload, 0);
    }

    public static CanFrame remote(int id, boolean extended, int length) {
        return new CanFrame(id, extended, true, length, null, 0);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public CanFrame receivedAt(long nanos) {
        return new CanFrame(id, extended, remote, length, data, nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanFrame f && f.id == id && f.extended == extended && f.remote == remote
                && f.length == length && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return (id * 31 + length) * 31 + Arrays.hashCode(data) + (extended ? 1 : 0) + (remote ? 2 : 0);
    }

    /** "18FF50E5x [8] 01 02 ..." in the style of candump. */
    @Override
    public String toString() {
        String ident = extended ? String.format("%08X", id) : String.format("%03X", id);
        return ident + (remote ? " R" : "") + " [" + length + "] " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data);
    }
}
