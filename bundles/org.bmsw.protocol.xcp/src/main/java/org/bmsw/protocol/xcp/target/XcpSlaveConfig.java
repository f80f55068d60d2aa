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
 * @param littleEndian  Intel byte order for addresses, lengths and checksums (OpenBLT targets mostly are)
 * @param checksumType  what BUILD_CHECKSUM computes
 * @param firmwareInfo  the answer to USER_CMD {@code F1 17 04} after its PID, or null for none (answered ERR_CMD_UNKNOWN)
 */
public record XcpSlaveConfig(int maxCto, int maxDto, int maxCtoPgm, int maxBsPgm, boolean littleEndian,
                             ChecksumType checksumType, byte[] firmwareInfo) {

    public XcpSlaveConfig {
        if (maxCto < 8 || maxCto > 255 || maxCtoPgm < 8 || maxCtoPgm > 255 || maxDto < 8 || maxDto > 0xFFFF) {
            throw new IllegalArgumentException("MAX_CTO / MAX_CTO_PGM must be 8..255 and MAX_DTO 8..65535: " + maxCto
                    + " / " + maxCtoPgm + " / " + maxDto);
        }
        if (maxBsPgm < 0 || maxBsPgm > 255) {
            throw new IllegalArgumentException("MAX_BS_PGM must be 0..255: " + maxBsPgm);
        }
        if (checksumType == null) {
            throw new IllegalArgumentException("a checksum type is needed");
        }
        firmwareInfo = firmwareInfo == null ? null : firmwareInfo.clone();
    }

    /** For Modbus function 109: the largest packets the 256-byte RTU frame carries, no block mode. */
    public static XcpSlaveConfig modbus() {
        int max = XcpTransports.MODBUS_MAX_PACKET;
        return new XcpSlaveConfig(max, max, max, 0, true, ChecksumType.CRC_32, null);
    }

    /** For CAN: 8-byte packets, master blocks of up to 43 packets (255 bytes, one acknowledgement). */
    public static XcpSlaveConfig can() {
        int max = XcpTransports.CAN_MAX_PACKET;
        return new XcpSlaveConfig(max, max, max, 43, true, ChecksumType.CRC_32, null);
    }

    /** The same without master block mode: every packet acknowledged, as OpenBLT's target does. */
    public XcpSlaveConfig withoutBlockMode() {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, 0, littleEndian, checksumType, firmwareInfo);
    }

    public XcpSlaveConfig withFirmwareInfo(byte[] info) {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, maxBsPgm, littleEndian, checksumType, info);
    }

    public XcpSlaveConfig withByteOrder(boolean little) {
        return new XcpSlaveConfig(maxCto, maxDto, maxCtoPgm, maxBsPgm, little, checksumType, firmwareInfo);
    }

    @Override
    public byte[] firmwareInfo() {
        return firmwareInfo == null ? null : firmwareInfo.clone();
    }
}
