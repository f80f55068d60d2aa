package org.bmsw.protocol.modbus;

import java.util.Arrays;

/**
 * CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial value 0xFFFF, no final XOR. On the wire the low byte
 * comes first: {@code 01 03 00 00 00 0A} is followed by {@code C5 CD}.
 */
public final class ModbusCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private ModbusCrc() {
    }

    /** The CRC of {@code length} bytes from {@code offset}, as a 16-bit value (wire order: low byte first). */
    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** A copy of {@code frame} with its CRC appended (low byte first). */
    public static byte[] append(byte[] frame) {
        byte[] out = Arrays.copyOf(frame, frame.length + 2);
        int crc = compute(frame, 0, frame.length);
        out[frame.length] = (byte) crc;
        out[frame.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** True if the last two of {@code length} bytes from {@code offset} are the CRC of the bytes before them. */
    public static boolean check(byte[] adu, int offset, int length) {
        if (length < 3) {
            return false;
        }
        int crc = compute(adu, offset, length - 2);
        return (adu[offset + length - 2] & 0xFF) == (crc & 0xFF) && (adu[offset + length - 1] & 0xFF) == (crc >>> 8);
    }

    public static boolean check(byte[] adu) {
        return check(adu, 0, adu.length);
    }
}
