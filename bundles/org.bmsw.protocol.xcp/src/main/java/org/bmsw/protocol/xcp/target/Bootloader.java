package org.bmsw.protocol.xcp.target;

import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import org.bmsw.protocol.xcp.XcpError;
import org.bmsw.protocol.xcp.internal.Bytes;

/**
 * A bootloader that never bricks its device, on a {@link FlashMemory} with two banks for the application (as on
 * MCUs with dual-bank flash and bank swap). The host programs the addresses of the {@link FlashMap}; they land in
 * the bank that is not running ("staging"), so the old image stays intact and valid until the new one is
 * committed.
 *
 * <p>Commit (PROGRAM with length 0, after the host checked BUILD_CHECKSUM) writes the staging bank's image record
 * last: magic, a sequence number one above the running image's, the CRC-32 of the whole bank, and the record's own
 * CRC. At power-on a bank counts only if its record is intact and the bank's contents still give the recorded
 * CRC; the valid bank with the highest sequence runs.
 *
 * <p>An update request flag in its own sector ("control") keeps the device in its bootloader: set when the
 * application is asked to enter the bootloader ({@link #requestBootloader()}) and before the first erase of an
 * update, cleared after a commit and by a reset that finds a valid image. So a power cut at any step leaves the
 * device in its bootloader with the old image (or the newly committed one) intact, and flashing again completes.
 *
 * <p>Physical layout: bank 0's sectors, bank 1's sectors (each a copy of the map), bank 0's record sector, bank 1's
 * record sector, the control sector. Thread-safe.
 */
public final class Bootloader {

    /** What the device is running. */
    public enum Mode {
        /** Power is off (after {@link #powerCut()} or a planned cut in the flash). */
        OFF,
        /** The bootloader: answers XCP programming. */
        BOOTLOADER,
        /** The application from the active bank. */
        APPLICATION
    }

    /**
     * A committed, intact image.
     *
     * @param bank     0 or 1
     * @param sequence commit counter: the newest valid image runs
     * @param crc32    CRC-32 of the bank's contents
     */
    public record Image(int bank, long sequence, long crc32) {
    }

    static final int RECORD_SECTOR_SIZE = 64;
    private static final long MAGIC = 0x574D_5342L; // "BSMW" little endian: 42 53 4D 57
    private static final int RECORD_BYTES = 16;

    private final FlashMap map;
    private final FlashMemory flash;
    private final int sectorsPerBank;
    private Mode mode = Mode.OFF;
    private Image active;
    /** RAM: this power-on session has started writing the staging bank. */
    private boolean staging;

    /** A device with blank flash: it starts in its bootloader. */
    public Bootloader(FlashMap map) {
        this(map, new FlashMemory(layout(map)));
    }

    private Bootloader(FlashMap map, FlashMemory flash) {
        this.map = map;
        this.flash = flash;
        this.sectorsPerBank = map.sectors().size();
        powerOn();
    }

    /** A device whose flash holds {@code contents} (from {@link FlashMemory#contents()}), powered on. */
    public static Bootloader restore(FlashMap map, byte[] contents) {
        return new Bootloader(map, new FlashMemory(layout(map), contents));
    }

    /** The physical sector sizes for {@code map}: two banks, two record sectors, one control sector. */
    private static int[] layout(FlashMap map) {
        int n = map.sectors().size();
        int[] sizes = new int[2 * n + 3];
        for (int i = 0; i < n; i++) {
            sizes[i] = map.sectors().get(i).size();
            sizes[n + i] = sizes[i];
        }
        sizes[2 * n] = RECORD_SECTOR_SIZE;
        sizes[2 * n + 1] = RECORD_SECTOR_SIZE;
        sizes[2 * n + 2] = RECORD_SECTOR_SIZE;
        return sizes;
    }

    public FlashMap map() {
        return map;
    }

    /** The physical flash: for power-cut plans and state files. */
    public FlashMemory memory() {
        return flash;
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** The image the application runs from, if any is intact. */
    public synchronized Optional<Image> activeImage() {
        return Optional.ofNullable(active);
    }

    /** Bytes of the running image at logical {@code address}: what the application sees. */
    public synchronized byte[] readActive(long address, int length) {
        if (active == null) {
            throw new IllegalStateException("no valid image in flash");
        }
        try {
            return readBank(active.bank(), address, length);
        } catch (XcpRefusal e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Factory programming: writes {@code segments} (address to bytes) as a new image through the same steps as an
     * XCP update, commits it and restarts into it.
     */
    public synchronized void install(Map<Long, byte[]> segments) {
        try {
            for (FlashSector sector : map.sectors()) {
                clear(sector.address(), sector.size());
            }
            for (Map.Entry<Long, byte[]> segment : segments.entrySet()) {
                program(segment.getKey(), segment.getValue(), 0, segment.getValue().length);
            }
            commit();
        } catch (XcpRefusal e) {
            throw new IllegalArgumentException("cannot install the image: " + e.getMessage(), e);
        }
        reset();
    }

    // ------------------------------------------------------------------------------------------------ power

    /** Power goes: everything in RAM is lost; flash keeps what was completed. */
    public synchronized void powerCut() {
        mode = Mode.OFF;
        staging = false;
        active = null;
    }

    /** Power comes back (also after a planned cut in the flash): finds the newest intact image and decides. */
    public synchronized void powerOn() {
        flash.powerOn();
        staging = false;
        active = null;
        for (int bank = 0; bank < 2; bank++) {
            Image image = intactImage(bank);
            if (image != null && (active == null || image.sequence() > active.sequence())) {
                active = image;
            }
        }
        mode = active == null || updateRequested() ? Mode.BOOTLOADER : Mode.APPLICATION;
    }

    /** The application's "enter bootloader" command: sets the request flag and restarts. */
    public synchronized void requestBootloader() {
        requireOn();
        setUpdateRequested();
        restart();
    }

    /**
     * PROGRAM_RESET: restarts into the application when an intact image exists (an update that was started and not
     * committed is abandoned: the old image runs), else stays in the bootloader.
     */
    public synchronized void reset() {
        requireOn();
        if (active != null && updateRequested()) {
            flash.erase(controlSector());
        }
        restart();
    }

    private void restart() {
        powerCut();
        powerOn();
    }

    private void requireOn() {
        if (mode == Mode.OFF) {
            throw new IllegalStateException("the device is off");
        }
    }

    // ------------------------------------------------------------------------------------------------ XCP memory

    /** True if the whole range is application flash. */
    public boolean contains(long address, long length) {
        return map.covers(address, length);
    }

    /** PROGRAM_CLEAR: erases every staging sector the range touches. */
    synchronized void clear(long address, long length) throws XcpRefusal {
        checkInMap(address, length);
        beginStaging();
        int bank = stagingBank();
        for (int i = 0; i < sectorsPerBank; i++) {
            if (map.sectors().get(i).overlaps(address, length)) {
                flash.erase(bank * sectorsPerBank + i);
            }
        }
    }

    /** PROGRAM: writes into the staging bank. */
    synchronized void program(long address, byte[] data, int offset, int length) throws XcpRefusal {
        checkInMap(address, length);
        beginStaging();
        int bank = stagingBank();
        int done = 0;
        while (done < length) {
            long at = address + done;
            int i = map.sectorAt(at);
            FlashSector sector = map.sectors().get(i);
            int n = (int) Math.min(length - done, sector.end() - at);
            long physical = flash.sectorStart(bank * sectorsPerBank + i) + (at - sector.address());
            if (!flash.program(physical, data, offset + done, n)) {
                throw new XcpRefusal(XcpError.GENERIC, String.format("0x%08X..0x%08X is not erased (PROGRAM_CLEAR first)",
                        at, at + n - 1));
            }
            done += n;
        }
    }

    /** UPLOAD / BUILD_CHECKSUM: the staging bank once this session wrote to it, else the running image. */
    synchronized byte[] read(long address, int length) throws XcpRefusal {
        checkInMap(address, length);
        return readBank(staging || active == null ? stagingBank() : active.bank(), address, length);
    }

    /**
     * PROGRAM with length 0: commits the staging bank (record last, then the request flag cleared). Nothing to
     * commit when this session wrote nothing.
     */
    synchronized void commit() {
        if (!staging) {
            return;
        }
        int bank = stagingBank();
        long sequence = active == null ? 1 : active.sequence() + 1;
        long crc = bankCrc(bank);
        byte[] record = new byte[RECORD_BYTES];
        Bytes.put32(record, 0, MAGIC, true);
        Bytes.put32(record, 4, sequence, true);
        Bytes.put32(record, 8, crc, true);
        Bytes.put32(record, 12, crc32(record, 0, 12), true);
        flash.program(flash.sectorStart(recordSector(bank)), record, 0, record.length);
        active = new Image(bank, sequence, crc);
        staging = false;
        flash.erase(controlSector());
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void beginStaging() {
        if (staging) {
            return;
        }
        setUpdateRequested();
        flash.erase(recordSector(stagingBank()));
        staging = true;
    }

    private int stagingBank() {
        return active == null ? 0 : 1 - active.bank();
    }

    private int recordSector(int bank) {
        return 2 * sectorsPerBank + bank;
    }

    private int controlSector() {
        return 2 * sectorsPerBank + 2;
    }

    private boolean updateRequested() {
        return flash.read(flash.sectorStart(controlSector()), 1)[0] == 0;
    }

    private void setUpdateRequested() {
        if (!updateRequested()) {
            flash.program(flash.sectorStart(controlSector()), new byte[] {0}, 0, 1);
        }
    }

    private Image intactImage(int bank) {
        byte[] r = flash.read(flash.sectorStart(recordSector(bank)), RECORD_BYTES);
        if (Bytes.u32(r, 0, true) != MAGIC || Bytes.u32(r, 12, true) != crc32(r, 0, 12)) {
            return null;
        }
        long crc = Bytes.u32(r, 8, true);
        return bankCrc(bank) == crc ? new Image(bank, Bytes.u32(r, 4, true), crc) : null;
    }

    private long bankCrc(int bank) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < sectorsPerBank; i++) {
            int sector = bank * sectorsPerBank + i;
            crc.update(flash.read(flash.sectorStart(sector), flash.sectorSize(sector)));
        }
        return crc.getValue();
    }

    private byte[] readBank(int bank, long address, int length) throws XcpRefusal {
        checkInMap(address, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = address + done;
            int i = map.sectorAt(at);
            FlashSector sector = map.sectors().get(i);
            int n = (int) Math.min(length - done, sector.end() - at);
            byte[] part = flash.read(flash.sectorStart(bank * sectorsPerBank + i) + (at - sector.address()), n);
            System.arraycopy(part, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private void checkInMap(long address, long length) throws XcpRefusal {
        if (length < 0 || !map.covers(address, length)) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, String.format("0x%08X + %d bytes is not all application flash",
                    address, length));
        }
    }

    private static long crc32(byte[] b, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, offset, length);
        return crc.getValue();
    }
}
