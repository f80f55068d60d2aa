package org.bmsw.protocol.xcp.target;

/**
 * One erasable sector of a flash map.
 *
 * @param address first address
 * @param size    bytes
 */
public record FlashSector(long address, int size) {

    public FlashSector {
        if (address < 0 || size < 1 || address + size > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format("a flash sector needs a size > 0 inside 32-bit addresses:"
                    + " 0x%X + %d", address, size));
        }
    }

    public long end() {
        return address + size;
    }

    public boolean overlaps(long from, long length) {
        return from < end() && address < from + length;
    }
}
