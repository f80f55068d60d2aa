package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.FunctionCodes.EXCEPTION_FLAG;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_ADU;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds Modbus RTU frames in a byte stream by the length rules of each function code and the CRC, not by timing:
 * on ptys, TCP gateways and USB adapters the 3.5-character gaps do not survive. Garbage is skipped byte by byte
 * until a frame with a valid CRC starts; a frame is also found behind an incomplete candidate (so a stray byte
 * that looks like the start of a long frame does not block the stream). Functions whose length is unknown (not
 * standard, not registered with {@link #withFunction}) end where the caller reports silence with
 * {@link #endOfFrame()}.
 *
 * <p>Not thread-safe: one splitter per stream.
 */
public final class RtuFrameSplitter {

    /** Which side of the conversation the splitter parses. */
    public enum Direction {
        /** Master to slave: what a slave (simulator) reads. */
        REQUESTS,
        /** Slave to master: what a bus monitor reads after each request. */
        RESPONSES
    }

    private final Direction direction;
    private final Map<Integer, FrameLength> custom = new ConcurrentHashMap<>();
    private byte[] buf = new byte[4 * MAX_ADU];
    private int len;
    private long discarded;
    private long frames;

    private RtuFrameSplitter(Direction direction) {
        this.direction = direction;
    }

    public static RtuFrameSplitter forRequests() {
        return new RtuFrameSplitter(Direction.REQUESTS);
    }

    public static RtuFrameSplitter forResponses() {
        return new RtuFrameSplitter(Direction.RESPONSES);
    }

    public Direction direction() {
        return direction;
    }

    /** Declares the frame length rule of a (user) function code; returns this. */
    public RtuFrameSplitter withFunction(int functionCode, FrameLength length) {
        if (functionCode < 1 || functionCode > 127) {
            throw new IllegalArgumentException("function code must be 1..127: " + functionCode);
        }
        custom.put(functionCode, length);
        return this;
    }

    /** Adds bytes; returns the complete frames (address .. CRC) they finished, in order. */
    public List<byte[]> feed(byte[] data, int offset, int length) {
        List<byte[]> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (len == buf.length) {
                // cannot happen with frames <= MAX_ADU and the scan below, but never lose the stream over it
                drop(buf.length - 2 * MAX_ADU, true);
            }
            int n = Math.min(end - pos, buf.length - len);
            System.arraycopy(data, pos, buf, len, n);
            len += n;
            pos += n;
            scan(out);
        }
        return out;
    }

    public List<byte[]> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /**
     * The line has been silent: the pending bytes, if they form a frame with a valid CRC, are that frame (a function
     * of unknown length); otherwise they are discarded.
     */
    public List<byte[]> endOfFrame() {
        List<byte[]> out = new ArrayList<>();
        scan(out);
        if (len >= 4 && ModbusCrc.check(buf, 0, len)) {
            out.add(Arrays.copyOf(buf, len));
            frames++;
            len = 0;
        } else if (len > 0) {
            drop(len, true);
        }
        return out;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pending() {
        return len;
    }

    /** Bytes dropped as garbage (bad CRC, impossible header, truncated frames) since creation. */
    public long discardedBytes() {
        return discarded;
    }

    /** Frames found since creation. */
    public long frameCount() {
        return frames;
    }

    private void scan(List<byte[]> out) {
        while (len > 0) {
            int n = lengthAt(0);
            if (n == FrameLength.INVALID) {
                drop(1, true);
                continue;
            }
            if (n > 0 && n <= len) {
                if (ModbusCrc.check(buf, 0, n)) {
                    out.add(Arrays.copyOf(buf, n));
                    frames++;
                    drop(n, false);
                } else {
                    drop(1, true);
                }
                continue;
            }
            // incomplete candidate at 0: is there a complete valid frame further on?
            int k = completeFrameAfter();
            if (k > 0) {
                if (n == FrameLength.NEED_MORE && unknownLength(0) && k >= 4 && ModbusCrc.check(buf, 0, k)) {
                    out.add(Arrays.copyOf(buf, k)); // a frame of unknown length, ended by the next one
                    frames++;
                    drop(k, false);
                } else {
                    drop(k, true);
                }
                continue;
            }
            if (len > MAX_ADU) {
                drop(1, true); // nothing pending can be this long
                continue;
            }
            break;
        }
    }

    private int completeFrameAfter() {
        for (int k = 1; k + 4 <= len; k++) {
            int n = lengthAt(k);
            if (n > 0 && k + n <= len && ModbusCrc.check(buf, k, n)) {
                return k;
            }
        }
        return -1;
    }

    private void drop(int n, boolean garbage) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        if (garbage) {
            discarded += n;
        }
    }

    private boolean unknownLength(int at) {
        if (len - at < 2) {
            return false;
        }
        int fc = buf[at + 1] & 0xFF;
        FrameLength rule = custom.get(fc);
        if (rule != null) {
            return rule.delimitedBySilence();
        }
        return standardLength(at, fc) == UNKNOWN;
    }

    private static final int UNKNOWN = -10;

    /** Frame length at {@code at}, {@link FrameLength#NEED_MORE} or {@link FrameLength#INVALID}. */
    private int lengthAt(int at) {
        int available = len - at;
        if (available < 2) {
            return FrameLength.NEED_MORE;
        }
        int fc = buf[at + 1] & 0xFF;
        if (fc == 0) {
            return FrameLength.INVALID;
        }
        if ((fc & EXCEPTION_FLAG) != 0) {
            return direction == Direction.RESPONSES ? 5 : FrameLength.INVALID;
        }
        int n;
        FrameLength rule = custom.get(fc);
        if (rule != null) {
            if (rule.delimitedBySilence()) {
                return FrameLength.NEED_MORE;
            }
            byte[] view = at == 0 ? buf : Arrays.copyOfRange(buf, at, len);
            n = rule.frameLength(view, available);
        } else {
            n = standardLength(at, fc);
            if (n == UNKNOWN) {
                return FrameLength.NEED_MORE;
            }
        }
        if (n > 0 && (n < 4 || n > MAX_ADU)) {
            return FrameLength.INVALID;
        }
        return n;
    }

    private int byteCount(int at, int index, int overhead) {
        if (len - at <= index) {
            return FrameLength.NEED_MORE;
        }
        return index + 1 + (buf[at + index] & 0xFF) + overhead;
    }

    /** Lengths from the Modbus Application Protocol spec, V1.1b3. */
    private int standardLength(int at, int fc) {
        if (direction == Direction.REQUESTS) {
            switch (fc) {
                case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x08:
                    return 8;
                case 0x07: case 0x0B: case 0x0C: case 0x11:
                    return 4;
                case 0x0F: case 0x10: {
                    int n = byteCount(at, 6, 2);
                    if (n > 0 && fc == 0x10 && len - at > 6) {
                        int qty = (buf[at + 4] & 0xFF) << 8 | buf[at + 5] & 0xFF;
                        if ((buf[at + 6] & 0xFF) != 2 * qty) {
                            return FrameLength.INVALID;
                        }
                    }
                    return n;
                }
                case 0x14: case 0x15:
                    return byteCount(at, 2, 2);
                case 0x16:
                    return 10;
                case 0x17:
                    return byteCount(at, 10, 2);
                case 0x18:
                    return 6;
                case 0x2B:
                    if (len - at < 3) {
                        return FrameLength.NEED_MORE;
                    }
                    return (buf[at + 2] & 0xFF) == 0x0E ? 7 : UNKNOWN;
                default:
                    return UNKNOWN;
            }
        }
        switch (fc) {
            case 0x01: case 0x02: case 0x03: case 0x04: case 0x0C: case 0x11: case 0x14: case 0x15: case 0x17:
                return byteCount(at, 2, 2);
            case 0x05: case 0x06: case 0x08: case 0x0B: case 0x0F: case 0x10:
                return 8;
            case 0x07:
                return 5;
            case 0x16:
                return 10;
            case 0x18:
                if (len - at < 4) {
                    return FrameLength.NEED_MORE;
                }
                return 4 + ((buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF) + 2;
            default:
                return UNKNOWN;
        }
    }
}
