package org.bmsw.profile.modbus;

import org.bmsw.profile.modbus.RegisterProfile.Field;

/** Raw register words ↔ engineering values for one {@link Field}; shared by the decoder and the simulator. */
public final class FieldCodec {

    private FieldCodec() {
    }

    /** The raw integer at {@code words[at]} (and {@code at+1} for 32-bit types, high word first). */
    public static long raw(String type, int[] words, int at) {
        return switch (type) {
            case "u16" -> words[at] & 0xFFFF;
            case "s16" -> (short) words[at];
            case "u32" -> ((long) (words[at] & 0xFFFF) << 16) | (words[at + 1] & 0xFFFF);
            case "s32" -> (int) (((words[at] & 0xFFFF) << 16) | (words[at + 1] & 0xFFFF));
            default -> throw new IllegalArgumentException("unknown register type " + type);
        };
    }

    public static double decode(Field field, int[] block) {
        return raw(field.type(), block, field.at()) * field.scaleOr1() + field.addOr0();
    }

    /** Writes the raw form of {@code value} into {@code block}; refuses values the type cannot hold. */
    public static void encode(Field field, int[] block, double value) {
        long raw = Math.round((value - field.addOr0()) / field.scaleOr1());
        put(field.type(), block, field.at(), raw);
    }

    public static void put(String type, int[] words, int at, long raw) {
        long min;
        long max;
        switch (type) {
            case "u16" -> { min = 0; max = 0xFFFF; }
            case "s16" -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case "u32" -> { min = 0; max = 0xFFFF_FFFFL; }
            case "s32" -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> throw new IllegalArgumentException("unknown register type " + type);
        }
        if (raw < min || raw > max) {
            throw new IllegalArgumentException("raw value " + raw + " does not fit " + type);
        }
        if (type.endsWith("16")) {
            words[at] = (int) (raw & 0xFFFF);
        } else {
            words[at] = (int) ((raw >>> 16) & 0xFFFF);
            words[at + 1] = (int) (raw & 0xFFFF);
        }
    }

    /** ASCII text, two characters per register, high byte first; NUL and trailing spaces dropped. */
    public static String ascii(int[] words) {
        StringBuilder text = new StringBuilder();
        for (int word : words) {
            for (int c : new int[] {(word >> 8) & 0xFF, word & 0xFF}) {
                if (c != 0) {
                    text.append((char) c);
                }
            }
        }
        return text.toString().strip();
    }

    public static int[] asciiWords(String text, int count) {
        int[] words = new int[count];
        for (int i = 0; i < Math.min(text.length(), count * 2); i++) {
            words[i / 2] |= (text.charAt(i) & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        return words;
    }
}
