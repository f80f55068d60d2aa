package org.bmsw.can.dbc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code SG_} line of a DBC file, and the bit arithmetic to read and write it.
 *
 * <p>Bits are numbered as DBC files number them: bit {@code b} (0 = least significant) of data byte {@code k} is
 * bit {@code 8k + b}. An {@link ByteOrder#INTEL} signal starts at its least significant bit and runs upwards; a
 * {@link ByteOrder#MOTOROLA} signal starts at its most significant bit and runs downwards within a byte, then on
 * to the most significant bit of the next byte.
 *
 * @param name            signal name
 * @param startBit        as written after the colon
 * @param length          bits, 1..64
 * @param byteOrder       {@code @1} Intel (little endian) or {@code @0} Motorola (big endian)
 * @param signed          {@code -} two's complement, {@code +} unsigned
 * @param valueType       integer, or IEEE float / double ({@code SIG_VALTYPE_})
 * @param factor          physical = raw × factor + offset
 * @param offset          physical = raw × factor + offset
 * @param minimum         physical minimum as declared ({@code min == max == 0} means "not declared")
 * @param maximum         physical maximum as declared
 * @param unit            e.g. {@code V}; may be empty
 * @param receivers       receiving nodes
 * @param multiplexRole   whether the signal is a multiplexer switch, multiplexed, both or neither
 * @param multiplexValue  for multiplexed signals the switch value ({@code mN}); null otherwise
 * @param valueNames      {@code VAL_} descriptions by raw value
 * @param comment         {@code CM_ SG_} text; empty when none
 * @param attributes      {@code BA_} values, with the declared defaults filled in ({@link Double} or {@link String})
 */
public record DbcSignal(String name, int startBit, int length, ByteOrder byteOrder, boolean signed, ValueType valueType,
                        double factor, double offset, double minimum, double maximum, String unit, List<String> receivers,
                        MultiplexRole multiplexRole, Integer multiplexValue, Map<Long, String> valueNames,
                        String comment, Map<String, Object> attributes) {

    /** {@code @1} or {@code @0}. */
    public enum ByteOrder { INTEL, MOTOROLA }

    /** {@code SIG_VALTYPE_} 0 (integer), 1 (IEEE float, 32 bits), 2 (IEEE double, 64 bits). */
    public enum ValueType { INTEGER, FLOAT32, FLOAT64 }

    /** Plain, {@code M} (the switch), {@code mN} (multiplexed), {@code mNM} (multiplexed switch of a nested group). */
    public enum MultiplexRole { NONE, SWITCH, MULTIPLEXED, MULTIPLEXED_SWITCH }

    public DbcSignal {
        Objects.requireNonNull(name, "name");
        receivers = List.copyOf(receivers);
        valueNames = Map.copyOf(valueNames);
        attributes = Map.copyOf(attributes);
        comment = comment == null ? "" : comment;
        unit = unit == null ? "" : unit;
    }

    public boolean isSwitch() {
        return multiplexRole == MultiplexRole.SWITCH || multiplexRole == MultiplexRole.MULTIPLEXED_SWITCH;
    }

    public boolean isMultiplexed() {
        return multiplexRole == MultiplexRole.MULTIPLEXED || multiplexRole == MultiplexRole.MULTIPLEXED_SWITCH;
    }

    /** A {@code BA_} value or the attribute's default. */
    public Optional<Object> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** The text of a {@code BA_} STRING attribute, or empty. */
    public Optional<String> stringAttribute(String attributeName) {
        return attribute(attributeName).map(Object::toString).filter(s -> !s.isEmpty());
    }

    /** The bit positions the signal occupies, most significant first. */
    public int[] bitPositions() {
        int[] positions = new int[length];
        if (byteOrder == ByteOrder.INTEL) {
            for (int i = 0; i < length; i++) {
                positions[length - 1 - i] = startBit + i;
            }
        } else {
            int position = startBit;
            for (int i = 0; i < length; i++) {
                positions[i] = position;
                position = position % 8 == 0 ? position + 15 : position - 1;
            }
        }
        return positions;
    }

    /** The raw value: unsigned, or sign-extended for signed integer signals; the bit pattern of floats. */
    public long raw(byte[] data) {
        long raw = 0;
        for (int position : bitPositions()) {
            int bit = (data[position / 8] >> (position % 8)) & 1;
            raw = (raw << 1) | bit;
        }
        if (signed && valueType == ValueType.INTEGER && length < 64 && ((raw >>> (length - 1)) & 1) != 0) {
            raw |= -1L << length;
        }
        return raw;
    }

    /** The physical value: raw × factor + offset. */
    public double decode(byte[] data) {
        return physical(raw(data));
    }

    /** The physical value of a raw value as {@link #raw(byte[])} returns it. */
    public double physical(long raw) {
        double value = switch (valueType) {
            case FLOAT32 -> Float.intBitsToFloat((int) raw);
            case FLOAT64 -> Double.longBitsToDouble(raw);
            case INTEGER -> signed || length < 64 ? raw : unsignedLong(raw);
        };
        return value * factor + offset;
    }

    private static double unsignedLong(long raw) {
        return raw >= 0 ? raw : (raw >>> 1) * 2.0 + (raw & 1);
    }

    /**
     * The raw value of a physical value, rounded to the nearest step.
     *
     * @throws IllegalArgumentException when it does not fit the signal's bits (named in the message)
     */
    public long toRaw(double physical) {
        if (!Double.isFinite(physical)) {
            throw new IllegalArgumentException(name + ": " + physical + " cannot be sent");
        }
        double scaled = (physical - offset) / factor;
        return switch (valueType) {
            case FLOAT32 -> Float.floatToRawIntBits((float) scaled) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits(scaled);
            case INTEGER -> {
                long raw = Math.round(scaled);
                if (raw < minRaw() || raw > maxRaw() || Math.abs(scaled) > 0x1p62) {
                    throw new IllegalArgumentException(name + ": " + physical + (unit.isEmpty() ? "" : " " + unit)
                            + " is outside what " + length + " " + (signed ? "signed" : "unsigned") + " bits hold ("
                            + physical(minRaw()) + " .. " + physical(maxRaw()) + ")");
                }
                yield raw;
            }
        };
    }

    /** Writes a physical value into {@code data}. */
    public void encode(byte[] data, double physical) {
        encodeRaw(data, toRaw(physical));
    }

    /** Writes a raw value (its low {@link #length()} bits) into {@code data}. */
    public void encodeRaw(byte[] data, long raw) {
        int[] positions = bitPositions();
        for (int i = 0; i < positions.length; i++) {
            int position = positions[i];
            int bit = (int) ((raw >>> (length - 1 - i)) & 1);
            data[position / 8] = (byte) ((data[position / 8] & ~(1 << (position % 8))) | (bit << (position % 8)));
        }
    }

    /** Smallest raw integer. */
    public long minRaw() {
        return signed ? (length == 64 ? Long.MIN_VALUE : -(1L << (length - 1))) : 0;
    }

    /** Largest raw integer (for unsigned 64-bit signals: {@link Long#MAX_VALUE}). */
    public long maxRaw() {
        if (length == 64) {
            return Long.MAX_VALUE;
        }
        return signed ? (1L << (length - 1)) - 1 : (1L << length) - 1;
    }

    /** Every bit set: "not available" in J1939 style. */
    public long allOnes() {
        return length == 64 ? -1L : (1L << length) - 1;
    }
}
