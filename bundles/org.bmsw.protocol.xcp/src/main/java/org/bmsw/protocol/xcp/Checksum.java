package org.bmsw.protocol.xcp;

/**
 * A BUILD_CHECKSUM result.
 *
 * @param typeCode the checksum type code the slave named (see {@link ChecksumType}; 0xFF = user defined)
 * @param value    the checksum, unsigned
 */
public record Checksum(int typeCode, long value) {

    /** The algorithm, if it is a standard one this module can recompute. */
    public java.util.Optional<ChecksumType> type() {
        return ChecksumType.of(typeCode);
    }

    /** True if this is what {@code data} gives with the same algorithm; false for user-defined checksums. */
    public boolean matches(byte[] data, int offset, int length, boolean littleEndian) {
        return type().map(t -> t.compute(data, offset, length, littleEndian) == value).orElse(false);
    }

    @Override
    public String toString() {
        return type().map(Enum::name).orElse(String.format("type 0x%02X", typeCode)) + String.format(" 0x%08X", value);
    }
}
