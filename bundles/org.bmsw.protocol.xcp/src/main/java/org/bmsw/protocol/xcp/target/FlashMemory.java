package org.bmsw.protocol.xcp.target;

import java.util.Arrays;

/**
 * Physical NOR flash, as a bootloader sees it: sectors erase to 0xFF, programming can only clear bits (writing
 * bytes that are already there is allowed, changing a 0 back to 1 is not), and what is erased or programmed stays
 * so when power is lost.
 *
 * <p>Power loss at a chosen operation: {@link #cutPowerAfter(long)} lets that many more erase / program
 * operations complete; the next one is torn (a sector erase leaves its first half erased and the rest as it was, a
 * program writes the first half of its bytes) and throws {@link PowerLostException}, and every operation after it
 * throws too until {@link #powerOn()}. Tests loop over the operation count to cut power at every step.
 *
 * <p>Addresses are physical offsets from 0; sectors follow each other. Thread-safe.
 */
public final class FlashMemory {

    private final byte[] cells;
    private final long[] sectorStarts;
    private final int[] sectorSizes;
    private long operations;
    private long cutAt = -1;
    private boolean powered = true;

    /** A blank (erased) flash with sectors of these sizes, in order from address 0. */
    public FlashMemory(int... sectorSizes) {
        if (sectorSizes.length == 0) {
            throw new IllegalArgumentException("flash needs at least one sector");
        }
        this.sectorSizes = sectorSizes.clone();
        this.sectorStarts = new long[sectorSizes.length];
        long at = 0;
        for (int i = 0; i < sectorSizes.length; i++) {
            if (sectorSizes[i] < 1) {
                throw new IllegalArgumentException("sector " + i + " has size " + sectorSizes[i]);
            }
            sectorStarts[i] = at;
            at += sectorSizes[i];
        }
        if (at > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a simulated flash of " + at + " bytes is too large");
        }
        cells = new byte[(int) at];
        Arrays.fill(cells, (byte) 0xFF);
    }

    /** The same layout with {@code contents} (e.g. from a state file). */
    public FlashMemory(int[] sectorSizes, byte[] contents) {
        this(sectorSizes);
        if (contents.length != cells.length) {
            throw new IllegalArgumentException("flash contents of " + contents.length + " bytes for a flash of "
                    + cells.length + " bytes");
        }
        System.arraycopy(contents, 0, cells, 0, cells.length);
    }

    public int sectorCount() {
        return sectorSizes.length;
    }

    public long sectorStart(int sector) {
        return sectorStarts[sector];
    }

    public int sectorSize(int sector) {
        return sectorSizes[sector];
    }

    /** The sector sizes, in order: with {@link #contents()} all that is needed to rebuild this flash. */
    public int[] sectorSizes() {
        return sectorSizes.clone();
    }

    public int size() {
        return cells.length;
    }

    /** Erases one sector to 0xFF. */
    public synchronized void erase(int sector) {
        int start = (int) sectorStarts[sector];
        int size = sectorSizes[sector];
        if (operationTorn()) {
            Arrays.fill(cells, start, start + size / 2, (byte) 0xFF);
            throw lost("erasing sector " + sector);
        }
        Arrays.fill(cells, start, start + size, (byte) 0xFF);
    }

    /**
     * Programs {@code length} bytes at {@code address}.
     *
     * @return false, changing nothing, if a byte would need a 0 bit turned back into 1 (the range was not erased)
     */
    public synchronized boolean program(long address, byte[] data, int offset, int length) {
        checkRange(address, length);
        for (int i = 0; i < length; i++) {
            byte now = cells[(int) address + i];
            if ((now & data[offset + i]) != data[offset + i]) {
                return false;
            }
        }
        if (operationTorn()) {
            for (int i = 0; i < length / 2; i++) {
                cells[(int) address + i] &= data[offset + i];
            }
            throw lost(String.format("programming %d bytes at 0x%X", length, address));
        }
        for (int i = 0; i < length; i++) {
            cells[(int) address + i] &= data[offset + i];
        }
        return true;
    }

    public synchronized byte[] read(long address, int length) {
        checkRange(address, length);
        return Arrays.copyOfRange(cells, (int) address, (int) address + length);
    }

    /** A copy of every byte, for a state file. */
    public synchronized byte[] contents() {
        return cells.clone();
    }

    /**
     * Lets {@code completed} more erase/program operations finish, then tears the next one and keeps the power off.
     * A negative value removes the plan.
     */
    public synchronized void cutPowerAfter(long completed) {
        cutAt = completed < 0 ? -1 : operations + completed;
    }

    /** Erase and program operations so far (torn ones included). */
    public synchronized long operations() {
        return operations;
    }

    /** False after a planned power cut, until {@link #powerOn()}. */
    public synchronized boolean powered() {
        return powered;
    }

    /** Power is back; a pending plan is dropped. */
    public synchronized void powerOn() {
        powered = true;
        cutAt = -1;
    }

    /** Counts the operation; true if power goes now (the caller tears it). */
    private boolean operationTorn() {
        if (!powered) {
            throw lost("a flash operation without power");
        }
        boolean tear = operations == cutAt;
        operations++;
        if (tear) {
            powered = false;
            cutAt = -1;
        }
        return tear;
    }

    private static PowerLostException lost(String during) {
        return new PowerLostException("power lost while " + during);
    }

    private void checkRange(long address, int length) {
        if (address < 0 || length < 0 || address + length > cells.length) {
            throw new IndexOutOfBoundsException(String.format("0x%X + %d is outside the %d-byte flash", address, length,
                    cells.length));
        }
    }
}
