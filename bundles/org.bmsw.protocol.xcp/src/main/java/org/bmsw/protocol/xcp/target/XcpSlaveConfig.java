package org.bmsw.protocol.xcp.target;

import org.bmsw.protocol.xcp.ChecksumType;
import org.bmsw.protocol.xcp.XcpTransports;

/**
 * What an {@link XcpSlave} announces and accepts.
 *
 * @param maxCto        MAX_CTO in the CONNECT response (8..255)
 * @param maxDto        MAX_DTO in the CONNECT response (8..65535)
 * @param maxCtoPgm     MAX_CTO_PGM in the PROGRAM_START response (PROGRAM_MAX carries this minus one bytes)
 * @param maxBsPgm      MAX_BS_PGM: packets per master block; 0 = no block mode (as OpenBLT)
 * @param queueSizePgm  QUEUE_SIZE_PGM: requests queued while one is worked on (interleaved mode); 0 = none (as OpenBLT)
 * @param littleEndian  Intel byte order for addresses, lengths and checksums (OpenBLT targets mostly are)
 * @param checksumType  what BUILD_CHECKSUM computes
 * @param firmwareInfo  the answer to USER_CMD {@code F1 17 04} after its PID, or null for none (answered ERR_CMD_UNKNOWN)
 */
public record XcpSlaveConfig(int maxCto, int maxDto, int maxCtoPgm, int maxBsPgm, int queueSizePgm, boolean littleEndian,
                             ChecksumType checksumType, byte[] firmwareInfo) {

    public XcpSlaveConfig {
        if (maxCto < 8 || maxCto > 255 || maxCtoPgm < 8 || maxCtoPgm > 255 || maxDto < 8 || maxDto > 0xFFFF) {
            throw new IllegalArgumentException("MAX_CTO / MAX_CTO_PGM must be 8..255 and MAX_DTO 8..65535: " + maxCto
                    + " / " + maxCtoPgm + " / " + maxDto);
        }
        if (maxBsPgm < 0 || maxBsPgm > 255 || queueSizePgm < 0 || queueSizePgm > 255) {
            throw new IllegalArgumentException("MAX_BS_PGM and QUEUE_SIZE_PGM must be 0..255: " + maxBsPgm + " / "
                    + queueSizePgm);
        }
        if (checksumType == null) {
            throw new IllegalArgumentException("a checksum type is needed");
        }
        firmwareInfo = firmwareInfo == null ? null : firmwareInfo.clone();
    }

    /** Without interleaved mode. */
    public XcpSlaveConfig(int maxCto, int maxDto, int maxCtoPgm, int maxBsPgm, boolean littleEndian,
                          ChecksumType checksumType, byte[] firmwareInfo) {
        this(maxCto, maxDto, maxCtoPgm, maxBsPgm, 0, littleEndian, checksumType, firmwareInfo);
    }

    /** For Modbus function 109: the largest packets the 256-byte RTU frame carries, no block mode. */
    public static XcpSlaveConfig modbus() {
        int max = XcpTransports.MODBUS_MAX_PACKET;
        return new XcpSlaveConfig(max, max, max, 0, true, ChecksumType.CRC_32, null);
    }

    /**
     * For CAN: 8-byte packets, master blocks of up to 43 packets (255 bytes, one acknowledgement), and one block
     * queued while another is programmed (interleaved), so the master need not wait for an answer with the bus idle.
     */
    public static XcpSlaveConfig can() {
        int max = XcpTransports.CAN_MAX_PACKET;
        return new XcpSlaveConfig(max, max, max, 43, 1, true, ChecksumType.CRC_32, null);
    }

    /** The same without master blocks and interleaving: every packet acknowledged before the next, as OpenBLT's target. */
    public XcpSlaveConfig withoutBlockMode() {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, 0, 0, littleEndian, checksumType, firmwareInfo);
    }

    /** The same with every master block answered before the next is sent. */
    public XcpSlaveConfig withoutInterleaving() {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, maxBsPgm, 0, littleEndian, checksumType, firmwareInfo);
    }

    public XcpSlaveConfig withFirmwareInfo(byte[] info) {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, maxBsPgm, queueSizePgm, littleEndian, checksumType, info);
    }

    public XcpSlaveConfig withByteOrder(boolean little) {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, maxBsPgm, queueSizePgm, little, checksumType, firmwareInfo);
    }

    @Override
    public byte[] firmwareInfo() {
        return firmwareInfo == null ? null : firmwareInfo.clone();
    }
}
