package org.bmsw.firmware.internal;

import java.util.Arrays;
import java.util.OptionalLong;

import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.ImageFormat;
import org.bmsw.firmware.ImageFormatException;

/**
 * Intel HEX: data (00), end of file (01), extended segment address (02), start segment address (03),
 * extended linear address (04), start linear address (05). Every record's checksum is checked; a file
 * without an end-of-file record is taken as truncated. A data record that runs past the end of its
 * 64 KiB window wraps to the window's start, as the format defines.
 */
public final class IntelHexReader {

    private IntelHexReader() {
    }

    public static FirmwareImage read(String source, String text) throws ImageFormatException {
        SegmentCollector collector = new SegmentCollector(source);
        OptionalLong start = OptionalLong.empty();
        long windowBase = 0; // from the last 02 or 04 record
        int endLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = SRecordReader.stripLineEnd(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            HexText hex = new HexText(source, lineNumber, line);
            if (endLine > 0) {
                throw hex.error("record after the end-of-file record of line " + endLine);
            }
            if (line.charAt(0) != ':') {
                throw hex.error("a record starts with ':', found \"" + SRecordReader.abbreviate(line) + "\"");
            }
            if (line.length() < 11) {
                throw hex.error("record is " + line.length() + " characters, a record has at least 11: the file is truncated");
            }
            int length = hex.byteAt(1);
            int expectedLength = 11 + 2 * length;
            if (line.length() != expectedLength) {
                throw hex.error(line.length() < expectedLength
                        ? "record is " + (expectedLength - line.length()) + " hex digits short of the " + length
                                + " data bytes its length byte announces: the file is truncated"
                        : "record has " + (line.length() - expectedLength) + " characters beyond the " + length
                                + " data bytes its length byte announces");
            }
            byte[] record = hex.bytes(1, 5 + length); // length, address (2), type, data, checksum
            int sum = 0;
            for (byte b : record) {
                sum += b & 0xFF;
            }
            if ((sum & 0xFF) != 0) {
                int stated = record[record.length - 1] & 0xFF;
                int expected = (stated - sum) & 0xFF;
                throw hex.error(String.format("checksum 0x%02X does not match the record (0x%02X expected)", stated, expected));
            }
            int offset = (record[1] & 0xFF) << 8 | record[2] & 0xFF;
            int type = record[3] & 0xFF;
            byte[] data = Arrays.copyOfRange(record, 4, 4 + length);
            switch (type) {
                case 0x00 -> {
                    int firstPart = Math.min(length, 0x10000 - offset);
                    collector.add(windowBase + offset, Arrays.copyOf(data, firstPart), lineNumber);
                    collector.add(windowBase, Arrays.copyOfRange(data, firstPart, length), lineNumber);
                }
                case 0x01 -> {
                    expectLength(hex, type, length, 0);
                    endLine = lineNumber;
                }
                case 0x02 -> {
                    expectLength(hex, type, length, 2);
                    windowBase = (long) word(data, 0) << 4;
                }
                case 0x03 -> {
                    expectLength(hex, type, length, 4);
                    start = OptionalLong.of(((long) word(data, 0) << 4) + word(data, 2));
                }
                case 0x04 -> {
                    expectLength(hex, type, length, 2);
                    windowBase = (long) word(data, 0) << 16;
                }
                case 0x05 -> {
                    expectLength(hex, type, length, 4);
                    start = OptionalLong.of((long) word(data, 0) << 16 | word(data, 2));
                }
                default -> throw hex.error(String.format("record type 0x%02X is not Intel HEX (00 to 05)", type));
            }
        }
        if (endLine == 0) {
            throw ImageFormatException.ofFile(source, "no end-of-file record (:00000001FF): the file is truncated");
        }
        return new FirmwareImage(source, ImageFormat.INTEL_HEX, collector.segments(), start, "");
    }

    private static void expectLength(HexText hex, int type, int length, int expected) throws ImageFormatException {
        if (length != expected) {
            throw hex.error(String.format("a type %02X record carries %d bytes, this one %d", type, expected, length));
        }
    }

    private static int word(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }
}
