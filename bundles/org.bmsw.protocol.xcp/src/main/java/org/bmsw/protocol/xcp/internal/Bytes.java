package org.bmsw.protocol.xcp.internal;

import java.util.HexFormat;

/** Multi-byte values in the slave's byte order, and hex for messages. */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private static final int HEX_LIMIT = 16;

    private Bytes() {
    }

    public static void put32(byte[] b, int at, long value, boolean littleEndian) {
        for (int i = 0; i < 4; i++) {
            b[at + (littleEndian ? i : 3 - i)] = (byte) (value >>> (8 * i));
        }
    }

    public static void put16(byte[] b, int at, int value, boolean littleEndian) {
        b[at + (littleEndian ? 0 : 1)] = (byte) value;
        b[at + (littleEndian ? 1 : 0)] = (byte) (value >>> 8);
    }

    public static long u32(byte[] b, int at, boolean littleEndian) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (b[at + (littleEndian ? i : 3 - i)] & 0xFF) << (8 * i);
        }
        return v;
    }

    public static int u16(byte[] b, int at, boolean littleEndian) {
        return littleEndian ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** "FE 22", at most 16 bytes then "... (n bytes)". */
    public static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }

    public static String hex(byte[] b, int offset, int length) {
        if (length <= HEX_LIMIT) {
            return HEX.formatHex(b, offset, offset + length);
        }
        return HEX.formatHex(b, offset, offset + HEX_LIMIT) + " ... (" + length + " bytes)";
    }
}
