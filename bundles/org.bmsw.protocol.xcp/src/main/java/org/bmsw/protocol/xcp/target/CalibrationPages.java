package org.bmsw.protocol.xcp.target;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.protocol.xcp.XcpError;

/**
 * One calibration segment (segment 0) with two pages over the same addresses: the RAM page, which the device
 * works with and XCP writes ("Calibration"), and the flash page, which survives a restart. COPY_CAL_PAGE from RAM
 * to flash persists ("Flash"); a power cut reloads the RAM page from flash, so unflashed changes are lost.
 * The flash page cannot be written directly (ERR_WRITE_PROTECTED), only by the copy.
 *
 * <p>The copy to flash is atomic here, as on a device that writes its parameter block double-buffered with a
 * checksum. Thread-safe.
 */
public final class CalibrationPages {

    public static final int SEGMENT = 0;
    public static final int RAM_PAGE = 0;
    public static final int FLASH_PAGE = 1;

    private final long address;
    private final byte[][] pages = new byte[2][];
    private int ecuPage = RAM_PAGE;
    private int xcpPage = RAM_PAGE;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A segment at {@code address} whose flash page holds {@code flashContents}; the RAM page starts as its copy. */
    public CalibrationPages(long address, byte[] flashContents) {
        if (address < 0 || flashContents.length == 0 || address + flashContents.length > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format("a calibration segment needs bytes inside 32-bit addresses:"
                    + " 0x%X + %d", address, flashContents.length));
        }
        this.address = address;
        pages[FLASH_PAGE] = flashContents.clone();
        pages[RAM_PAGE] = flashContents.clone();
    }

    public long address() {
        return address;
    }

    public int size() {
        return pages[FLASH_PAGE].length;
    }

    /** A copy of one page, e.g. the flash page for a state file. */
    public synchronized byte[] page(int page) {
        return pages[checkPage(page)].clone();
    }

    /** Bytes of one page (the device model reads the RAM page it works with). */
    public synchronized byte[] read(int page, long at, int length) {
        checkRange(at, length);
        int from = (int) (at - address);
        return Arrays.copyOfRange(pages[checkPage(page)], from, from + length);
    }

    /** The device itself changes a page (e.g. the simulator's own model); listeners are told. */
    public synchronized void write(int page, long at, byte[] data) {
        checkRange(at, data.length);
        System.arraycopy(data, 0, pages[checkPage(page)], (int) (at - address), data.length);
        changed();
    }

    /** Called (on the writing thread) after any page changed: XCP download, copy, power cut, device write. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Power lost: the RAM page is whatever the flash page holds, and both accesses use the RAM page again. */
    public synchronized void powerCut() {
        pages[RAM_PAGE] = pages[FLASH_PAGE].clone();
        ecuPage = RAM_PAGE;
        xcpPage = RAM_PAGE;
        changed();
    }

    // ------------------------------------------------------------------------------------------------ XCP side

    synchronized boolean contains(long at, long length) {
        return at >= address && length >= 0 && at + length <= address + size();
    }

    synchronized byte[] xcpRead(long at, int length) throws XcpRefusal {
        checkXcpRange(at, length);
        int from = (int) (at - address);
        return Arrays.copyOfRange(pages[xcpPage], from, from + length);
    }

    synchronized void xcpWrite(long at, byte[] data, int offset, int length) throws XcpRefusal {
        checkXcpRange(at, length);
        if (xcpPage != RAM_PAGE) {
            throw new XcpRefusal(XcpError.WRITE_PROTECTED, "the flash page is written only by COPY_CAL_PAGE");
        }
        System.arraycopy(data, offset, pages[RAM_PAGE], (int) (at - address), length);
        changed();
    }

    synchronized void select(int mode, int segment, int page) throws XcpRefusal {
        checkXcpSegment(segment, (mode & 0x80) != 0);
        checkXcpPage(page);
        if ((mode & 0x03) == 0) {
            throw new XcpRefusal(XcpError.MODE_NOT_VALID, "SET_CAL_PAGE needs the ECU and/or XCP access bit");
        }
        if ((mode & 0x01) != 0) {
            ecuPage = page;
        }
        if ((mode & 0x02) != 0) {
            xcpPage = page;
        }
    }

    synchronized int selected(int mode, int segment) throws XcpRefusal {
        checkXcpSegment(segment, false);
        if (mode == 0x01) {
            return ecuPage;
        }
        if (mode == 0x02) {
            return xcpPage;
        }
        throw new XcpRefusal(XcpError.MODE_NOT_VALID, "GET_CAL_PAGE needs exactly one of the ECU (1) and XCP (2) bits");
    }

    synchronized void copy(int sourceSegment, int sourcePage, int targetSegment, int targetPage) throws XcpRefusal {
        checkXcpSegment(sourceSegment, false);
        checkXcpSegment(targetSegment, false);
        checkXcpPage(sourcePage);
        checkXcpPage(targetPage);
        pages[targetPage] = pages[sourcePage].clone();
        changed();
    }

    // ------------------------------------------------------------------------------------------------ checks

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    private void checkRange(long at, int length) {
        if (!contains(at, length)) {
            throw new IndexOutOfBoundsException(String.format("0x%X + %d is outside the calibration segment 0x%X + %d",
                    at, length, address, size()));
        }
    }

    private void checkXcpRange(long at, int length) throws XcpRefusal {
        if (!contains(at, length)) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, String.format("0x%08X + %d is outside the calibration segment"
                    + " 0x%08X + %d", at, length, address, size()));
        }
    }

    private static void checkXcpSegment(int segment, boolean all) throws XcpRefusal {
        if (!all && segment != SEGMENT) {
            throw new XcpRefusal(XcpError.SEGMENT_NOT_VALID, "only segment 0 exists, not " + segment);
        }
    }

    private static void checkXcpPage(int page) throws XcpRefusal {
        if (page != RAM_PAGE && page != FLASH_PAGE) {
            throw new XcpRefusal(XcpError.PAGE_NOT_VALID, "pages are 0 (RAM) and 1 (flash), not " + page);
        }
    }

    private static int checkPage(int page) {
        if (page != RAM_PAGE && page != FLASH_PAGE) {
            throw new IllegalArgumentException("pages are 0 (RAM) and 1 (flash), not " + page);
        }
        return page;
    }
}
