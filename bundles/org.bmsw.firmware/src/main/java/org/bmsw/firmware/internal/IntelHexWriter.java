package org.bmsw.firmware.internal;

import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.Segment;

/** Writes Intel HEX with extended linear addresses (04) and a start linear address (05), 32 bytes a record. */
public final class IntelHexWriter {

    private static final int BYTES_PER_RECORD = 32;

    private IntelHexWriter() {
    }

    public static String write(FirmwareImage image) {
        StringBuilder out = new StringBuilder();
        long window = 0;
        for (Segment segment : image.segments()) {
            byte[] data = segment.data();
            int at = 0;
            while (at < data.length) {
                long address = segment.address() + at;
                if ((address >>> 16) != window) {
                    window = address >>> 16;
                    record(out, 0, 0x04, new byte[] {(byte) (window >>> 8), (byte) window});
                }
                // never cross a 64 KiB window inside one record
                int length = (int) Math.min(Math.min(BYTES_PER_RECORD, data.length - at), 0x10000 - (address & 0xFFFF));
                byte[] chunk = new byte[length];
                System.arraycopy(data, at, chunk, 0, length);
                record(out, (int) (address & 0xFFFF), 0x00, chunk);
                at += length;
            }
        }
        if (image.startAddress().isPresent()) {
            long start = image.startAddress().getAsLong();
            record(out, 0, 0x05, new byte[] {(byte) (start >>> 24), (byte) (start >>> 16), (byte) (start >>> 8), (byte) start});
        }
        record(out, 0, 0x01, new byte[0]);
        return out.toString();
    }

    private static void record(StringBuilder out, int offset, int type, byte[] data) {
        int sum = data.length + (offset >>> 8) + (offset & 0xFF) + type;
        out.append(String.format(":%02X%04X%02X", data.length, offset, type));
        for (byte d : data) {
            sum += d & 0xFF;
            out.append(String.format("%02X", d & 0xFF));
        }
        out.append(String.format("%02X", -sum & 0xFF)).append('\n');
    }
}
