package org.bmsw.workbench.cantrace.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcSignal;
import org.bmsw.transport.api.CanFrame;

/**
 * A frame in a DBC's words: the message it is, and every signal it carries with its value, unit or value name
 * (multiplexed signals only where the switch selects them). Without a DBC, or for an id the DBC does not describe,
 * nothing. Not thread-safe (a cache by id): one per UI.
 */
final class FrameDecoder {

    /** What a frame says. */
    record Decoded(String message, List<String> signalNames, String signals) {
        static final Decoded NONE = new Decoded("", List.of(), "");
    }

    private final Dbc dbc;
    private final Map<Long, Optional<DbcMessage>> messages = new HashMap<>();

    FrameDecoder(Dbc dbc) {
        this.dbc = dbc;
    }

    Optional<Dbc> dbc() {
        return Optional.ofNullable(dbc);
    }

    Optional<DbcMessage> message(CanFrame frame) {
        if (dbc == null) {
            return Optional.empty();
        }
        long key = frame.extended() ? (1L << 32) | frame.id() : frame.id();
        return messages.computeIfAbsent(key, k -> dbc.message(frame.id(), frame.extended()));
    }

    Decoded decode(CanFrame frame) {
        Optional<DbcMessage> m = message(frame);
        if (m.isEmpty()) {
            return Decoded.NONE;
        }
        DbcMessage message = m.get();
        if (frame.remote() || frame.length() < message.length()) {
            return new Decoded(message.name(), List.of(), frame.remote() ? "RTR" : "DLC " + frame.length() + " < " + message.length());
        }
        Map<String, Double> values = message.decode(frame.data());
        List<String> names = new ArrayList<>(values.keySet());
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            DbcSignal signal = message.signal(e.getKey()).orElseThrow();
            if (text.length() > 0) {
                text.append("  ");
            }
            text.append(e.getKey()).append('=').append(value(signal, e.getValue()));
        }
        return new Decoded(message.name(), names, text.toString());
    }

    private static String value(DbcSignal signal, double v) {
        if (!signal.valueNames().isEmpty()) {
            String named = signal.valueNames().get(Math.round((v - signal.offset()) / signal.factor()));
            if (named != null) {
                return named;
            }
        }
        String number = Double.isFinite(v)
                ? java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                : Double.toString(v);
        return signal.unit().isEmpty() ? number : number + " " + signal.unit();
    }
}
