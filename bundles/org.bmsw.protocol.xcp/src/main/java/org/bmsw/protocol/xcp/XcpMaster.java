package org.bmsw.protocol.xcp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.xcp.internal.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XCP master for one slave: the commands OpenBLT's host loader sends to program flash, and the calibration
 * page commands.
 *
 * <p>Packet sizes come from CONNECT (MAX_CTO, MAX_DTO) and PROGRAM_START (MAX_CTO_PGM), capped by what the
 * transport carries. Programming sends full PROGRAM_MAX packets, or master blocks of PROGRAM + PROGRAM_NEXT when
 * the slave offers block mode and the transport can send without waiting (CAN), so each acknowledgement covers as
 * many bytes as possible; when the slave also offers interleaved mode, the next blocks go out before the answer to
 * the last, so the bus never idles while an answer travels to the host and the next block back.
 *
 * <p>Retries follow XCP's error handling: a command that timed out or got a garbled answer is repeated after a
 * SYNCH, up to {@link XcpTimeouts#retries()} times; a command that moves the memory transfer address (UPLOAD,
 * DOWNLOAD, PROGRAM*, BUILD_CHECKSUM, PROGRAM_CLEAR) is repeated after a fresh SET_MTA, so a lost acknowledgement
 * never shifts data. ERR_CMD_BUSY is repeated after T7. Other negative responses are thrown at once.
 *
 * <p>One command at a time: every method holds this master's lock. An interrupted thread stops between packets
 * with {@link Reason#CLOSED} (cancelling).
 */
public final class XcpMaster {

    /** SET_CAL_PAGE / GET_CAL_PAGE mode bits. */
    public static final int PAGE_ECU = 0x01;
    public static final int PAGE_XCP = 0x02;
    public static final int PAGE_ALL_SEGMENTS = 0x80;

    /** The USER_CMD sub-command of OpenBLT's loader asking for the firmware info table. */
    static final byte[] FIRMWARE_INFO_REQUEST = {0x17, 0x04};

    private static final Logger LOG = LoggerFactory.getLogger(XcpMaster.class);
    private static final int MAX_BUSY_REPEATS = 5;
    private static final int MAX_BLOCK_ELEMENTS = 255;
    private static final int ANY_LENGTH = -1;
    private static final int RESYNC_ATTEMPTS = 3;
    /** How long answers still on their way are waited for after interleaved programming failed. */
    private static final Duration DRAIN_WAIT = Duration.ofMillis(50);

    private final XcpTransport transport;
    private final XcpTimeouts timeouts;
    private final ReentrantLock transaction = new ReentrantLock();
    private ConnectInfo connection;
    private ProgramInfo programming;
    /**
     * Where the slave's MTA stands after the last PROGRAM run ended well (every PROGRAM moves it on), so a run that
     * continues there needs no SET_MTA; -1 when unknown (any other command, any failure).
     */
    private long mtaAfterProgram = -1;

    public XcpMaster(XcpTransport transport, XcpTimeouts timeouts) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        if (transport.maxPacketLength() < 8) {
            throw new IllegalArgumentException(transport.describe() + " carries only " + transport.maxPacketLength()
                    + "-byte packets; XCP needs at least 8");
        }
    }

    /** A master with OpenBLT's timeouts. */
    public static XcpMaster on(XcpTransport transport) {
        return new XcpMaster(transport, XcpTimeouts.openBlt());
    }

    public XcpTransport transport() {
        return transport;
    }

    public XcpTimeouts timeouts() {
        return timeouts;
    }

    /** The present connection, empty before CONNECT and after DISCONNECT or PROGRAM_RESET. */
    public Optional<ConnectInfo> connection() {
        transaction.lock();
        try {
            return Optional.ofNullable(connection);
        } finally {
            transaction.unlock();
        }
    }

    /** The programming session, empty before PROGRAM_START. */
    public Optional<ProgramInfo> programming() {
        transaction.lock();
        try {
            return Optional.ofNullable(programming);
        } finally {
            transaction.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ session

    /** CONNECT in normal mode. */
    public ConnectInfo connect() throws XcpException {
        return connect(0);
    }

    /**
     * CONNECT: sent up to {@link XcpTimeouts#connectAttempts()} times, waiting T6 each (a device that is still
     * starting its bootloader answers a later attempt).
     *
     * @param mode 0 normal, 1 user defined
     */
    public ConnectInfo connect(int mode) throws XcpException {
        transaction.lock();
        try {
            connection = null;
            programming = null;
            mtaAfterProgram = -1;
            byte[] packet = {(byte) XcpCommand.CONNECT.code(), (byte) mode};
            XcpException last = null;
            for (int attempt = 1; attempt <= timeouts.connectAttempts(); attempt++) {
                checkCancelled(XcpCommand.CONNECT);
                try {
                    byte[] response = transport.exchange(packet, timeouts.t6());
                    connection = parseConnect(checkResponse(XcpCommand.CONNECT, response, 8));
                    if (attempt > 1) {
                        resynchronise();
                    }
                    LOG.debug("{}: connected, MAX_CTO {} MAX_DTO {} (in use {} / {})", transport.describe(),
                            connection.slaveMaxCto(), connection.slaveMaxDto(), connection.maxCto(), connection.maxDto());
                    return connection;
                } catch (XcpException e) {
                    if (e.reason() != Reason.TIMEOUT && e.reason() != Reason.PROTOCOL) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw new XcpException(last.reason(), String.format("%s: no XCP slave answered CONNECT (%d attempts, %d ms each)"
                    + ": is the device powered, connected and in its bootloader? Last: %s", transport.describe(),
                    timeouts.connectAttempts(), timeouts.t6().toMillis(), last.getMessage()), XcpCommand.CONNECT, last);
        } finally {
            transaction.unlock();
        }
    }

    private ConnectInfo parseConnect(byte[] r) throws XcpException {
        int resources = r[1] & 0xFF;
        int commMode = r[2] & 0xFF;
        int maxCto = r[3] & 0xFF;
        boolean little = (commMode & 0x01) == 0;
        int maxDto = little ? (r[4] & 0xFF) | (r[5] & 0xFF) << 8 : (r[4] & 0xFF) << 8 | (r[5] & 0xFF);
        if (maxCto < 8 || maxDto < 8) {
            throw new XcpException(Reason.PROTOCOL, String.format("%s: CONNECT response %s gives MAX_CTO %d / MAX_DTO %d;"
                    + " XCP needs at least 8", transport.describe(), Bytes.hex(r), maxCto, maxDto), XcpCommand.CONNECT, null);
        }
        if ((commMode & 0x06) != 0) {
            throw new XcpException(Reason.UNSUPPORTED, String.format("%s: the slave addresses memory in %d-byte units;"
                    + " this master handles byte granularity only", transport.describe(), 1 << ((commMode >> 1) & 3)),
                    XcpCommand.CONNECT, null);
        }
        int cap = transport.maxPacketLength();
        return new ConnectInfo(resources, commMode, maxCto, maxDto, r[6] & 0xFF, r[7] & 0xFF, Math.min(maxCto, cap),
                Math.min(maxDto, cap));
    }

    /** DISCONNECT; the session ends even if the slave does not answer. */
    public void disconnect() throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.DISCONNECT);
            try {
                command(XcpCommand.DISCONNECT, new byte[] {(byte) XcpCommand.DISCONNECT.code()}, timeouts.t1(), true, 1);
            } finally {
                connection = null;
                programming = null;
            }
        } finally {
            transaction.unlock();
        }
    }

    /** GET_STATUS. */
    public XcpStatus getStatus() throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.GET_STATUS);
            byte[] r = command(XcpCommand.GET_STATUS, new byte[] {(byte) XcpCommand.GET_STATUS.code()}, timeouts.t1(), true, 6);
            return new XcpStatus(r[1] & 0xFF, r[2] & 0xFF, Bytes.u16(r, 4, connection.littleEndian()));
        } finally {
            transaction.unlock();
        }
    }

    /**
     * USER_CMD {@code F1 17 04}, which OpenBLT's loader uses to ask for the firmware info table.
     *
     * @return the response after its PID, or empty when the slave has no table (it answers ERR_CMD_UNKNOWN)
     * @throws XcpException {@code TIMEOUT} if the slave stays silent (OpenBLT's loader aborts then too)
     */
    public Optional<byte[]> firmwareInfo() throws XcpException {
        try {
            return Optional.of(userCommand(FIRMWARE_INFO_REQUEST));
        } catch (XcpException e) {
            if (e.error().filter(err -> err == XcpError.CMD_UNKNOWN).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** USER_CMD with these bytes after the F1; returns the response after its PID. */
    public byte[] userCommand(byte... parameters) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.USER_CMD);
            byte[] packet = new byte[1 + parameters.length];
            packet[0] = (byte) XcpCommand.USER_CMD.code();
            System.arraycopy(parameters, 0, packet, 1, parameters.length);
            byte[] r = command(XcpCommand.USER_CMD, packet, timeouts.t1(), true, ANY_LENGTH);
            return Arrays.copyOfRange(r, 1, r.length);
        } finally {
            transaction.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ memory

    /** SET_MTA (address extension 0). */
    public void setMta(long address) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.SET_MTA);
            sendSetMta(address);
        } finally {
            transaction.unlock();
        }
    }

    private void sendSetMta(long address) throws XcpException {
        checkAddress(XcpCommand.SET_MTA, address, 0);
        byte[] packet = new byte[8];
        packet[0] = (byte) XcpCommand.SET_MTA.code();
        Bytes.put32(packet, 4, address, connection.littleEndian());
        command(XcpCommand.SET_MTA, packet, timeouts.t1(), true, 1);
    }

    /** UPLOAD of 1..MAX_DTO-1 bytes from the MTA (which moves on by {@code length}). */
    public byte[] upload(int length) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.UPLOAD);
            checkLength(XcpCommand.UPLOAD, length, connection.maxDto() - 1);
            return sendUpload(length);
        } finally {
            transaction.unlock();
        }
    }

    private byte[] sendUpload(int length) throws XcpException {
        byte[] r = command(XcpCommand.UPLOAD, new byte[] {(byte) XcpCommand.UPLOAD.code(), (byte) length}, timeouts.t1(),
                false, 1 + length);
        return Arrays.copyOfRange(r, 1, 1 + length);
    }

    /** SHORT_UPLOAD of 1..MAX_DTO-1 bytes from {@code address}. */
    public byte[] shortUpload(long address, int length) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.SHORT_UPLOAD);
            checkLength(XcpCommand.SHORT_UPLOAD, length, connection.maxDto() - 1);
            checkAddress(XcpCommand.SHORT_UPLOAD, address, length);
            byte[] packet = new byte[8];
            packet[0] = (byte) XcpCommand.SHORT_UPLOAD.code();
            packet[1] = (byte) length;
            Bytes.put32(packet, 4, address, connection.littleEndian());
            byte[] r = command(XcpCommand.SHORT_UPLOAD, packet, timeouts.t1(), true, 1 + length);
            return Arrays.copyOfRange(r, 1, 1 + length);
        } finally {
            transaction.unlock();
        }
    }

    /** Reads any number of bytes: SET_MTA, then UPLOADs of MAX_DTO-1 bytes. */
    public byte[] read(long address, int length) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.UPLOAD);
            checkAddress(XcpCommand.UPLOAD, address, length);
            byte[] out = new byte[length];
            int chunk = connection.maxDto() - 1;
            sendSetMta(address);
            for (int done = 0; done < length; ) {
                int n = Math.min(chunk, length - done);
                final int at = done;
                byte[] part = withMtaRetry(XcpCommand.UPLOAD, address + at, () -> sendUpload(n));
                System.arraycopy(part, 0, out, at, n);
                done += n;
            }
            return out;
        } finally {
            transaction.unlock();
        }
    }

    /** DOWNLOAD of 1..MAX_CTO-2 bytes to the MTA (which moves on). */
    public void download(byte[] data) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.DOWNLOAD);
            checkLength(XcpCommand.DOWNLOAD, data.length, connection.maxCto() - 2);
            sendDownload(data, 0, data.length);
        } finally {
            transaction.unlock();
        }
    }

    private void sendDownload(byte[] data, int offset, int length) throws XcpException {
        byte[] packet = new byte[2 + length];
        packet[0] = (byte) XcpCommand.DOWNLOAD.code();
        packet[1] = (byte) length;
        System.arraycopy(data, offset, packet, 2, length);
        command(XcpCommand.DOWNLOAD, packet, timeouts.t1(), false, 1);
    }

    /** Writes any number of bytes (calibration memory): SET_MTA, then DOWNLOADs of MAX_CTO-2 bytes. */
    public void write(long address, byte[] data) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.DOWNLOAD);
            checkAddress(XcpCommand.DOWNLOAD, address, data.length);
            int chunk = connection.maxCto() - 2;
            sendSetMta(address);
            for (int done = 0; done < data.length; ) {
                int n = Math.min(chunk, data.length - done);
                final int at = done;
                withMtaRetry(XcpCommand.DOWNLOAD, address + at, () -> {
                    sendDownload(data, at, n);
                    return null;
                });
                done += n;
            }
        } finally {
            transaction.unlock();
        }
    }

    /** BUILD_CHECKSUM over {@code size} bytes from {@code address} (SET_MTA first). Waits up to T4. */
    public Checksum checksum(long address, long size) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.BUILD_CHECKSUM);
            checkAddress(XcpCommand.BUILD_CHECKSUM, address, size);
            if (size < 1) {
                throw invalid(XcpCommand.BUILD_CHECKSUM, "the block size must be positive, got " + size);
            }
            sendSetMta(address);
            return withMtaRetry(XcpCommand.BUILD_CHECKSUM, address, () -> {
                byte[] packet = new byte[8];
                packet[0] = (byte) XcpCommand.BUILD_CHECKSUM.code();
                Bytes.put32(packet, 4, size, connection.littleEndian());
                byte[] r = command(XcpCommand.BUILD_CHECKSUM, packet, timeouts.t4(), false, 8);
                return new Checksum(r[1] & 0xFF, Bytes.u32(r, 4, connection.littleEndian()));
            });
        } finally {
            transaction.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ calibration

    /** SET_CAL_PAGE: makes {@code page} of {@code segment} the one ECU and/or XCP access uses ({@link #PAGE_ECU} ...). */
    public void setCalPage(int mode, int segment, int page) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.SET_CAL_PAGE);
            command(XcpCommand.SET_CAL_PAGE, new byte[] {(byte) XcpCommand.SET_CAL_PAGE.code(), (byte) mode,
                    (byte) segment, (byte) page}, timeouts.t1(), true, 1);
        } finally {
            transaction.unlock();
        }
    }

    /** GET_CAL_PAGE: the page {@code segment} uses for ECU ({@link #PAGE_ECU}) or XCP ({@link #PAGE_XCP}) access. */
    public int getCalPage(int mode, int segment) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.GET_CAL_PAGE);
            byte[] r = command(XcpCommand.GET_CAL_PAGE, new byte[] {(byte) XcpCommand.GET_CAL_PAGE.code(), (byte) mode,
                    (byte) segment}, timeouts.t1(), true, 4);
            return r[3] & 0xFF;
        } finally {
            transaction.unlock();
        }
    }

    /** COPY_CAL_PAGE, e.g. the RAM page onto the flash page to persist it. Waits up to T4 (it writes flash). */
    public void copyCalPage(int sourceSegment, int sourcePage, int targetSegment, int targetPage) throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.COPY_CAL_PAGE);
            command(XcpCommand.COPY_CAL_PAGE, new byte[] {(byte) XcpCommand.COPY_CAL_PAGE.code(), (byte) sourceSegment,
                    (byte) sourcePage, (byte) targetSegment, (byte) targetPage}, timeouts.t4(), true, 1);
        } finally {
            transaction.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ programming

    /** PROGRAM_START (T3): enters programming and learns MAX_CTO_PGM and block mode. */
    public ProgramInfo programStart() throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.PROGRAM_START);
            byte[] r = command(XcpCommand.PROGRAM_START, new byte[] {(byte) XcpCommand.PROGRAM_START.code()},
                    timeouts.t3(), true, 7);
            int slaveMax = r[3] & 0xFF;
            if (slaveMax < 2) {
                throw new XcpException(Reason.PROTOCOL, String.format("%s: PROGRAM_START response %s gives MAX_CTO_PGM %d",
                        transport.describe(), Bytes.hex(r), slaveMax), XcpCommand.PROGRAM_START, null);
            }
            programming = new ProgramInfo(r[2] & 0xFF, slaveMax, r[4] & 0xFF, r[5] & 0xFF, r[6] & 0xFF,
                    Math.min(slaveMax, transport.maxPacketLength()));
            return programming;
        } finally {
            transaction.unlock();
        }
    }

    /** SET_MTA and PROGRAM_CLEAR of {@code length} bytes from {@code address} (absolute mode). Waits up to T4. */
    public void programClear(long address, long length) throws XcpException {
        transaction.lock();
        try {
            requireProgramming(XcpCommand.PROGRAM_CLEAR);
            checkAddress(XcpCommand.PROGRAM_CLEAR, address, length);
            if (length < 1) {
                throw invalid(XcpCommand.PROGRAM_CLEAR, "the range must be positive, got " + length);
            }
            sendSetMta(address);
            withMtaRetry(XcpCommand.PROGRAM_CLEAR, address, () -> {
                byte[] packet = new byte[8];
                packet[0] = (byte) XcpCommand.PROGRAM_CLEAR.code();
                Bytes.put32(packet, 4, length, connection.littleEndian());
                command(XcpCommand.PROGRAM_CLEAR, packet, timeouts.t4(), false, 1);
                return null;
            });
        } finally {
            transaction.unlock();
        }
    }

    /** Programs all of {@code data} at {@code address}. */
    public void program(long address, byte[] data) throws XcpException {
        program(address, data, 0, data.length, ProgressListener.NONE);
    }

    /**
     * Programs {@code length} bytes of {@code data} at {@code address}: SET_MTA, then full PROGRAM_MAX packets
     * (PROGRAM for the rest), or master blocks where the slave and transport allow them. Every packet waits T5 for
     * its acknowledgement; a lost one is repeated after SET_MTA to its own address. {@code progress} hears of every
     * acknowledgement and can stop the transfer between two packets or blocks ({@link ProgressListener#cancelled()}).
     */
    public void program(long address, byte[] data, int offset, int length, ProgressListener progress)
            throws XcpException {
        Objects.checkFromIndexSize(offset, length, data.length);
        transaction.lock();
        try {
            requireProgramming(XcpCommand.PROGRAM);
            checkAddress(XcpCommand.PROGRAM, address, length);
            if (length == 0) {
                return;
            }
            boolean mtaThere = mtaAfterProgram == address;
            mtaAfterProgram = -1;
            boolean blocks = programming.masterBlockMode() && transport.supportsBlockMode();
            if (blocks && programming.interleaved()) {
                programInterleaved(address, data, offset, length, mtaThere, progress);
            } else {
                programAcknowledged(address, data, offset, length, 0, mtaThere, progress);
            }
            mtaAfterProgram = address + length;
        } finally {
            transaction.unlock();
        }
    }

    /** Every packet or block waits for its answer before the next goes out. */
    private void programAcknowledged(long address, byte[] data, int offset, int length, int alreadyDone,
                                     boolean mtaThere, ProgressListener progress) throws XcpException {
        boolean blocks = programming.masterBlockMode() && transport.supportsBlockMode();
        int perPacket = programming.maxCtoPgm() - 2;
        int chunk = blocks ? Math.min(MAX_BLOCK_ELEMENTS, programming.maxBsPgm() * perPacket)
                : programming.programMaxUsable() ? programming.maxCtoPgm() - 1 : perPacket;
        if (!mtaThere) {
            sendSetMta(address);
        }
        for (int done = 0; done < length; ) {
            checkCancelled(XcpCommand.PROGRAM, progress);
            int n = Math.min(chunk, length - done);
            final int at = offset + done;
            withMtaRetry(XcpCommand.PROGRAM, address + done, () -> {
                if (blocks) {
                    sendProgramBlock(data, at, n, true);
                } else if (n == programming.maxCtoPgm() - 1 && programming.programMaxUsable()) {
                    byte[] packet = new byte[1 + n];
                    packet[0] = (byte) XcpCommand.PROGRAM_MAX.code();
                    System.arraycopy(data, at, packet, 1, n);
                    command(XcpCommand.PROGRAM_MAX, packet, timeouts.t5(), false, 1);
                } else {
                    sendProgram(data, at, n);
                }
                return null;
            });
            done += n;
            progress.progress(alreadyDone + done, alreadyDone + length);
        }
    }

    /**
     * Master blocks in XCP's interleaved mode: up to QUEUE_SIZE_PGM blocks more than the one being answered are on
     * their way. When an answer is late or garbled, the answers still coming are drained and programming goes on
     * acknowledged block by block from the first block without an answer (after SYNCH and SET_MTA to it), so a lost
     * answer never shifts data; a negative answer is thrown at once.
     */
    private void programInterleaved(long address, byte[] data, int offset, int length, boolean mtaThere,
                                    ProgressListener progress) throws XcpException {
        int chunk = Math.min(MAX_BLOCK_ELEMENTS, programming.maxBsPgm() * (programming.maxCtoPgm() - 2));
        int window = programming.queueSizePgm() + 1;
        ArrayDeque<Integer> unanswered = new ArrayDeque<>();
        int sent = 0;
        int acknowledged = 0;
        if (!mtaThere) {
            sendSetMta(address);
        }
        try {
            while (acknowledged < length) {
                while (sent < length && unanswered.size() < window) {
                    checkCancelled(XcpCommand.PROGRAM, progress);
                    int n = Math.min(chunk, length - sent);
                    sendProgramBlock(data, offset + sent, n, false);
                    unanswered.add(n);
                    sent += n;
                }
                checkResponse(XcpCommand.PROGRAM, transport.receive(timeouts.t5()), 1);
                acknowledged += unanswered.removeFirst();
                progress.progress(acknowledged, length);
            }
        } catch (XcpException e) {
            drainResponses();
            if (e.reason() != Reason.TIMEOUT && e.reason() != Reason.PROTOCOL) {
                throw e;
            }
            LOG.debug("{}: an answer to an interleaved block failed ({}); going on block by block from 0x{}",
                    transport.describe(), e.getMessage(), Long.toHexString(address + acknowledged));
            synch();
            programAcknowledged(address + acknowledged, data, offset + acknowledged, length - acknowledged, acknowledged,
                    false, progress);
        }
    }

    /** Drops answers still on their way to requests given up on, so none is taken for the answer to a later one. */
    private void drainResponses() {
        try {
            while (true) {
                transport.receive(DRAIN_WAIT);
            }
        } catch (XcpException e) {
            LOG.trace("{}: no more answers ({})", transport.describe(), e.getMessage());
        }
    }

    private void sendProgram(byte[] data, int offset, int n) throws XcpException {
        byte[] packet = new byte[2 + n];
        packet[0] = (byte) XcpCommand.PROGRAM.code();
        packet[1] = (byte) n;
        System.arraycopy(data, offset, packet, 2, n);
        command(XcpCommand.PROGRAM, packet, timeouts.t5(), false, 1);
    }

    /**
     * PROGRAM with the block's element count, then PROGRAM_NEXTs with what remains; only the last is answered. With
     * {@code awaitAnswer} false the last is sent like the others and its answer is left to {@link XcpTransport#receive}.
     */
    private void sendProgramBlock(byte[] data, int offset, int n, boolean awaitAnswer) throws XcpException {
        int perPacket = programming.maxCtoPgm() - 2;
        long separationNanos = programming.minStPgm() * 100_000L;
        int sent = 0;
        while (true) {
            int part = Math.min(perPacket, n - sent);
            boolean first = sent == 0;
            boolean last = sent + part == n;
            XcpCommand cmd = first ? XcpCommand.PROGRAM : XcpCommand.PROGRAM_NEXT;
            byte[] packet = new byte[2 + part];
            packet[0] = (byte) cmd.code();
            packet[1] = (byte) (n - sent);
            System.arraycopy(data, offset + sent, packet, 2, part);
            if (last && awaitAnswer) {
                command(cmd, packet, timeouts.t5(), false, 1);
                return;
            }
            transport.send(packet);
            if (last) {
                return;
            }
            sent += part;
            if (separationNanos > 0) {
                LockSupport.parkNanos(separationNanos);
            }
        }
    }

    /** PROGRAM with length 0: the end of programming; the slave commits what it received. */
    public void programEnd() throws XcpException {
        transaction.lock();
        try {
            requireProgramming(XcpCommand.PROGRAM);
            command(XcpCommand.PROGRAM, new byte[] {(byte) XcpCommand.PROGRAM.code(), 0}, timeouts.t5(), true, 1);
        } finally {
            transaction.unlock();
        }
    }

    /**
     * PROGRAM_RESET (T5): the slave restarts, into its application when that is valid. A slave may reset without
     * answering, so silence is fine. The session ends either way.
     */
    public void programReset() throws XcpException {
        transaction.lock();
        try {
            requireConnected(XcpCommand.PROGRAM_RESET);
            try {
                command(XcpCommand.PROGRAM_RESET, new byte[] {(byte) XcpCommand.PROGRAM_RESET.code()}, timeouts.t5(),
                        false, 1);
            } catch (XcpException e) {
                if (e.reason() != Reason.TIMEOUT) {
                    throw e;
                }
                LOG.debug("{}: no answer to PROGRAM_RESET (allowed)", transport.describe());
            } finally {
                connection = null;
                programming = null;
            }
        } finally {
            transaction.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ engine

    @FunctionalInterface
    private interface Step<T> {
        T run() throws XcpException;
    }

    /** Runs a step that moves the MTA; after a timeout or garbled reply, sets the MTA back and runs it again. */
    private <T> T withMtaRetry(XcpCommand cmd, long address, Step<T> step) throws XcpException {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.run();
            } catch (XcpException e) {
                boolean retryable = e.reason() == Reason.TIMEOUT || e.reason() == Reason.PROTOCOL;
                if (!retryable || attempt >= timeouts.retries()) {
                    throw attempt == 0 ? e : new XcpException(e.reason(), e.getMessage() + " (after " + attempt
                            + (attempt == 1 ? " repeat" : " repeats") + String.format(" from 0x%08X)", address),
                            e.commandCode(), e.errorCode().orElse(-1), e);
                }
                LOG.debug("{}: {} failed ({}), repeating from 0x{}", transport.describe(), cmd, e.getMessage(),
                        Long.toHexString(address));
                synch();
                sendSetMta(address);
            }
        }
    }

    /**
     * Sends one command and returns its positive response ({@code length} bytes). Timeouts and garbled
     * replies are repeated after a SYNCH when {@code repeatable}; ERR_CMD_BUSY is repeated after T7.
     */
    private byte[] command(XcpCommand cmd, byte[] packet, Duration timeout, boolean repeatable, int length)
            throws XcpException {
        int limit = connection != null ? connection.maxCto() : transport.maxPacketLength();
        if (cmd == XcpCommand.PROGRAM || cmd == XcpCommand.PROGRAM_MAX || cmd == XcpCommand.PROGRAM_NEXT) {
            limit = programming.maxCtoPgm();
        } else {
            mtaAfterProgram = -1;
        }
        if (packet.length > limit) {
            throw invalid(cmd, "a " + packet.length + "-byte packet exceeds the negotiated " + limit + " bytes");
        }
        int attempts = repeatable ? timeouts.retries() + 1 : 1;
        int busy = 0;
        XcpException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            checkCancelled(cmd);
            byte[] response;
            try {
                response = transport.exchange(packet, timeout);
                if (response.length > 0 && (response[0] & 0xFF) == XcpCommand.ERROR && response.length >= 2
                        && (response[1] & 0xFF) == XcpError.CMD_BUSY.code() && busy++ < MAX_BUSY_REPEATS) {
                    LOG.debug("{}: {} busy, repeating after T7", transport.describe(), cmd);
                    sleep(timeouts.t7(), cmd);
                    attempt--;
                    continue;
                }
                return checkResponse(cmd, response, length);
            } catch (XcpException e) {
                if (e.reason() != Reason.TIMEOUT && e.reason() != Reason.PROTOCOL) {
                    throw e;
                }
                last = e;
                if (attempt < attempts) {
                    LOG.debug("{}: {} failed ({}), SYNCH and repeat", transport.describe(), cmd, e.getMessage());
                    synch();
                }
            }
        }
        if (attempts == 1) {
            throw last;
        }
        throw new XcpException(last.reason(), last.getMessage() + " (" + attempts + " attempts)", cmd, last);
    }

    /**
     * The response if it is positive and as long as the command's response is ({@code length}, or any length for
     * {@link #ANY_LENGTH}; a response padded to a whole 8-byte CAN frame is taken too). The exact length catches a
     * late answer to an earlier command, which Modbus and CAN cannot tell apart otherwise. A negative response
     * becomes {@link Reason#REJECTED}.
     */
    private byte[] checkResponse(XcpCommand cmd, byte[] r, int length) throws XcpException {
        if (r.length == 0) {
            throw new XcpException(Reason.PROTOCOL, transport.describe() + ": empty response to " + cmd.describe(), cmd, null);
        }
        int pid = r[0] & 0xFF;
        if (pid == XcpCommand.ERROR && r.length >= 2) {
            int code = r[1] & 0xFF;
            if (code == XcpError.CMD_SYNCH.code()) {
                throw new XcpException(Reason.PROTOCOL, transport.describe() + ": a late answer to SYNCH came instead of"
                        + " the answer to " + cmd.describe(), cmd, null);
            }
            throw new XcpException(Reason.REJECTED, String.format("%s refused %s: %s", transport.describe(),
                    cmd.describe(), XcpError.describe(code)), cmd.code(), code, null);
        }
        if (pid != XcpCommand.RESPONSE) {
            throw new XcpException(Reason.PROTOCOL, String.format("%s: the response to %s is %s, neither positive (FF)"
                    + " nor an error (FE xx)", transport.describe(), cmd.describe(), Bytes.hex(r)), cmd, null);
        }
        boolean padded = transport.maxPacketLength() == XcpTransports.CAN_MAX_PACKET
                && r.length == XcpTransports.CAN_MAX_PACKET && r.length > length;
        if (length != ANY_LENGTH && r.length != length && !padded) {
            throw new XcpException(Reason.PROTOCOL, String.format("%s: the response to %s has %d bytes, expected %d: %s",
                    transport.describe(), cmd.describe(), r.length, length, Bytes.hex(r)), cmd, null);
        }
        return r;
    }

    /**
     * After a CONNECT that needed more than one attempt, the answer to an earlier attempt may still be on its way
     * and would be taken for the answer to the next command: SYNCH until its own answer (ERR_CMD_SYNCH) comes back.
     */
    private void resynchronise() {
        for (int i = 0; i < RESYNC_ATTEMPTS; i++) {
            try {
                byte[] r = transport.exchange(new byte[] {(byte) XcpCommand.SYNCH.code()}, timeouts.t6());
                if (r.length >= 2 && (r[0] & 0xFF) == XcpCommand.ERROR && r[1] == XcpError.CMD_SYNCH.code()) {
                    return;
                }
            } catch (XcpException e) {
                LOG.debug("{}: SYNCH after CONNECT failed: {}", transport.describe(), e.getMessage());
            }
        }
    }

    /** SYNCH, XCP's pre-action before repeating a command: its expected answer is ERR_CMD_SYNCH; failures are ignored. */
    private void synch() {
        try {
            transport.exchange(new byte[] {(byte) XcpCommand.SYNCH.code()}, timeouts.t1());
        } catch (XcpException e) {
            LOG.debug("{}: SYNCH failed: {}", transport.describe(), e.getMessage());
        }
    }

    private void requireConnected(XcpCommand cmd) throws XcpException {
        if (connection == null) {
            throw invalid(cmd, "not connected (CONNECT first)");
        }
    }

    private void requireProgramming(XcpCommand cmd) throws XcpException {
        requireConnected(cmd);
        if (programming == null) {
            throw invalid(cmd, "no programming session (PROGRAM_START first)");
        }
    }

    private void checkLength(XcpCommand cmd, int length, int max) throws XcpException {
        if (length < 1 || length > max) {
            throw invalid(cmd, "length must be 1.." + max + " with the negotiated packet sizes, got " + length);
        }
    }

    private void checkAddress(XcpCommand cmd, long address, long length) throws XcpException {
        if (address < 0 || length < 0 || address + length > 0x1_0000_0000L) {
            throw invalid(cmd, String.format("the range 0x%X + %d is outside the 32-bit address space", address, length));
        }
    }

    private XcpException invalid(XcpCommand cmd, String why) {
        return new XcpException(Reason.INVALID, transport.describe() + ": " + cmd.describe() + " not sent: " + why, cmd,
                null);
    }

    private void checkCancelled(XcpCommand cmd, ProgressListener progress) throws XcpException {
        checkCancelled(cmd);
        if (progress.cancelled()) {
            throw new XcpException(Reason.CLOSED, transport.describe() + ": cancelled before " + cmd.describe(), cmd, null);
        }
    }

    private void checkCancelled(XcpCommand cmd) throws XcpException {
        if (Thread.currentThread().isInterrupted()) {
            throw new XcpException(Reason.CLOSED, transport.describe() + ": cancelled before " + cmd.describe(), cmd, null);
        }
    }

    private void sleep(Duration d, XcpCommand cmd) throws XcpException {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XcpException(Reason.CLOSED, transport.describe() + ": cancelled while " + cmd.describe()
                    + " was busy", cmd, e);
        }
    }
}
