package org.bmsw.firmware;

import java.util.Arrays;
import java.util.Optional;

/** How an FP package's payload encodes its image; the manifest names it by {@link #key()}. */
public enum PayloadFormat {
    /** Raw bytes at the manifest's base address. */
    BINARY("binary"),
    /** Motorola S-record text; the addresses are in the records. */
    SREC("srec"),
    /** Intel HEX text; the addresses are in the records. */
    INTEL_HEX("ihex");

    private final String key;

    PayloadFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PayloadFormat> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
