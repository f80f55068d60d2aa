package org.bmsw.protocol.modbus.internal;

import java.util.HexFormat;

/** "01 03 00 00" for messages, shortened after {@code max} bytes. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    public static String of(byte[] data, int offset, int length, int max) {
        if (length <= max) {
            return FORMAT.formatHex(data, offset, offset + length);
        }
        return FORMAT.formatHex(data, offset, offset + max) + " ... (" + length + " bytes)";
    }

    public static String of(byte[] data) {
        return of(data, 0, data.length, 32);
    }
}
