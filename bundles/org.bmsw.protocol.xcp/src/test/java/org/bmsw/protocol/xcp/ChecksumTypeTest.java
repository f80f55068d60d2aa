package org.bmsw.protocol.xcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** BUILD_CHECKSUM algorithms against the published check values of "123456789". */
class ChecksumTypeTest {

    private static final byte[] CHECK = "123456789".getBytes(US_ASCII);

    @Test
    void crcsGiveTheirCatalogueCheckValues() {
        assertEquals(0xCBF43926L, ChecksumType.CRC_32.compute(CHECK, true));
        assertEquals(0xBB3DL, ChecksumType.CRC_16.compute(CHECK, true), "CRC-16/ARC");
        assertEquals(0x29B1L, ChecksumType.CRC_16_CITT.compute(CHECK, true), "CRC-16/CCITT-FALSE");
    }

    @Test
    void additionsTruncateToTheirWidthAndUseTheSlaveByteOrder() {
        byte[] data = {(byte) 0xFF, (byte) 0xFF, 0x01, 0x00};
        assertEquals(0xFFL, ChecksumType.ADD_11.compute(data, true), "0xFF + 0xFF + 1 = 0x1FF, one byte kept");
        assertEquals(0x1FFL, ChecksumType.ADD_12.compute(data, true));
        assertEquals(0x0000L, ChecksumType.ADD_22.compute(data, true), "0xFFFF + 0x0001 wraps in 16 bits");
        assertEquals(0x10000L, ChecksumType.ADD_24.compute(data, true));
        assertEquals(0x100FFL, ChecksumType.ADD_24.compute(data, false), "big endian: 0xFFFF + 0x0100");
        assertEquals(0x0001FFFFL, ChecksumType.ADD_44.compute(data, true));
        assertThrows(IllegalArgumentException.class, () -> ChecksumType.ADD_44.compute(new byte[3], true));
    }

    @Test
    void aChecksumMatchesOnlyItsData() {
        Checksum crc = new Checksum(ChecksumType.CRC_32.code(), 0xCBF43926L);
        assertTrue(crc.matches(CHECK, 0, CHECK.length, true));
        assertFalse(crc.matches(CHECK, 0, 8, true));
        assertFalse(new Checksum(0xFF, 0).matches(CHECK, 0, 9, true), "a user-defined checksum cannot be checked here");
        assertEquals("CRC_32 0xCBF43926", crc.toString());
    }

    @Test
    void errorsAreDescribedWithTheirSpecificationNames() {
        assertEquals("ERR_OUT_OF_RANGE (0x22): command syntax valid but command parameter(s) out of range",
                XcpError.describe(0x22));
        assertEquals("error 0x7A (not an XCP 1.x code)", XcpError.describe(0x7A));
    }
}
