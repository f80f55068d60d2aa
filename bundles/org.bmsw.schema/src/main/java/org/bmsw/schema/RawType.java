package org.bmsw.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a parameter is stored on the device. Multi-word types are big-endian in word order (the high
 * 16-bit word first, at the lower register address), as Modbus devices commonly lay out 32-bit values.
 * {@link #U8} and {@link #BOOL} still occupy one whole 16-bit register.
 */
public enum RawType {
    /** 0..1, one register. */
    BOOL("bool", 0, 1, 1, 1),
    /** 0..255, one register (or one byte over XCP). */
    U8("u8", 0, 0xFF, 1, 1),
    /** 0..65535, one register. */
    U16("u16", 0, 0xFFFF, 1, 2),
    /** -32768..32767, one register, two's complement. */
    S16("s16", Short.MIN_VALUE, Short.MAX_VALUE, 1, 2),
    /** 0..4294967295, two registers, high word first. */
    U32("u32", 0, 0xFFFF_FFFFL, 2, 4),
    /** -2147483648..2147483647, two registers, high word first, two's complement. */
    S32("s32", Integer.MIN_VALUE, Integer.MAX_VALUE, 2, 4);

    private final String jsonName;
    private final long min;
    private final long max;
    private final int words;
    private final int bytes;

    RawType(String jsonName, long min, long max, int words, int bytes) {
        this.jsonName = jsonName;
        this.min = min;
        this.max = max;
        this.words = words;
        this.bytes = bytes;
    }

    /** The name used in schema files: {@code u16}, {@code s32} ... */
    public String jsonName() {
        return jsonName;
    }

    /** Smallest raw value. */
    public long min() {
        return min;
    }

    /** Largest raw value. */
    public long max() {
        return max;
    }

    /** 16-bit registers the value occupies. */
    public int words() {
        return words;
    }

    /** Bytes the value occupies in a memory image (XCP). */
    public int bytes() {
        return bytes;
    }

    public boolean fits(long raw) {
        return raw >= min && raw <= max;
    }

    /**
     * The register words for a raw value, high word first, each 0..65535.
     *
     * @throws IllegalArgumentException when the value does not fit this type
     */
    public int[] toWords(long raw) {
        if (!fits(raw)) {
            throw new IllegalArgumentException("raw value " + raw + " does not fit " + jsonName + " (" + min + ".." + max + ")");
        }
        if (words == 1) {
            return new int[] {(int) (raw & 0xFFFF)};
        }
        return new int[] {(int) ((raw >>> 16) & 0xFFFF), (int) (raw & 0xFFFF)};
    }

    /**
     * The raw value from register words (high word first), sign-extended for signed types.
     *
     * @throws IllegalArgumentException when fewer than {@link #words()} words follow {@code offset}, a word is
     *                                  not 0..65535, or the value does not fit (e.g. 7 in a bool register)
     */
    public long fromWords(int[] registers, int offset) {
        if (offset < 0 || registers.length - offset < words) {
            throw new IllegalArgumentException(jsonName + " needs " + words + " register(s) at offset " + offset
                    + ", have " + Math.max(0, registers.length - offset));
        }
        for (int i = 0; i < words; i++) {
            int w = registers[offset + i];
            if (w < 0 || w > 0xFFFF) {
                throw new IllegalArgumentException("register word " + w + " is not 0..65535");
            }
        }
        long raw;
        switch (this) {
            case S16 -> raw = (short) registers[offset];
            case U32 -> raw = ((long) registers[offset] << 16) | registers[offset + 1];
            case S32 -> raw = (int) (((long) registers[offset] << 16) | registers[offset + 1]);
            default -> raw = registers[offset];
        }
        if (!fits(raw)) {
            throw new IllegalArgumentException("register value " + raw + " does not fit " + jsonName);
        }
        return raw;
    }

    public static Optional<RawType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
