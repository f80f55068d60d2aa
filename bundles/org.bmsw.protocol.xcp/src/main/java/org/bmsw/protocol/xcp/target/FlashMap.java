package org.bmsw.protocol.xcp.target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;

/** The application's flash as the bootloader offers it: sectors, sorted, not overlapping. */
public record FlashMap(List<FlashSector> sectors) {

    public FlashMap {
        List<FlashSector> sorted = new ArrayList<>(sectors);
        sorted.sort(Comparator.comparingLong(FlashSector::address));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a flash map needs at least one sector");
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).address() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("flash sectors overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        sectors = List.copyOf(sorted);
    }

    /** {@code count} sectors of {@code sectorSize} bytes from {@code start}. */
    public static FlashMap uniform(long start, int sectorSize, int count) {
        List<FlashSector> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new FlashSector(start + (long) i * sectorSize, sectorSize));
        }
        return new FlashMap(list);
    }

    /** Bytes in all sectors. */
    public long size() {
        return sectors.stream().mapToLong(FlashSector::size).sum();
    }

    /** Index of the sector holding {@code address}, -1 if none. */
    public int sectorAt(long address) {
        for (int i = 0; i < sectors.size(); i++) {
            FlashSector s = sectors.get(i);
            if (address >= s.address() && address < s.end()) {
                return i;
            }
        }
        return -1;
    }

    /** True if every byte of the range lies in a sector. */
    public boolean covers(long address, long length) {
        long at = address;
        while (at < address + length) {
            int i = sectorAt(at);
            if (i < 0) {
                return false;
            }
            at = sectors.get(i).end();
        }
        return true;
    }

    /** Adjacent sectors joined: what {@code FirmwareUpdateSupport.flashMap()} reports. */
    public List<FlashRegion> regions() {
        List<FlashRegion> out = new ArrayList<>();
        long start = sectors.get(0).address();
        long end = sectors.get(0).end();
        for (FlashSector s : sectors.subList(1, sectors.size())) {
            if (s.address() != end) {
                out.add(new FlashRegion(start, end - start));
                start = s.address();
            }
            end = s.end();
        }
        out.add(new FlashRegion(start, end - start));
        return out;
    }
}
