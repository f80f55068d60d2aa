package org.bmsw.firmware.internal;

import java.nio.charset.StandardCharsets;

import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.Segment;

/**
 * Writes S-records with the narrowest address width that holds the image (S1/S9, S2/S8 or S3/S7),
 * an S0 header, and an S5/S6 count when it fits, 32 data bytes a record.
 */
public final class SRecordWriter {

    private static final int BYTES_PER_RECORD = 32;

    private SRecordWriter() {
    }

    public static String write(FirmwareImage image) {
        long highest = image.segments().isEmpty() ? 0 : image.segments().get(image.segments().size() - 1).end() - 1;
        highest = Math.max(highest, image.startAddress().orElse(0));
        int width = highest <= 0xFFFF ? 2 : highest <= 0xFF_FFFF ? 3 : 4;
        char dataType = (char) ('1' + width - 2);
        char endType = (char) ('9' - (width - 2));
        StringBuilder out = new StringBuilder();
        record(out, '0', 2, 0, image.header().getBytes(StandardCharsets.ISO_8859_1));
        long count = 0;
        for (Segment segment : image.segments()) {
            byte[] data = segment.data();
            for (int at = 0; at < data.length; at += BYTES_PER_RECORD) {
                int length = Math.min(BYTES_PER_RECORD, data.length - at);
                byte[] chunk = new byte[length];
                System.arraycopy(data, at, chunk, 0, length);
                record(out, dataType, width, segment.address() + at, chunk);
                count++;
            }
        }
        if (count <= 0xFFFF) {
            record(out, '5', 2, count, new byte[0]);
        } else if (count <= 0xFF_FFFF) {
            record(out, '6', 3, count, new byte[0]);
        }
        record(out, endType, width, image.startAddress().orElse(0), new byte[0]);
        return out.toString();
    }

    private static void record(StringBuilder out, char type, int addressBytes, long address, byte[] data) {
        int count = addressBytes + data.length + 1;
        int sum = count;
        out.append('S').append(type).append(String.format("%02X", count));
        for (int b = addressBytes - 1; b >= 0; b--) {
            int value = (int) (address >>> (8 * b)) & 0xFF;
            sum += value;
            out.append(String.format("%02X", value));
        }
        for (byte d : data) {
            sum += d & 0xFF;
            out.append(String.format("%02X", d & 0xFF));
        }
        out.append(String.format("%02X", ~sum & 0xFF)).append('\n');
    }
}
