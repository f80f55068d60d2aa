package org.bmsw.protocol.xcp;

/**
 * A PROGRAM_START response, and the packet sizes programming uses.
 *
 * @param commModePgm  COMM_MODE_PGM: bit 0 master block mode, bit 1 interleaved mode, bit 6 slave block mode
 * @param slaveMaxCtoPgm the slave's MAX_CTO_PGM: PROGRAM_MAX carries exactly this minus one data bytes
 * @param maxBsPgm     most packets in one master block (PROGRAM + PROGRAM_NEXTs)
 * @param minStPgm     least separation between packets of a block, in 100 µs
 * @param queueSizePgm QUEUE_SIZE_PGM: in interleaved mode, requests the slave queues while it works on one
 * @param maxCtoPgm    the command size in use: {@code slaveMaxCtoPgm}, at most what the transport carries
 */
public record ProgramInfo(int commModePgm, int slaveMaxCtoPgm, int maxBsPgm, int minStPgm, int queueSizePgm,
                          int maxCtoPgm) {

    /** The slave takes blocks of PROGRAM + PROGRAM_NEXT packets answered once (and allows more than one packet). */
    public boolean masterBlockMode() {
        return (commModePgm & 0x01) != 0 && maxBsPgm > 1;
    }

    /**
     * The master may send the next request before the answer to the last (XCP's interleaved mode): up to
     * {@code queueSizePgm} more than the one the slave is working on.
     */
    public boolean interleaved() {
        return (commModePgm & 0x02) != 0 && queueSizePgm > 0;
    }

    /** PROGRAM_MAX can be used: the transport carries the slave's whole MAX_CTO_PGM. */
    public boolean programMaxUsable() {
        return maxCtoPgm == slaveMaxCtoPgm && slaveMaxCtoPgm >= 2;
    }
}
