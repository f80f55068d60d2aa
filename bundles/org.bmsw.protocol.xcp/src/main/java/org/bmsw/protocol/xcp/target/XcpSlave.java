package org.bmsw.protocol.xcp.target;

import java.util.Optional;

import org.bmsw.protocol.xcp.ConnectInfo;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpError;
import org.bmsw.protocol.xcp.internal.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XCP slave of a simulated device: answers one packet at a time, whatever carries it.
 *
 * <p>In its bootloader ({@link Bootloader.Mode#BOOTLOADER}) it takes the commands OpenBLT's loader sends: CONNECT,
 * DISCONNECT, GET_STATUS, SYNCH, SET_MTA, UPLOAD, SHORT_UPLOAD, BUILD_CHECKSUM, USER_CMD {@code 17 04},
 * PROGRAM_START, PROGRAM_CLEAR, PROGRAM (master blocks with PROGRAM_NEXT when configured), PROGRAM_MAX, PROGRAM
 * with length 0 (commit) and PROGRAM_RESET. In the application it answers the calibration commands (SET_MTA,
 * UPLOAD, SHORT_UPLOAD, DOWNLOAD, BUILD_CHECKSUM, SET_CAL_PAGE, GET_CAL_PAGE, COPY_CAL_PAGE) when it has
 * {@link CalibrationPages}, and stays silent otherwise (an application without XCP). Powered off, it is silent.
 *
 * <p>As XCP prescribes, nothing but CONNECT is answered before a CONNECT. The session (MTA, programming state) is
 * RAM: {@link #powerCut()} loses it. A power cut planned in the flash ({@link FlashMemory#cutPowerAfter}) turns the
 * device off in the middle of the command that hit it, which then gets no answer. Thread-safe.
 */
public final class XcpSlave {

    private static final Logger LOG = LoggerFactory.getLogger(XcpSlave.class);
    /** BUILD_CHECKSUM refuses larger blocks (ERR_OUT_OF_RANGE), as real slaves limit them. */
    static final long MAX_CHECKSUM_BLOCK = 16L << 20;

    private final XcpSlaveConfig config;
    private final Bootloader bootloader;
    private final CalibrationPages calibration;

    private boolean powered = true;
    private boolean connected;
    private boolean programming;
    private long mta;
    /** Elements still expected in the master block in progress; 0 when none. */
    private int blockRemaining;
    /** A block failed: its remaining PROGRAM_NEXTs are ignored silently, so only one error answers it. */
    private boolean blockAborted;
    private long packets;

    /**
     * @param bootloader  the programming side, or null for a device without one (it then always runs its application)
     * @param calibration the calibration pages the application offers, or null
     */
    public XcpSlave(XcpSlaveConfig config, Bootloader bootloader, CalibrationPages calibration) {
        if (bootloader == null && calibration == null) {
            throw new IllegalArgumentException("an XCP slave needs a bootloader, calibration pages or both");
        }
        this.config = config;
        this.bootloader = bootloader;
        this.calibration = calibration;
    }

    public XcpSlaveConfig config() {
        return config;
    }

    public Optional<Bootloader> bootloader() {
        return Optional.ofNullable(bootloader);
    }

    public Optional<CalibrationPages> calibration() {
        return Optional.ofNullable(calibration);
    }

    public synchronized boolean connected() {
        return connected;
    }

    public synchronized boolean powered() {
        return powered;
    }

    /**
     * True while the running software answers XCP: the bootloader, or an application with calibration pages. An
     * application without XCP (or a device without power) does not.
     */
    public synchronized boolean speaksXcp() {
        return powered && (inBootloader() || calibration != null && (bootloader == null
                || bootloader.mode() == Bootloader.Mode.APPLICATION));
    }

    /** Packets received so far, answered or not. */
    public synchronized long packets() {
        return packets;
    }

    /** Power goes: the session, the calibration RAM page and the bootloader's RAM state are lost. */
    public synchronized void powerCut() {
        powered = false;
        resetSession();
        if (bootloader != null) {
            bootloader.powerCut();
        }
        if (calibration != null) {
            calibration.powerCut();
        }
    }

    /** Power comes back: the bootloader decides what runs. */
    public synchronized void powerOn() {
        powered = true;
        resetSession();
        if (bootloader != null) {
            bootloader.powerOn();
        }
    }

    private void resetSession() {
        connected = false;
        programming = false;
        mta = 0;
        blockRemaining = 0;
        blockAborted = false;
    }

    private boolean inBootloader() {
        return bootloader != null && bootloader.mode() == Bootloader.Mode.BOOTLOADER;
    }

    /**
     * Handles one command packet.
     *
     * @return the response packet, or null for no response (off, not connected, inside a master block, an
     *         application without XCP)
     */
    public synchronized byte[] handle(byte[] packet) {
        packets++;
        if (!powered || packet.length == 0 || bootloader != null && bootloader.mode() == Bootloader.Mode.OFF) {
            return null;
        }
        if (!inBootloader() && calibration == null) {
            return null;
        }
        int code = packet[0] & 0xFF;
        if (!connected && code != XcpCommand.CONNECT.code()) {
            return null;
        }
        if (code != XcpCommand.PROGRAM_NEXT.code()) {
            blockAborted = false;
        }
        try {
            return dispatch(code, packet);
        } catch (XcpRefusal refusal) {
            LOG.debug("XCP slave refuses 0x{}: {}", Integer.toHexString(code), refusal.getMessage());
            if (blockRemaining > 0 || code == XcpCommand.PROGRAM_NEXT.code()) {
                blockRemaining = 0;
                blockAborted = true;
            }
            return new byte[] {(byte) XcpCommand.ERROR, (byte) refusal.error().code()};
        } catch (PowerLostException e) {
            LOG.debug("XCP slave lost power: {}", e.getMessage());
            powerCut();
            return null;
        }
    }

    private byte[] dispatch(int code, byte[] p) throws XcpRefusal {
        XcpCommand cmd = XcpCommand.of(code).orElse(null);
        if (cmd == null) {
            throw unknown(code);
        }
        switch (cmd) {
            case CONNECT:
                resetSession();
                connected = true;
                return connectResponse();
            case DISCONNECT:
                resetSession();
                return ok();
            case GET_STATUS:
                return new byte[] {(byte) XcpCommand.RESPONSE, 0, 0, 0, 0, 0};
            case SYNCH:
                return new byte[] {(byte) XcpCommand.ERROR, (byte) XcpError.CMD_SYNCH.code()};
            case SET_MTA:
                need(p, 8);
                if (p[3] != 0) {
                    throw new XcpRefusal(XcpError.OUT_OF_RANGE, "address extension " + (p[3] & 0xFF) + " does not exist");
                }
                mta = u32(p, 4);
                return ok();
            case UPLOAD: {
                need(p, 2);
                int n = uploadLength(p[1]);
                byte[] data = readMemory(mta, n);
                mta += n;
                return withPid(data);
            }
            case SHORT_UPLOAD: {
                need(p, 8);
                int n = uploadLength(p[1]);
                if (p[3] != 0) {
                    throw new XcpRefusal(XcpError.OUT_OF_RANGE, "address extension " + (p[3] & 0xFF) + " does not exist");
                }
                long address = u32(p, 4);
                byte[] data = readMemory(address, n);
                mta = address + n;
                return withPid(data);
            }
            case BUILD_CHECKSUM:
                return buildChecksum(p);
            case USER_CMD:
                if (p.length >= 3 && p[1] == 0x17 && p[2] == 0x04 && config.firmwareInfo() != null) {
                    return withPid(config.firmwareInfo());
                }
                throw unknown(code);
            case DOWNLOAD:
                return download(p);
            case SET_CAL_PAGE:
                need(p, 4);
                calibrationInApplication(code).select(p[1] & 0xFF, p[2] & 0xFF, p[3] & 0xFF);
                return ok();
            case GET_CAL_PAGE: {
                need(p, 3);
                int page = calibrationInApplication(code).selected(p[1] & 0xFF, p[2] & 0xFF);
                return new byte[] {(byte) XcpCommand.RESPONSE, 0, 0, (byte) page};
            }
            case COPY_CAL_PAGE:
                need(p, 5);
                calibrationInApplication(code).copy(p[1] & 0xFF, p[2] & 0xFF, p[3] & 0xFF, p[4] & 0xFF);
                return ok();
            case PROGRAM_START:
                requireBootloader(code);
                programming = true;
                // COMM_MODE_PGM: bit 0 master block mode, bit 1 interleaved mode (requests answered in order)
                int commModePgm = (config.maxBsPgm() > 0 ? 0x01 : 0) | (config.queueSizePgm() > 0 ? 0x02 : 0);
                return new byte[] {(byte) XcpCommand.RESPONSE, 0, (byte) commModePgm, (byte) config.maxCtoPgm(),
                        (byte) config.maxBsPgm(), 0, (byte) config.queueSizePgm()};
            case PROGRAM_CLEAR:
                requireProgramming(code);
                need(p, 8);
                if (p[1] != 0) {
                    throw new XcpRefusal(XcpError.MODE_NOT_VALID, "only the absolute access mode (0) of PROGRAM_CLEAR");
                }
                bootloader.clear(mta, u32(p, 4));
                return ok();
            case PROGRAM:
                return program(p);
            case PROGRAM_NEXT:
                return programNext(p);
            case PROGRAM_MAX: {
                requireProgramming(code);
                int n = config.maxCtoPgm() - 1;
                need(p, 1 + n);
                write(p, 1, n);
                return ok();
            }
            case PROGRAM_RESET:
                requireBootloader(code);
                resetSession();
                bootloader.reset();
                return ok();
            default:
                throw unknown(code);
        }
    }

    private byte[] connectResponse() {
        int resources = (inBootloader() ? ConnectInfo.PGM : 0) | (!inBootloader() && calibration != null
                ? ConnectInfo.CAL_PAG : 0);
        byte[] r = new byte[8];
        r[0] = (byte) XcpCommand.RESPONSE;
        r[1] = (byte) resources;
        r[2] = (byte) (config.littleEndian() ? 0 : 1);
        r[3] = (byte) config.maxCto();
        Bytes.put16(r, 4, config.maxDto(), config.littleEndian());
        r[6] = 1;
        r[7] = 1;
        return r;
    }

    private byte[] buildChecksum(byte[] p) throws XcpRefusal {
        need(p, 8);
        long size = u32(p, 4);
        int element = config.checksumType().elementBytes();
        if (size < 1 || size > MAX_CHECKSUM_BLOCK || size % element != 0) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, "checksum block of " + size + " bytes");
        }
        byte[] data = readMemory(mta, (int) size);
        mta += size;
        long value = config.checksumType().compute(data, config.littleEndian());
        byte[] r = new byte[8];
        r[0] = (byte) XcpCommand.RESPONSE;
        r[1] = (byte) config.checksumType().code();
        Bytes.put32(r, 4, value, config.littleEndian());
        return r;
    }

    private byte[] download(byte[] p) throws XcpRefusal {
        CalibrationPages pages = calibrationInApplication(XcpCommand.DOWNLOAD.code());
        need(p, 2);
        int n = p[1] & 0xFF;
        if (n < 1 || n > config.maxCto() - 2) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, "DOWNLOAD of " + n + " bytes");
        }
        need(p, 2 + n);
        pages.xcpWrite(mta, p, 2, n);
        mta += n;
        return ok();
    }

    private byte[] program(byte[] p) throws XcpRefusal {
        requireProgramming(XcpCommand.PROGRAM.code());
        need(p, 2);
        int n = p[1] & 0xFF;
        int perPacket = config.maxCtoPgm() - 2;
        blockRemaining = 0;
        if (n == 0) {
            bootloader.commit();
            return ok();
        }
        if (n <= perPacket) {
            need(p, 2 + n);
            write(p, 2, n);
            return ok();
        }
        if (config.maxBsPgm() == 0 || n > config.maxBsPgm() * perPacket) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, "PROGRAM of " + n + " bytes: at most " + perPacket
                    + (config.maxBsPgm() > 0 ? " per packet and " + config.maxBsPgm() * perPacket + " per block" : ""));
        }
        need(p, 2 + perPacket);
        write(p, 2, perPacket);
        blockRemaining = n - perPacket;
        return null;
    }

    private byte[] programNext(byte[] p) throws XcpRefusal {
        if (blockRemaining == 0) {
            if (blockAborted) {
                return null;
            }
            throw new XcpRefusal(XcpError.SEQUENCE, "PROGRAM_NEXT outside a block");
        }
        need(p, 2);
        int remaining = p[1] & 0xFF;
        if (remaining != blockRemaining) {
            throw new XcpRefusal(XcpError.SEQUENCE, "PROGRAM_NEXT says " + remaining + " elements remain, expected "
                    + blockRemaining);
        }
        int n = Math.min(remaining, config.maxCtoPgm() - 2);
        need(p, 2 + n);
        write(p, 2, n);
        blockRemaining -= n;
        return blockRemaining == 0 ? ok() : null;
    }

    private void write(byte[] p, int offset, int n) throws XcpRefusal {
        bootloader.program(mta, p, offset, n);
        mta += n;
    }

    private byte[] readMemory(long address, int n) throws XcpRefusal {
        if (inBootloader()) {
            return bootloader.read(address, n);
        }
        return calibration.xcpRead(address, n);
    }

    private int uploadLength(byte b) throws XcpRefusal {
        int n = b & 0xFF;
        if (n < 1 || n > config.maxDto() - 1) {
            throw new XcpRefusal(XcpError.OUT_OF_RANGE, "upload of " + n + " bytes (block mode is not offered)");
        }
        return n;
    }

    private CalibrationPages calibrationInApplication(int code) throws XcpRefusal {
        if (inBootloader() || calibration == null) {
            throw unknown(code);
        }
        return calibration;
    }

    private void requireBootloader(int code) throws XcpRefusal {
        if (!inBootloader()) {
            throw unknown(code);
        }
    }

    private void requireProgramming(int code) throws XcpRefusal {
        requireBootloader(code);
        if (!programming) {
            throw new XcpRefusal(XcpError.SEQUENCE, "PROGRAM_START first");
        }
    }

    private static XcpRefusal unknown(int code) {
        return new XcpRefusal(XcpError.CMD_UNKNOWN, String.format("command 0x%02X is not offered here", code));
    }

    private static void need(byte[] p, int length) throws XcpRefusal {
        if (p.length < length) {
            throw new XcpRefusal(XcpError.CMD_SYNTAX, "a " + p.length + "-byte packet where " + length + " are needed");
        }
    }

    private long u32(byte[] p, int at) {
        return Bytes.u32(p, at, config.littleEndian());
    }

    private static byte[] ok() {
        return new byte[] {(byte) XcpCommand.RESPONSE};
    }

    private static byte[] withPid(byte[] data) {
        byte[] r = new byte[1 + data.length];
        r[0] = (byte) XcpCommand.RESPONSE;
        System.arraycopy(data, 0, r, 1, data.length);
        return r;
    }

    @Override
    public String toString() {
        return "XCP slave (" + (bootloader != null ? "bootloader, " + bootloader.mode() : "application")
                + (calibration != null ? ", calibration pages" : "") + (powered ? ")" : ", off)");
    }
}
