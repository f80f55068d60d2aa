package org.bmsw.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.LocalizedText;

/**
 * One parameter as its schema describes it. Engineering value = raw &times; {@code scale} + {@code offset};
 * conversions are done in decimal arithmetic, so 98.88 V at 0.01 V per step is raw 9888 exactly.
 *
 * @param key          stable key, e.g. {@code COV}
 * @param group        the key of its {@link ParameterGroup}
 * @param label        display name (en, zh)
 * @param description  longer explanation; null when none
 * @param unit         engineering unit ("mV", "V", "A", "°C", "s", "min", "%", "" for plain numbers)
 * @param type         raw storage type
 * @param scale        engineering units per raw step, &gt; 0
 * @param offset       engineering value of raw 0
 * @param min          smallest allowed engineering value
 * @param max          largest allowed engineering value
 * @param step         allowed values are multiples of this (from 0); 0 when only the raw resolution applies
 * @param enumeration  allowed values with their meaning, sorted; empty when the parameter is not enumerated
 * @param defaultValue engineering default; null when the schema does not know one
 * @param access       who may change it
 * @param writable     false for read-only parameters
 * @param location     where it lives on the device
 * @param dangerous    non-null when (some) changes need explicit confirmation
 * @param note         free text for maintainers of the schema (e.g. "meaning not documented by the vendor"); null when none
 */
public record ParameterDef(String key, String group, LocalizedText label, LocalizedText description, String unit,
                           RawType type, double scale, double offset, double min, double max, double step,
                           Map<Long, LocalizedText> enumeration, Double defaultValue, AccessLevel access,
                           boolean writable, Location location, Dangerous dangerous, String note) {

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Decimals per (scale, offset): a handful of distinct pairs per schema. */
    private static final java.util.Map<java.util.List<Double>, Integer> DECIMALS = new java.util.concurrent.ConcurrentHashMap<>();

    public ParameterDef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(location, "location");
        unit = unit == null ? "" : unit;
        enumeration = enumeration == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(enumeration));
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(key + ": scale must be > 0");
        }
    }

    /** Engineering value of a raw value: the double nearest to the exact decimal raw &times; scale + offset. */
    public double toEngineering(long raw) {
        int d = decimals();
        if (d <= 9 && Math.abs(raw) < (1L << 31)) {
            // scale and offset are whole numbers of 10^-d: integer arithmetic, one correctly rounded division
            double pow = POW10[d];
            long s = Math.round(scale * pow);
            long o = Math.round(offset * pow);
            if (Math.abs(s) < (1L << 21) && Math.abs(o) < (1L << 52)) {
                return (raw * s + o) / pow;
            }
        }
        return BigDecimal.valueOf(raw).multiply(BigDecimal.valueOf(scale)).add(BigDecimal.valueOf(offset)).doubleValue();
    }

    /**
     * The raw value of an engineering value.
     *
     * @throws IllegalArgumentException when the value is not finite, not a whole number of raw steps, or its
     *                                  raw value does not fit {@link #type()}
     */
    public long toRaw(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + ": " + value + " is not a number");
        }
        double exact = rawDouble(value);
        double nearest = Math.rint(exact);
        if (Math.abs(exact - nearest) > rawTolerance(exact)) {
            throw new IllegalArgumentException(key + ": " + plain(value) + " " + unit
                    + " is not a multiple of the resolution " + plain(scale) + " " + unit);
        }
        if (nearest < type.min() || nearest > type.max()) {
            throw new IllegalArgumentException(key + ": " + plain(value) + " " + unit + " is raw " + plain(nearest)
                    + ", which does not fit " + type);
        }
        return (long) nearest;
    }

    /** The raw value when {@code value} is exactly representable and fits the type; empty otherwise. */
    public OptionalLong rawOf(double value) {
        try {
            return OptionalLong.of(toRaw(value));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** The raw value nearest to {@code value}, not checked against the type; for comparing values. */
    public long nearestRaw(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + ": " + value + " is not a number");
        }
        return (long) Math.rint(rawDouble(value));
    }

    /** True when both values are the same raw value, i.e. the same on the device. */
    public boolean sameOnDevice(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        return nearestRaw(a) == nearestRaw(b);
    }

    /** True when {@code value} is a whole multiple of {@link #step()} (always true without a step). */
    public boolean onStep(double value) {
        if (step <= 0) {
            return true;
        }
        if (!Double.isFinite(value)) {
            return false;
        }
        double q = value / step;
        return Math.abs(q - Math.rint(q)) <= rawTolerance(q);
    }

    /** Smallest engineering value the raw type can hold. */
    public double typeMin() {
        return toEngineering(type.min());
    }

    /** Largest engineering value the raw type can hold. */
    public double typeMax() {
        return toEngineering(type.max());
    }

    /** Engineering units per raw step. */
    public double resolution() {
        return scale;
    }

    /** Digits after the decimal point that the resolution (and step) need. */
    public int decimals() {
        return DECIMALS.computeIfAbsent(java.util.List.of(scale, offset),
                k -> {
                    int d = Math.max(0, BigDecimal.valueOf(scale).stripTrailingZeros().scale());
                    if (offset != 0) {
                        d = Math.max(d, BigDecimal.valueOf(offset).stripTrailingZeros().scale());
                    }
                    return d;
                });
    }

    /**
     * The value as people write it: no floating-point noise, no trailing zeros ({@code 98.88}, {@code 3650},
     * {@code -20}). A value that is not on the resolution keeps all its digits, so a message never hides
     * what is wrong with it.
     */
    public String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal rounded = exact.setScale(decimals(), RoundingMode.HALF_EVEN);
        if (rawOf(value).isPresent() || exact.subtract(rounded).abs().compareTo(new BigDecimal("1e-9")) <= 0) {
            return plain(rounded.doubleValue());
        }
        return plain(value);
    }

    /** The value with its unit, e.g. {@code 3650 mV}. */
    public String formatWithUnit(double value) {
        return unit.isEmpty() ? format(value) : format(value) + " " + unit;
    }

    public boolean enumerated() {
        return !enumeration.isEmpty();
    }

    /** The meaning of an enumerated value. */
    public Optional<LocalizedText> enumLabel(double value) {
        if (!enumerated() || value != Math.rint(value)) {
            return Optional.empty();
        }
        return Optional.ofNullable(enumeration.get((long) value));
    }

    /**
     * (value - offset) / scale in binary floating point: its error (about 1e-16 relative) is far below the
     * tolerance of a millionth of a raw step used to decide whether a value is on the resolution.
     */
    private double rawDouble(double value) {
        return (value - offset) / scale;
    }

    private static double rawTolerance(double raw) {
        return Math.max(1e-6, Math.abs(raw) * 1e-12);
    }

    /** A double without exponent or trailing zeros. */
    static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
