package org.bmsw.protocol.xcp;

/**
 * What a slave said in its CONNECT response, and what this master negotiated from it.
 *
 * @param resources        RESOURCE bits: {@link #CAL_PAG} 0x01, {@link #DAQ} 0x04, {@link #STIM} 0x08, {@link #PGM} 0x10
 * @param commModeBasic    COMM_MODE_BASIC: bit 0 byte order (0 = Intel, little endian), bits 1-2 address granularity
 * @param slaveMaxCto      the slave's MAX_CTO (largest command packet it takes)
 * @param slaveMaxDto      the slave's MAX_DTO (largest response packet it sends)
 * @param protocolVersion  XCP protocol layer version (major byte)
 * @param transportVersion XCP transport layer version (major byte)
 * @param maxCto           the command packet size in use: the slave's MAX_CTO, at most what the transport carries
 * @param maxDto           the response packet size in use, likewise
 */
public record ConnectInfo(int resources, int commModeBasic, int slaveMaxCto, int slaveMaxDto, int protocolVersion,
                          int transportVersion, int maxCto, int maxDto) {

    public static final int CAL_PAG = 0x01;
    public static final int DAQ = 0x04;
    public static final int STIM = 0x08;
    public static final int PGM = 0x10;

    /** True if multi-byte values (addresses, lengths, checksums) are little endian (Intel). */
    public boolean littleEndian() {
        return (commModeBasic & 0x01) == 0;
    }

    /** The slave offers flash programming (a bootloader). */
    public boolean programming() {
        return (resources & PGM) != 0;
    }

    /** The slave offers calibration and page switching. */
    public boolean calibration() {
        return (resources & CAL_PAG) != 0;
    }
}
