package org.bmsw.protocol.modbus;

import java.util.HexFormat;

/**
 * Frames built independently of the code under test: a bit-by-bit CRC (the main code uses a table) and explicit
 * byte layouts.
 */
final class TestFrames {

    private TestFrames() {
    }

    static int bitwiseCrc(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                boolean lsb = (crc & 1) != 0;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    /** The bytes followed by their CRC, low byte first. */
    static byte[] withCrc(int... bytes) {
        byte[] out = new byte[bytes.length + 2];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        int crc = bitwiseCrc(out, bytes.length);
        out[bytes.length] = (byte) crc;
        out[bytes.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    /** FC 03/04 reply carrying {@code values}. */
    static byte[] readReply(int unit, int fc, int... values) {
        int[] f = new int[3 + 2 * values.length];
        f[0] = unit;
        f[1] = fc;
        f[2] = 2 * values.length;
        for (int i = 0; i < values.length; i++) {
            f[3 + 2 * i] = values[i] >>> 8 & 0xFF;
            f[4 + 2 * i] = values[i] & 0xFF;
        }
        return withCrc(f);
    }

    static byte[] readRequest(int unit, int fc, int address, int count) {
        return withCrc(unit, fc, address >>> 8, address & 0xFF, count >>> 8, count & 0xFF);
    }

    static byte[] exceptionReply(int unit, int fc, int code) {
        return withCrc(unit, fc | 0x80, code);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }
}
