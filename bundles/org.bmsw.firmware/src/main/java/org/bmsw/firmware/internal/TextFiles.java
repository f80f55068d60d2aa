package org.bmsw.firmware.internal;

import java.nio.charset.StandardCharsets;

import org.bmsw.firmware.ImageFormatException;

/** Record files are ASCII; the first byte that is not is named by its line. */
public final class TextFiles {

    private TextFiles() {
    }

    public static String ascii(String source, byte[] bytes) throws ImageFormatException {
        int line = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                line++;
            } else if (b < 0 || (b < 0x20 && b != '\r' && b != '\t')) {
                throw ImageFormatException.atLine(source, line,
                        String.format("byte 0x%02X is not text: a record file is ASCII", b & 0xFF));
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
