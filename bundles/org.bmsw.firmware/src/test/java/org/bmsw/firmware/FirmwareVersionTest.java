package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirmwareVersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.0, 1.10.0",
        "35-7-3, 35-7-10",
        "1.2.0-rc1, 1.2.0",
        "1.2.0-rc1, 1.2.0-rc2",
        "1.2.rc, 1.2.1",
        "V1.9, v2.0",
        "1.2.0, 1.2.0.1",
        "0.9, 1",
    })
    void olderBeforeNewer(String older, String newer) {
        assertTrue(FirmwareVersion.parse(older).isOlderThan(FirmwareVersion.parse(newer)), older + " < " + newer);
        assertTrue(FirmwareVersion.parse(newer).compareTo(FirmwareVersion.parse(older)) > 0, newer + " > " + older);
    }

    @ParameterizedTest
    @CsvSource({"1.2, 1.2.0", "v1.2, 1.2", "35-7-3, 35.7.3", "1.2.0-RC1, 1.2.0-rc1"})
    void theSame(String a, String b) {
        assertEquals(0, FirmwareVersion.parse(a).compareTo(FirmwareVersion.parse(b)));
    }
}
