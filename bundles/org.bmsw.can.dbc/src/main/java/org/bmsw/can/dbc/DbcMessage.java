package org.bmsw.can.dbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code BO_} of a DBC file with its signals.
 *
 * @param id          11-bit or 29-bit identifier (without the DBC's extended-frame flag, bit 31)
 * @param extended    29-bit identifier
 * @param name        message name
 * @param length      data bytes (DLC) 0..8
 * @param transmitter sending node ({@code Vector__XXX} when none)
 * @param signals     in file order
 * @param conditions  for every multiplexed signal: the switch it depends on and the switch values that select it
 * @param comment     {@code CM_ BO_} text; empty when none
 * @param attributes  {@code BA_} values, with the declared defaults filled in
 */
public record DbcMessage(int id, boolean extended, String name, int length, String transmitter, List<DbcSignal> signals,
                         Map<String, MultiplexCondition> conditions, String comment, Map<String, Object> attributes) {

    /** Attribute holding the send period in ms, as Vector's tools name it. */
    public static final String CYCLE_TIME = "GenMsgCycleTime";

    /**
     * When a multiplexed signal is present: while {@code switchName} is present and its raw value lies in one of
     * {@code ranges} (each {@code [from, to]}, inclusive).
     */
    public record MultiplexCondition(String switchName, List<long[]> ranges) {
        public MultiplexCondition {
            ranges = List.copyOf(ranges);
        }

        public boolean selects(long switchValue) {
            for (long[] range : ranges) {
                if (switchValue >= range[0] && switchValue <= range[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    public DbcMessage {
        Objects.requireNonNull(name, "name");
        signals = List.copyOf(signals);
        conditions = Map.copyOf(conditions);
        attributes = Map.copyOf(attributes);
        comment = comment == null ? "" : comment;
    }

    public Optional<DbcSignal> signal(String signalName) {
        return signals.stream().filter(s -> s.name().equals(signalName)).findFirst();
    }

    /** A {@code BA_} value or the attribute's default. */
    public Optional<Object> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** {@value #CYCLE_TIME} in ms when declared and positive. */
    public OptionalInt cycleTimeMillis() {
        Object value = attributes.get(CYCLE_TIME);
        if (value instanceof Number n && n.intValue() > 0) {
            return OptionalInt.of(n.intValue());
        }
        return OptionalInt.empty();
    }

    public boolean multiplexed() {
        return !conditions.isEmpty();
    }

    /** The top-level multiplexer switch ({@code M}), if any. */
    public Optional<DbcSignal> multiplexer() {
        return signals.stream().filter(s -> s.multiplexRole() == DbcSignal.MultiplexRole.SWITCH).findFirst();
    }

    /**
     * The physical value of every signal the frame carries: plain signals, switches, and the multiplexed signals
     * their switches select.
     *
     * @throws IllegalArgumentException when {@code data} is shorter than the message
     */
    public Map<String, Double> decode(byte[] data) {
        requireLength(data);
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Long> raws = new LinkedHashMap<>();
        for (DbcSignal signal : signals) {
            if (present(signal, data, raws)) {
                values.put(signal.name(), signal.decode(data));
            }
        }
        return values;
    }

    /** Whether a signal is in this frame (its switches select it), memoising switch values in {@code raws}. */
    public boolean present(DbcSignal signal, byte[] data, Map<String, Long> raws) {
        MultiplexCondition condition = conditions.get(signal.name());
        if (condition == null) {
            return true;
        }
        DbcSignal switchSignal = signal(condition.switchName()).orElseThrow();
        if (!present(switchSignal, data, raws)) {
            return false;
        }
        long value = raws.computeIfAbsent(switchSignal.name(), k -> switchSignal.raw(data));
        return condition.selects(value);
    }

    /**
     * A frame of the message with the given physical values; signals not given stay 0. For a multiplexed
     * message, give the switch value and only signals it selects.
     *
     * @throws IllegalArgumentException for an unknown signal, a value the signal cannot hold, or a multiplexed
     *                                  signal the given switch value does not select
     */
    public byte[] encode(Map<String, Double> values) {
        byte[] data = new byte[length];
        for (var entry : values.entrySet()) {
            DbcSignal signal = signal(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "message " + name + " has no signal " + entry.getKey()));
            signal.encode(data, entry.getValue());
        }
        Map<String, Long> raws = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            DbcSignal signal = signal(key).orElseThrow();
            if (!present(signal, data, raws)) {
                throw new IllegalArgumentException("message " + name + ": signal " + key
                        + " is not selected by the multiplexer value given");
            }
        }
        return data;
    }

    private void requireLength(byte[] data) {
        if (data.length < length) {
            throw new IllegalArgumentException("message " + name + " needs " + length + " bytes, the frame has "
                    + data.length);
        }
    }

    /** "0x18FF01F3 (extended)" / "0x123". */
    public String describeId() {
        return extended ? String.format("0x%08X (extended)", id) : String.format("0x%03X", id);
    }
}
