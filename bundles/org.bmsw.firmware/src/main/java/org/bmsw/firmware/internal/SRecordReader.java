package org.bmsw.firmware.internal;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.ImageFormat;
import org.bmsw.firmware.ImageFormatException;

/**
 * Motorola S-record: S0 header, S1/S2/S3 data with 16/24/32-bit addresses, S5/S6 record counts,
 * S7/S8/S9 start address and end. Every record's checksum is checked; a file without an end record is
 * taken as truncated.
 */
public final class SRecordReader {

    private SRecordReader() {
    }

    public static FirmwareImage read(String source, String text) throws ImageFormatException {
        SegmentCollector collector = new SegmentCollector(source);
        String header = "";
        OptionalLong start = OptionalLong.empty();
        long dataRecords = 0;
        int endLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripLineEnd(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            HexText hex = new HexText(source, lineNumber, line);
            if (endLine > 0) {
                throw hex.error("record after the end record of line " + endLine);
            }
            if (line.charAt(0) != 'S' || line.length() < 2) {
                throw hex.error("a record starts with 'S' and its type digit, found \"" + abbreviate(line) + "\"");
            }
            char type = line.charAt(1);
            int addressBytes = switch (type) {
                case '0', '1', '5', '9' -> 2;
                case '2', '6', '8' -> 3;
                case '3', '7' -> 4;
                default -> throw hex.error("S" + HexText.printable(type) + " is no S-record type (S0-S3, S5-S9)");
            };
            if (line.length() < 4) {
                throw hex.error("record ends before its count byte: the file is truncated");
            }
            int count = hex.byteAt(2);
            if (count < addressBytes + 1) {
                throw hex.error("count " + count + " is too small for a " + addressBytes + "-byte address and a checksum");
            }
            int expectedLength = 4 + 2 * count;
            if (line.length() != expectedLength) {
                throw hex.error(line.length() < expectedLength
                        ? "record is " + (expectedLength - line.length()) + " hex digits short of the " + count
                                + " bytes its count byte announces: the file is truncated"
                        : "record has " + (line.length() - expectedLength) + " characters beyond the " + count
                                + " bytes its count byte announces");
            }
            // the checksum covers the count, address and data bytes; it is the record's last byte
            byte[] covered = hex.bytes(2, count);
            int sum = 0;
            for (byte b : covered) {
                sum += b & 0xFF;
            }
            int checksum = hex.byteAt(2 + 2 * count);
            int expected = ~sum & 0xFF;
            if (checksum != expected) {
                throw hex.error(String.format("checksum 0x%02X does not match the record (0x%02X expected)", checksum, expected));
            }
            long address = 0;
            for (int b = 0; b < addressBytes; b++) {
                address = address << 8 | hex.byteAt(4 + 2 * b);
            }
            int dataLength = count - addressBytes - 1;
            byte[] data = hex.bytes(4 + 2 * addressBytes, dataLength);
            switch (type) {
                case '0' -> header = new String(data, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
                case '1', '2', '3' -> {
                    collector.add(address, data, lineNumber);
                    dataRecords++;
                }
                case '5', '6' -> {
                    if (address != (dataRecords & (type == '5' ? 0xFFFF : 0xFF_FFFF))) {
                        throw hex.error("S" + type + " counts " + address + " data records, the file has " + dataRecords
                                + " before it: records are missing or added");
                    }
                }
                default -> { // '7', '8', '9'
                    start = OptionalLong.of(address);
                    endLine = lineNumber;
                }
            }
        }
        if (endLine == 0) {
            throw ImageFormatException.ofFile(source, "no end record (S7, S8 or S9): the file is truncated");
        }
        return new FirmwareImage(source, ImageFormat.SREC, collector.segments(), start, header);
    }

    static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    static String abbreviate(String line) {
        return line.length() <= 24 ? line : line.substring(0, 24) + "...";
    }
}
