package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.FunctionCodes.BROADCAST;
import static org.bmsw.protocol.modbus.FunctionCodes.EXCEPTION_FLAG;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_ADU;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_READ_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_WRITE_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.READ_HOLDING_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.READ_INPUT_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.WRITE_MULTIPLE_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.WRITE_SINGLE_REGISTER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.modbus.internal.BusTiming;
import org.bmsw.protocol.modbus.internal.Hex;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU master (client) on one {@link ByteLink}.
 *
 * <p>Every attempt of a request holds {@link ByteLink#lock()} from the idle wait before the request to the end of the
 * reply, so several masters (one per device address, or one shared) can use the same bus. Before each request the
 * input is discarded and the line is kept idle for 3.5 characters (shared per link, so it also holds after another
 * master's transaction or a broadcast). The reply is read by its expected length, computed from the request (5 bytes
 * for an exception response), not by waiting for silence, so a transaction takes about its wire time. Bytes before
 * a plausible reply header (noise when the RS485 driver turns around) are skipped.
 *
 * <p>Timeouts, CRC errors and malformed replies are counted in the link's {@link LinkStatistics} and retried
 * {@link ModbusSettings#retries()} times, after draining the line until it is silent. Exception responses are
 * counted and thrown at once as {@link org.bmsw.device.api.DeviceException.Reason#REJECTED}, never retried. Requests to
 * the broadcast address 0 (writes only) are sent once and not answered.
 *
 * <p>Thread-safe. Addresses are "PDU addresses" (0-based, as on the wire).
 */
public final class ModbusRtuMaster {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuMaster.class);

    private static final int SKIP = -3;

    private final ByteLink link;
    private final ModbusSettings settings;
    private final BusTiming bus;

    public ModbusRtuMaster(ByteLink link, ModbusSettings settings) {
        this.link = Objects.requireNonNull(link, "link");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bus = BusTiming.of(link);
    }

    /** A master with {@link ModbusSettings#defaults()}. */
    public static ModbusRtuMaster on(ByteLink link) {
        return new ModbusRtuMaster(link, ModbusSettings.defaults());
    }

    public static ModbusRtuMaster on(ByteLink link, ModbusSettings settings) {
        return new ModbusRtuMaster(link, settings);
    }

    /** A master on the same link (same bus timing) with other settings, e.g. a longer timeout for a flash erase. */
    public ModbusRtuMaster withSettings(ModbusSettings newSettings) {
        return new ModbusRtuMaster(link, newSettings);
    }

    public ByteLink link() {
        return link;
    }

    public ModbusSettings settings() {
        return settings;
    }

    /** This master bound to one device address. */
    public ModbusUnit unit(int address) {
        return new ModbusUnit(this, address);
    }

    // ------------------------------------------------------------------------------------------------ operations

    /** FC 03: reads 1..125 holding registers. Values are 0..65535. */
    public int[] readHoldingRegisters(int unit, int address, int count) throws ModbusException {
        return readRegisters(unit, READ_HOLDING_REGISTERS, address, count);
    }

    /** FC 04: reads 1..125 input registers. Values are 0..65535. */
    public int[] readInputRegisters(int unit, int address, int count) throws ModbusException {
        return readRegisters(unit, READ_INPUT_REGISTERS, address, count);
    }

    /** Reads any number of holding registers, in requests of at most {@link ModbusSettings#maxReadRegisters()}. */
    public int[] readHoldingRange(int unit, int address, int count) throws ModbusException {
        return readRange(unit, READ_HOLDING_REGISTERS, address, count);
    }

    /** Reads any number of input registers, in requests of at most {@link ModbusSettings#maxReadRegisters()}. */
    public int[] readInputRange(int unit, int address, int count) throws ModbusException {
        return readRange(unit, READ_INPUT_REGISTERS, address, count);
    }

    /** FC 06: writes one holding register ({@code value} 0..65535); checks the echo. Unit 0 broadcasts. */
    public void writeSingleRegister(int unit, int address, int value) throws ModbusException {
        String what = String.format("write of register 0x%04X", address);
        checkUnit(unit, WRITE_SINGLE_REGISTER, what, true);
        checkRange(unit, WRITE_SINGLE_REGISTER, what, address, 1, 1);
        checkValue(unit, WRITE_SINGLE_REGISTER, what, value);
        byte[] pdu = {(byte) WRITE_SINGLE_REGISTER, (byte) (address >>> 8), (byte) address, (byte) (value >>> 8),
                (byte) value};
        Request req = new Request(unit, pdu, what, FrameLength.fixedPdu(5), address);
        req.echoMustMatch = pdu;
        execute(req);
    }

    /** FC 16: writes 1..123 holding registers; checks the echoed address and count. Unit 0 broadcasts. */
    public void writeMultipleRegisters(int unit, int address, int... values) throws ModbusException {
        Objects.requireNonNull(values, "values");
        String what = describeRegisters("write of", "register", address, values.length);
        checkUnit(unit, WRITE_MULTIPLE_REGISTERS, what, true);
        checkRange(unit, WRITE_MULTIPLE_REGISTERS, what, address, values.length, MAX_WRITE_REGISTERS);
        byte[] pdu = new byte[6 + 2 * values.length];
        pdu[0] = (byte) WRITE_MULTIPLE_REGISTERS;
        pdu[1] = (byte) (address >>> 8);
        pdu[2] = (byte) address;
        pdu[3] = (byte) (values.length >>> 8);
        pdu[4] = (byte) values.length;
        pdu[5] = (byte) (2 * values.length);
        for (int i = 0; i < values.length; i++) {
            checkValue(unit, WRITE_MULTIPLE_REGISTERS, what, values[i]);
            pdu[6 + 2 * i] = (byte) (values[i] >>> 8);
            pdu[7 + 2 * i] = (byte) values[i];
        }
        Request req = new Request(unit, pdu, what, FrameLength.fixedPdu(5), address);
        req.echoMustMatch = Arrays.copyOf(pdu, 5);
        execute(req);
    }

    /**
     * A user-defined function: sends {@code requestPdu} (function code first) and returns the reply PDU (function code
     * first, without address and CRC). The reply must echo the address and function code; its length is found by
     * {@code responseLength}. Exception responses become {@link org.bmsw.device.api.DeviceException.Reason#REJECTED}.
     * To unit 0 the request is broadcast and an empty array is returned.
     *
     * <p>Retries follow {@link ModbusSettings#retries()}: for requests that must not be repeated (a programming
     * command whose reply was lost) use {@code withSettings(settings().withRetries(0))}.
     */
    public byte[] transact(int unit, byte[] requestPdu, FrameLength responseLength) throws ModbusException {
        Objects.requireNonNull(requestPdu, "requestPdu");
        Objects.requireNonNull(responseLength, "responseLength");
        int fc = requestPdu.length == 0 ? 0 : requestPdu[0] & 0xFF;
        String what = String.format("function 0x%02X (%d)", fc, fc);
        if (requestPdu.length == 0 || fc == 0 || (fc & EXCEPTION_FLAG) != 0 || requestPdu.length + 3 > MAX_ADU) {
            throw invalid(unit, fc, what, "a request PDU needs a function code 1..127 and at most "
                    + (MAX_ADU - 3) + " bytes, got " + requestPdu.length + " bytes");
        }
        checkUnit(unit, fc, what, true);
        byte[] reply = execute(new Request(unit, requestPdu.clone(), what, responseLength, -1));
        return reply == null ? new byte[0] : reply;
    }

    /**
     * A user-defined function whose reply carries a byte count right after the function code, as OpenBLT's XCP
     * function 0x6D does: {@code [addr][fc][len][len bytes][crc]}.
     */
    public byte[] transact(int unit, byte[] requestPdu) throws ModbusException {
        return transact(unit, requestPdu, FrameLength.byteCountAt(1));
    }

    // ------------------------------------------------------------------------------------------------ reads

    private int[] readRange(int unit, int fc, int address, int count) throws ModbusException {
        String what = describeRegisters("read of", fc == READ_HOLDING_REGISTERS ? "holding register" : "input register",
                address, count);
        checkRange(unit, fc, what, address, count, Integer.MAX_VALUE);
        int[] out = new int[count];
        int chunk = settings.maxReadRegisters();
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            System.arraycopy(readRegisters(unit, fc, address + done, n), 0, out, done, n);
        }
        return out;
    }

    private int[] readRegisters(int unit, int fc, int address, int count) throws ModbusException {
        String what = describeRegisters("read of", fc == READ_HOLDING_REGISTERS ? "holding register" : "input register",
                address, count);
        checkUnit(unit, fc, what, false);
        checkRange(unit, fc, what, address, count, MAX_READ_REGISTERS);
        byte[] pdu = {(byte) fc, (byte) (address >>> 8), (byte) address, (byte) (count >>> 8), (byte) count};
        int byteCount = 2 * count;
        FrameLength replyLength = (adu, available) -> {
            if (available < 3) {
                return FrameLength.NEED_MORE;
            }
            return (adu[2] & 0xFF) == byteCount ? 5 + byteCount : FrameLength.INVALID;
        };
        byte[] reply = execute(new Request(unit, pdu, what, replyLength, address));
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = (reply[2 + 2 * i] & 0xFF) << 8 | reply[3 + 2 * i] & 0xFF;
        }
        return values;
    }

    // ------------------------------------------------------------------------------------------------ engine

    /** One request and what its reply must look like. */
    private static final class Request {
        final int unit;
        final int fc;
        final byte[] adu;
        final String what;
        final FrameLength replyLength;
        final int register;
        byte[] echoMustMatch;

        Request(int unit, byte[] pdu, String what, FrameLength replyLength, int register) {
            this.unit = unit;
            this.fc = pdu[0] & 0xFF;
            byte[] frame = new byte[pdu.length + 1];
            frame[0] = (byte) unit;
            System.arraycopy(pdu, 0, frame, 1, pdu.length);
            this.adu = ModbusCrc.append(frame);
            this.what = what;
            this.replyLength = replyLength;
            this.register = register;
        }

        boolean broadcast() {
            return unit == BROADCAST;
        }

        /** Length of the candidate reply at buf[0], {@link #SKIP} if buf[0] cannot start our reply. */
        int examine(byte[] buf, int len) {
            if ((buf[0] & 0xFF) != unit) {
                return SKIP;
            }
            if (len < 2) {
                return FrameLength.NEED_MORE;
            }
            int f = buf[1] & 0xFF;
            if (f == (fc | EXCEPTION_FLAG)) {
                return 5;
            }
            if (f != fc) {
                return SKIP;
            }
            if (replyLength.delimitedBySilence()) {
                return FrameLength.NEED_MORE;
            }
            int n = replyLength.frameLength(buf, len);
            if (n != FrameLength.NEED_MORE && n != FrameLength.INVALID && (n < 4 || n > MAX_ADU)) {
                return FrameLength.INVALID;
            }
            return n;
        }

        /** Null if a CRC-valid reply says what it should, else why not. */
        String mismatch(byte[] frame, int len) {
            if (echoMustMatch != null) {
                for (int i = 0; i < echoMustMatch.length; i++) {
                    if (frame[1 + i] != echoMustMatch[i]) {
                        return "the reply echoed " + Hex.of(frame, 1, len - 3, 16) + " instead of "
                                + Hex.of(echoMustMatch);
                    }
                }
            }
            return null;
        }
    }

    private enum Kind { OK, REFUSED, FAILED }

    private record Outcome(Kind kind, byte[] pdu, int exceptionCode, ErrorKind error, String message) {
        static Outcome ok(byte[] pdu) {
            return new Outcome(Kind.OK, pdu, -1, null, null);
        }

        static Outcome refused(int code) {
            return new Outcome(Kind.REFUSED, null, code, null, null);
        }

        static Outcome failed(ErrorKind error, String message) {
            return new Outcome(Kind.FAILED, null, -1, error, message);
        }
    }

    private byte[] execute(Request req) throws ModbusException {
        LinkStatistics stats = link.statistics();
        int attempts = req.broadcast() ? 1 : settings.retries() + 1;
        List<String> failures = new ArrayList<>();
        Outcome last = null;
        int timeouts = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Lock lock = link.lock();
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModbusException(Reason.CLOSED, prefix(req) + req.what + " was interrupted",
                        req.unit, req.fc, -1, attempt - 1, e);
            }
            Outcome outcome;
            try {
                outcome = attempt(req, stats);
            } catch (LinkException e) {
                throw new ModbusException(Reason.LINK, prefix(req) + req.what + " failed: " + e.getMessage(),
                        req.unit, req.fc, -1, attempt, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModbusException(Reason.CLOSED, prefix(req) + req.what + " was interrupted",
                        req.unit, req.fc, -1, attempt, e);
            } finally {
                lock.unlock();
            }
            switch (outcome.kind()) {
                case OK:
                    return outcome.pdu();
                case REFUSED:
                    throw new ModbusException(Reason.REJECTED, String.format("device %d refused %s: %s", req.unit,
                            req.what, ExceptionCode.describe(outcome.exceptionCode())),
                            req.unit, req.fc, outcome.exceptionCode(), attempt, null);
                default:
                    stats.error(outcome.error(), prefix(req) + req.what + ": " + outcome.message());
                    failures.add(outcome.message());
                    last = outcome;
                    if (outcome.error() == ErrorKind.TIMEOUT) {
                        timeouts++;
                    }
                    if (attempt < attempts) {
                        LOG.debug("Device {}: {} failed ({}), retrying", req.unit, req.what, outcome.message());
                    }
            }
        }
        boolean allTimeouts = timeouts == attempts;
        Reason reason = last != null && last.error() == ErrorKind.TIMEOUT ? Reason.TIMEOUT : Reason.PROTOCOL;
        String message;
        if (allTimeouts) {
            message = String.format("device %d did not answer %s within %d ms (%d %s)", req.unit, req.what,
                    settings.responseTimeout().toMillis(), attempts, attempts == 1 ? "attempt" : "attempts");
        } else {
            message = String.format("device %d gave no valid answer to %s (%d %s: %s)", req.unit, req.what, attempts,
                    attempts == 1 ? "attempt" : "attempts", String.join("; ", failures));
        }
        throw new ModbusException(reason, message, req.unit, req.fc, -1, attempts, null);
    }

    private static String prefix(Request req) {
        return "device " + req.unit + ": ";
    }

    /** One request/response on the wire; the link lock is held. */
    private Outcome attempt(Request req, LinkStatistics stats) throws LinkException, InterruptedException {
        LinkSettings ls = link.settings();
        long charNanos = ls.characterTimeNanos();
        long silenceNanos = settings.silenceNanos(ls);
        long interByteNanos = settings.interByteTimeoutNanos(ls);
        long responseNanos = settings.responseTimeout().toNanos();

        link.discardInput();
        waitForIdleLine(silenceNanos, responseNanos);
        link.write(req.adu);
        stats.frameSent();
        long txEnd = System.nanoTime() + req.adu.length * charNanos;
        if (req.broadcast()) {
            bus.busyUntil(txEnd, Math.max(silenceNanos, settings.broadcastTurnaround().toNanos()));
            return Outcome.ok(null);
        }
        bus.busyUntil(txEnd, silenceNanos);

        long firstByteDeadline = txEnd + responseNanos;
        long hardDeadline = firstByteDeadline + MAX_ADU * charNanos + interByteNanos;
        byte[] buf = new byte[2 * MAX_ADU];
        int len = 0;
        int skipped = 0;
        long lastByteAt = 0;
        boolean anyByte = false;
        Outcome failure = null;
        while (true) {
            // judge what we have: skip noise, accept a complete valid frame, or wait for more bytes
            boolean needMore = false;
            while (len > 0 && !needMore) {
                int n = req.examine(buf, len);
                if (n == SKIP || n == FrameLength.INVALID) {
                    if (n == FrameLength.INVALID) {
                        failure = Outcome.failed(ErrorKind.FRAMING,
                                "malformed reply header " + Hex.of(buf, 0, Math.min(len, 3), 3));
                    }
                    System.arraycopy(buf, 1, buf, 0, --len);
                    skipped++;
                } else if (n == FrameLength.NEED_MORE || n > len) {
                    needMore = true;
                } else if (!ModbusCrc.check(buf, 0, n)) {
                    failure = Outcome.failed(ErrorKind.CHECKSUM, "CRC error in a " + n + "-byte reply "
                            + Hex.of(buf, 0, n, 12));
                    System.arraycopy(buf, 1, buf, 0, --len);
                    skipped++;
                } else {
                    return accept(req, stats, buf, n, skipped, silenceNanos, interByteNanos,
                            responseNanos);
                }
            }
            long now = System.nanoTime();
            long deadline;
            if (len == 0 && failure == null) {
                // nothing but noise so far: the reply may still come
                deadline = anyByte && lastByteAt + interByteNanos - firstByteDeadline > 0
                        ? lastByteAt + interByteNanos : firstByteDeadline;
            } else {
                // a reply started (or failed): it must go on without a pause longer than the inter-byte timeout
                deadline = hardDeadline - (lastByteAt + interByteNanos) > 0 ? lastByteAt + interByteNanos : hardDeadline;
            }
            long wait = deadline - now;
            if (wait <= 0) {
                break;
            }
            if (len == buf.length) { // only a silence-delimited reply can grow this long
                failure = Outcome.failed(ErrorKind.FRAMING, "reply longer than " + MAX_ADU + " bytes");
                break;
            }
            int n = link.read(buf, len, buf.length - len, wait);
            checkInterrupt();
            if (n > 0) {
                len += n;
                anyByte = true;
                lastByteAt = System.nanoTime();
                bus.busyUntil(lastByteAt, silenceNanos);
            }
        }
        // the line went quiet (or the deadline passed) without a complete valid reply
        if (len >= 4 && req.replyLength.delimitedBySilence() && req.examine(buf, len) == FrameLength.NEED_MORE) {
            if (ModbusCrc.check(buf, 0, len)) {
                return accept(req, stats, buf, len, skipped, silenceNanos, interByteNanos, responseNanos);
            }
            failure = Outcome.failed(ErrorKind.CHECKSUM, "CRC error in a " + len + "-byte reply " + Hex.of(buf, 0, len, 12));
        } else if (len > 0) {
            failure = Outcome.failed(ErrorKind.FRAMING, "truncated reply: " + len + " bytes " + Hex.of(buf, 0, len, 12)
                    + (failure != null ? " after " + failure.message() : ""));
        } else if (failure == null && skipped > 0) {
            failure = Outcome.failed(ErrorKind.FRAMING, skipped + " bytes that were not a reply from device "
                    + req.unit + " and no reply");
        } else if (failure == null) {
            failure = Outcome.failed(ErrorKind.TIMEOUT, "no reply within " + settings.responseTimeout().toMillis()
                    + " ms");
        }
        if (anyByte) {
            drainUntilSilent(interByteNanos, responseNanos, silenceNanos);
        }
        return failure;
    }

    private Outcome accept(Request req, LinkStatistics stats, byte[] buf, int n, int skipped,
                           long silenceNanos, long interByteNanos, long responseNanos)
            throws LinkException, InterruptedException {
        if ((buf[1] & 0xFF) == (req.fc | EXCEPTION_FLAG)) {
            int code = buf[2] & 0xFF;
            stats.frameReceived();
            stats.error(ErrorKind.EXCEPTION_RESPONSE, String.format("device %d refused %s: %s", req.unit, req.what,
                    ExceptionCode.describe(code)));
            return Outcome.refused(code);
        }
        String mismatch = req.mismatch(buf, n);
        if (mismatch != null) {
            drainUntilSilent(interByteNanos, responseNanos, silenceNanos);
            return Outcome.failed(ErrorKind.FRAMING, mismatch);
        }
        stats.frameReceived();
        if (skipped > 0) {
            stats.error(ErrorKind.FRAMING, String.format("device %d: skipped %d bytes of noise before the reply to %s",
                    req.unit, skipped, req.what));
        }
        return Outcome.ok(Arrays.copyOfRange(buf, 1, n - 2));
    }

    /** Waits until the line has been idle long enough for the next request; bytes that arrive meanwhile are dropped. */
    private void waitForIdleLine(long silenceNanos, long capNanos) throws LinkException, InterruptedException {
        long start = System.nanoTime();
        long notBefore = bus.notBefore();
        byte[] scratch = null;
        int dropped = 0;
        while (true) {
            long now = System.nanoTime();
            long remaining = notBefore - now;
            if (remaining <= 0) {
                break;
            }
            if (now - start > capNanos) {
                LOG.debug("{}: the line did not fall silent within {} ms; sending anyway", link.settings().describe(),
                        TimeUnit.NANOSECONDS.toMillis(capNanos));
                break;
            }
            if (scratch == null) {
                scratch = new byte[MAX_ADU];
            }
            int n = link.read(scratch, 0, scratch.length, remaining);
            checkInterrupt();
            if (n > 0) {
                dropped += n;
                notBefore = System.nanoTime() + silenceNanos;
            }
        }
        if (dropped > 0) {
            LOG.debug("{}: dropped {} stray bytes before a request", link.settings().describe(), dropped);
        }
    }

    /** After a garbled reply: reads and drops bytes until the line is quiet for the inter-byte timeout. */
    private void drainUntilSilent(long interByteNanos, long capNanos, long silenceNanos)
            throws LinkException, InterruptedException {
        byte[] scratch = new byte[MAX_ADU];
        long start = System.nanoTime();
        while (System.nanoTime() - start < capNanos) {
            int n = link.read(scratch, 0, scratch.length, interByteNanos);
            checkInterrupt();
            if (n == 0) {
                break;
            }
        }
        bus.busyUntil(System.nanoTime(), silenceNanos);
    }

    /** Links may return early when the thread is interrupted: stop instead of spinning until the deadline. */
    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted during a Modbus transaction");
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    static String describeRegisters(String verb, String noun, int address, int count) {
        if (count == 1) {
            return String.format("%s %s 0x%04X", verb, noun, address);
        }
        return String.format("%s %ss 0x%04X..0x%04X (%d)", verb, noun, address, address + count - 1, count);
    }

    private static ModbusException invalid(int unit, int fc, String what, String why) {
        return new ModbusException(Reason.INVALID, "device " + unit + ": " + what + " not sent: " + why, unit, fc,
                -1, 0, null);
    }

    private static void checkUnit(int unit, int fc, String what, boolean broadcastAllowed) throws ModbusException {
        if (unit < 0 || unit > 255) {
            throw invalid(unit, fc, what, "device address must be 0..255 (1..247 for unicast)");
        }
        if (unit == BROADCAST && !broadcastAllowed) {
            throw invalid(unit, fc, what, "address 0 is broadcast, which only writes can use");
        }
    }

    private static void checkRange(int unit, int fc, String what, int address, int count, int max)
            throws ModbusException {
        if (count < 1 || count > max) {
            throw invalid(unit, fc, what, "register count must be 1.." + max + ", got " + count);
        }
        if (address < 0 || address > 0xFFFF || (long) address + count > 0x10000) {
            throw invalid(unit, fc, what, "registers must lie in 0x0000..0xFFFF");
        }
    }

    private static void checkValue(int unit, int fc, String what, int value) throws ModbusException {
        if (value < 0 || value > 0xFFFF) {
            throw invalid(unit, fc, what, "register values must be 0..65535, got " + value);
        }
    }
}
