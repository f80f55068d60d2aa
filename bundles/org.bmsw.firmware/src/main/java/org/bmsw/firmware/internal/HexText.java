package org.bmsw.firmware.internal;

import org.bmsw.firmware.ImageFormatException;

/** One line of a hex text record, decoded with errors that point at the column. */
final class HexText {

    private final String source;
    private final int line;
    private final String text;

    HexText(String source, int line, String text) {
        this.source = source;
        this.line = line;
        this.text = text;
    }

    /** The byte written as two hex digits at {@code column} (0-based). */
    int byteAt(int column) throws ImageFormatException {
        return digit(column) << 4 | digit(column + 1);
    }

    byte[] bytes(int column, int count) throws ImageFormatException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) byteAt(column + 2 * i);
        }
        return bytes;
    }

    private int digit(int column) throws ImageFormatException {
        char c = text.charAt(column);
        int value = Character.digit(c, 16);
        if (value < 0 || c > 0x7F) {
            throw error("column " + (column + 1) + ": '" + printable(c) + "' is not a hex digit");
        }
        return value;
    }

    ImageFormatException error(String problem) {
        return ImageFormatException.atLine(source, line, problem);
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c);
    }
}
