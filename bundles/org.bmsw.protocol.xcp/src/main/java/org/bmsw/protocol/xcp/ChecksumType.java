package org.bmsw.protocol.xcp;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The checksum algorithms of BUILD_CHECKSUM, so a master can compute what a slave should answer for an image.
 * ADD_xy adds elements of y bytes (in the slave's byte order) into an x-byte sum; the CRCs are the ones the XCP
 * specification names (CRC-16 "ARC", CRC-16-CCITT with init 0xFFFF, CRC-32 as in zip).
 */
public enum ChecksumType {
    ADD_11(0x01, 1, 1),
    ADD_12(0x02, 2, 1),
    ADD_14(0x03, 4, 1),
    ADD_22(0x04, 2, 2),
    ADD_24(0x05, 4, 2),
    ADD_44(0x06, 4, 4),
    CRC_16(0x07, 2, 1),
    CRC_16_CITT(0x08, 2, 1),
    CRC_32(0x09, 4, 1);

    private final int code;
    private final int resultBytes;
    private final int elementBytes;

    ChecksumType(int code, int resultBytes, int elementBytes) {
        this.code = code;
        this.resultBytes = resultBytes;
        this.elementBytes = elementBytes;
    }

    public int code() {
        return code;
    }

    /** Block sizes must be a multiple of this. */
    public int elementBytes() {
        return elementBytes;
    }

    public static Optional<ChecksumType> of(int code) {
        for (ChecksumType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The checksum of {@code length} bytes from {@code offset}, as an unsigned value of {@link #resultBytes} bytes.
     *
     * @param littleEndian element byte order for ADD_22, ADD_24 and ADD_44
     * @throws IllegalArgumentException if the length is not a multiple of the element size
     */
    public long compute(byte[] data, int offset, int length, boolean littleEndian) {
        if (length % elementBytes != 0) {
            throw new IllegalArgumentException(name() + " needs a length that is a multiple of " + elementBytes
                    + " bytes, got " + length);
        }
        long mask = resultBytes == 4 ? 0xFFFF_FFFFL : (1L << (8 * resultBytes)) - 1;
        switch (this) {
            case CRC_32: {
                CRC32 crc = new CRC32();
                crc.update(data, offset, length);
                return crc.getValue();
            }
            case CRC_16: {
                int crc = 0;
                for (int i = offset; i < offset + length; i++) {
                    crc ^= data[i] & 0xFF;
                    for (int bit = 0; bit < 8; bit++) {
                        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
                    }
                }
                return crc & 0xFFFF;
            }
            case CRC_16_CITT: {
                int crc = 0xFFFF;
                for (int i = offset; i < offset + length; i++) {
                    crc ^= (data[i] & 0xFF) << 8;
                    for (int bit = 0; bit < 8; bit++) {
                        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                    }
                }
                return crc & 0xFFFF;
            }
            default: {
                long sum = 0;
                for (int i = offset; i < offset + length; i += elementBytes) {
                    long element = 0;
                    for (int b = 0; b < elementBytes; b++) {
                        int shift = littleEndian ? 8 * b : 8 * (elementBytes - 1 - b);
                        element |= (long) (data[i + b] & 0xFF) << shift;
                    }
                    sum += element;
                }
                return sum & mask;
            }
        }
    }

    public long compute(byte[] data, boolean littleEndian) {
        return compute(data, 0, data.length, littleEndian);
    }
}
