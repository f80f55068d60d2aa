package org.bmsw.protocol.modbus;

/**
 * How long an RTU frame is, decided from its first bytes. Used by the master for the reply to a user function and
 * by {@link RtuFrameSplitter} for requests of user functions. Lengths count the whole ADU: address, PDU and CRC.
 */
@FunctionalInterface
public interface FrameLength {

    /** Not enough bytes yet to know the length. */
    int NEED_MORE = -1;
    /** These bytes cannot start such a frame. */
    int INVALID = -2;

    /**
     * @param adu       the frame so far, starting with the address byte
     * @param available how many bytes of {@code adu} are valid (at least 2: address and function code)
     * @return the whole frame length (address + PDU + 2 CRC bytes), {@link #NEED_MORE} or {@link #INVALID}
     */
    int frameLength(byte[] adu, int available);

    /** True when the frame ends only where the line falls silent (length unknown from its content). */
    default boolean delimitedBySilence() {
        return false;
    }

    /** A PDU of fixed length (function code included). */
    static FrameLength fixedPdu(int pduLength) {
        if (pduLength < 1 || pduLength + 3 > FunctionCodes.MAX_ADU) {
            throw new IllegalArgumentException("PDU length must be 1.." + (FunctionCodes.MAX_ADU - 3) + ": " + pduLength);
        }
        return (adu, available) -> pduLength + 3;
    }

    /**
     * A byte count at {@code pduOffset} in the PDU (the function code is offset 0) giving the number of bytes that
     * follow it. FC 03/04 replies and OpenBLT's XCP function 0x6D (both directions) are {@code byteCountAt(1)}.
     */
    static FrameLength byteCountAt(int pduOffset) {
        if (pduOffset < 1 || pduOffset > 250) {
            throw new IllegalArgumentException("byte count offset must be 1..250: " + pduOffset);
        }
        return (adu, available) -> {
            int at = 1 + pduOffset;
            if (available <= at) {
                return NEED_MORE;
            }
            int total = at + 1 + (adu[at] & 0xFF) + 2;
            return total > FunctionCodes.MAX_ADU ? INVALID : total;
        };
    }

    /**
     * A frame whose end is the line falling silent (the inter-byte timeout on the master side, the splitter's
     * {@link RtuFrameSplitter#endOfFrame()} on the slave side). Slower and less robust than a length rule: use it
     * only for functions whose layout is unknown.
     */
    static FrameLength untilSilence() {
        return new FrameLength() {
            @Override
            public int frameLength(byte[] adu, int available) {
                return NEED_MORE;
            }

            @Override
            public boolean delimitedBySilence() {
                return true;
            }
        };
    }
}
