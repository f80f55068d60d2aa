package org.bmsw.can.dbc.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcSignal;
import org.bmsw.can.dbc.telemetry.TelemetryField.Kind;

/**
 * Telemetry described by a DBC: every signal whose {@value TelemetryField#ATTRIBUTE} attribute names a
 * {@link TelemetryField} carries that value. The same definition decodes received frames
 * ({@link #decoder()}) and encodes a snapshot into frames ({@link #encoder()}), so a device and the host read
 * one file; an OEM adapts the frames by editing the DBC.
 */
public final class DbcTelemetry {

    /** One signal with its field. */
    public record Mapped(DbcMessage message, DbcSignal signal, TelemetryField field) {
    }

    private final Dbc dbc;
    private final TelemetryCatalog catalog;
    private final Map<DbcMessage, List<Mapped>> byMessage;
    private final Map<String, Mapped> byField;

    private DbcTelemetry(Dbc dbc, TelemetryCatalog catalog, Map<DbcMessage, List<Mapped>> byMessage,
                         Map<String, Mapped> byField) {
        this.dbc = dbc;
        this.catalog = catalog;
        this.byMessage = byMessage;
        this.byField = byField;
    }

    /**
     * @throws DbcFormatException when a field name is unknown or used twice, naming message and signal
     */
    public static DbcTelemetry of(Dbc dbc, TelemetryCatalog catalog) throws DbcFormatException {
        Objects.requireNonNull(catalog, "catalog");
        Map<DbcMessage, List<Mapped>> byMessage = new LinkedHashMap<>();
        Map<String, Mapped> byField = new HashMap<>();
        for (DbcMessage message : dbc.messages()) {
            List<Mapped> mapped = new ArrayList<>();
            for (DbcSignal signal : message.signals()) {
                String text = signal.stringAttribute(TelemetryField.ATTRIBUTE).orElse(null);
                if (text == null) {
                    continue;
                }
                String where = "message " + message.name() + " (" + message.describeId() + ") signal " + signal.name();
                TelemetryField field;
                try {
                    field = TelemetryField.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new DbcFormatException(dbc.source(), 0, 0, where + ": " + e.getMessage());
                }
                Mapped m = new Mapped(message, signal, field);
                Mapped before = byField.put(field.text(), m);
                if (before != null) {
                    throw new DbcFormatException(dbc.source(), 0, 0, where + ": field " + field.text()
                            + " is already carried by message " + before.message().name() + " signal "
                            + before.signal().name());
                }
                mapped.add(m);
            }
            if (!mapped.isEmpty()) {
                byMessage.put(message, List.copyOf(mapped));
            }
        }
        if (byField.isEmpty()) {
            throw new DbcFormatException(dbc.source(), 0, 0, "no signal has a " + TelemetryField.ATTRIBUTE
                    + " attribute, so the file describes no telemetry");
        }
        return new DbcTelemetry(dbc, catalog, Collections.unmodifiableMap(byMessage), Map.copyOf(byField));
    }

    public Dbc dbc() {
        return dbc;
    }

    public TelemetryCatalog catalog() {
        return catalog;
    }

    /** Messages that carry telemetry, with their mapped signals, in file order. */
    public Map<DbcMessage, List<Mapped>> messages() {
        return byMessage;
    }

    /** The signal carrying a field ({@link TelemetryField#text()}), if any. */
    public java.util.Optional<Mapped> field(String fieldText) {
        return java.util.Optional.ofNullable(byField.get(fieldText));
    }

    /** The mapped signals of one multiplexed message grouped by the switch value that selects them. */
    static Map<Long, List<Mapped>> pages(DbcMessage message, List<Mapped> mapped) {
        Map<Long, List<Mapped>> pages = new TreeMap<>();
        for (Mapped m : mapped) {
            var condition = message.conditions().get(m.signal().name());
            long page = condition == null ? -1 : condition.ranges().get(0)[0];
            pages.computeIfAbsent(page, k -> new ArrayList<>()).add(m);
        }
        return pages;
    }

    public FrameTelemetryDecoder decoder() {
        return new FrameTelemetryDecoder(this);
    }

    public FrameTelemetryEncoder encoder() {
        return new FrameTelemetryEncoder(this);
    }

    /** J1939's convention: every bit of an unsigned value set means "not available" (flags excepted). */
    static boolean isNotAvailable(Mapped m, long raw) {
        DbcSignal s = m.signal();
        return s.valueType() == DbcSignal.ValueType.INTEGER && !s.signed() && s.length() > 1
                && (raw & s.allOnes()) == s.allOnes() && m.field().kind() != Kind.FLAG;
    }
}
