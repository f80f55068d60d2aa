package org.bmsw.firmware;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Contiguous bytes at an address of the device's memory.
 *
 * @param address first address
 * @param data    the bytes; copied in and out, so a segment never changes
 */
public record Segment(long address, byte[] data) {

    public Segment {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is outside 32 bits");
        }
        data = data.clone();
        if (address + data.length > 0x1_0000_0000L) {
            throw new IllegalArgumentException("segment at 0x" + Long.toHexString(address) + " runs past 0xFFFFFFFF");
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    /** First address after the segment. */
    public long end() {
        return address + data.length;
    }

    /** {@code length} bytes from {@code offset} into the segment. */
    public byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Segment s && s.address == address && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Segment[" + range(address, data.length) + "]";
    }

    /** "0x08004000..0x08004FFF (4096 bytes)" */
    public static String range(long address, long length) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "0x" + hex.toHexDigits((int) address) + "..0x" + hex.toHexDigits((int) (address + Math.max(length, 1) - 1))
                + " (" + length + " bytes)";
    }
}
