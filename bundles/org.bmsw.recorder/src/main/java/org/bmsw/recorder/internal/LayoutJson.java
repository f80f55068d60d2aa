package org.bmsw.recorder.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Severity;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.internal.DeviceLayout.CellSlot;
import org.bmsw.recorder.internal.DeviceLayout.FlagSlot;
import org.bmsw.recorder.internal.DeviceLayout.GroupSlot;
import org.bmsw.recorder.internal.DeviceLayout.ProbeSlot;
import org.bmsw.recorder.internal.DeviceLayout.QuantitySlot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;

/** A {@link DeviceLayout} as JSON: how it is stored in a recording file and in a JSON export. */
final class LayoutJson {

    static final JsonFactory FACTORY = new JsonFactory();

    private LayoutJson() {
    }

    static String toJson(DeviceLayout layout) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static DeviceLayout fromJson(String json, String where) throws RecordingFormatException {
        try (JsonInput in = new JsonInput(FACTORY.createParser(json), where)) {
            in.expect(JsonToken.START_OBJECT, "layout", "a layout object");
            return read(in, "layout");
        } catch (IOException e) {
            throw new RecordingFormatException(where, 0, 0, "layout", e.getMessage());
        }
    }

    /** Writes the layout's fields into the object the generator is in. */
    static void writeFields(JsonGenerator g, DeviceLayout layout) throws IOException {
        g.writeStringField("chemistry", layout.chemistry());
        g.writeNumberField("cellCount", layout.cellCount());
        g.writeArrayFieldStart("cells");
        for (CellSlot c : layout.cells()) {
            g.writeStartObject();
            g.writeNumberField("index", c.index());
            g.writeNumberField("module", c.module());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("temperatures");
        for (ProbeSlot p : layout.probes()) {
            g.writeStartObject();
            g.writeNumberField("index", p.index());
            g.writeNumberField("module", p.module());
            g.writeStringField("label", p.label());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flagGroups");
        for (GroupSlot group : layout.groups()) {
            g.writeStartObject();
            g.writeStringField("key", group.key());
            writeText(g, "label", group.label());
            g.writeArrayFieldStart("flags");
            for (FlagSlot f : group.flags()) {
                g.writeStartObject();
                g.writeStringField("key", f.key());
                writeText(g, "label", f.label());
                g.writeStringField("severity", f.severity().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("quantities");
        for (QuantitySlot q : layout.quantities()) {
            g.writeStartObject();
            g.writeStringField("key", q.key());
            writeText(g, "label", q.label());
            g.writeStringField("unit", q.unit());
            g.writeStringField("category", q.category());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void write(JsonGenerator g, DeviceLayout layout) throws IOException {
        g.writeStartObject();
        writeFields(g, layout);
        g.writeEndObject();
    }

    private static void writeText(JsonGenerator g, String field, LocalizedText text) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(text.texts()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Reads a layout object whose START_OBJECT was just read. Unknown fields are refused. */
    static DeviceLayout read(JsonInput in, String path) throws RecordingFormatException {
        return readFields(in, path, null);
    }

    /**
     * Like {@link #read}, but hands fields the layout does not know to {@code other} (which must consume their
     * value), for the export's layout objects that carry an id and a device too.
     */
    static DeviceLayout readFields(JsonInput in, String path, FieldHandler other) throws RecordingFormatException {
        String chemistry = null;
        Integer cellCount = null;
        List<CellSlot> cells = null;
        List<ProbeSlot> probes = null;
        List<GroupSlot> groups = null;
        List<QuantitySlot> quantities = null;
        for (String f = in.nextField(path); f != null; f = in.nextField(path)) {
            String at = path + "." + f;
            switch (f) {
                case "chemistry" -> chemistry = in.optionalString(at);
                case "cellCount" -> cellCount = in.integer(at, -1, 100_000);
                case "cells" -> cells = cells(in, at);
                case "temperatures" -> probes = probes(in, at);
                case "flagGroups" -> groups = groups(in, at);
                case "quantities" -> quantities = quantities(in, at);
                default -> {
                    if (other == null || !other.field(f, at)) {
                        throw in.error(at, "unknown field '" + f + "' in a layout");
                    }
                }
            }
        }
        require(in, path, "chemistry", chemistry);
        require(in, path, "cellCount", cellCount);
        require(in, path, "cells", cells);
        require(in, path, "temperatures", probes);
        require(in, path, "flagGroups", groups);
        require(in, path, "quantities", quantities);
        return new DeviceLayout(chemistry, cellCount, cells, probes, groups, quantities);
    }

    interface FieldHandler {
        /** Consumes the value of field {@code name}; false when the field is not known either. */
        boolean field(String name, String path) throws RecordingFormatException;
    }

    static void require(JsonInput in, String path, String field, Object value) throws RecordingFormatException {
        if (value == null) {
            throw in.error(path, "the field '" + field + "' is missing");
        }
    }

    private static List<CellSlot> cells(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_ARRAY, path, "an array of cells");
        List<CellSlot> out = new ArrayList<>();
        while (in.next(path) != JsonToken.END_ARRAY) {
            String at = path + "[" + out.size() + "]";
            requireObject(in, at, "a cell {index, module}");
            Integer index = null;
            Integer module = null;
            for (String f = in.nextField(at); f != null; f = in.nextField(at)) {
                switch (f) {
                    case "index" -> index = in.integer(at + ".index", 1, 100_000);
                    case "module" -> module = in.integer(at + ".module", 0, 1000);
                    default -> throw in.error(at + "." + f, "unknown field '" + f + "' in a cell");
                }
            }
            require(in, at, "index", index);
            require(in, at, "module", module);
            out.add(new CellSlot(index, module));
        }
        return out;
    }

    private static List<ProbeSlot> probes(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_ARRAY, path, "an array of temperature probes");
        List<ProbeSlot> out = new ArrayList<>();
        while (in.next(path) != JsonToken.END_ARRAY) {
            String at = path + "[" + out.size() + "]";
            requireObject(in, at, "a probe {index, module, label}");
            Integer index = null;
            Integer module = null;
            String label = null;
            for (String f = in.nextField(at); f != null; f = in.nextField(at)) {
                switch (f) {
                    case "index" -> index = in.integer(at + ".index", 1, 100_000);
                    case "module" -> module = in.integer(at + ".module", 0, 1000);
                    case "label" -> label = in.string(at + ".label");
                    default -> throw in.error(at + "." + f, "unknown field '" + f + "' in a probe");
                }
            }
            require(in, at, "index", index);
            require(in, at, "module", module);
            require(in, at, "label", label);
            out.add(new ProbeSlot(index, module, label));
        }
        return out;
    }

    private static List<GroupSlot> groups(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_ARRAY, path, "an array of flag groups");
        List<GroupSlot> out = new ArrayList<>();
        while (in.next(path) != JsonToken.END_ARRAY) {
            String at = path + "[" + out.size() + "]";
            requireObject(in, at, "a flag group {key, label, flags}");
            String key = null;
            LocalizedText label = null;
            List<FlagSlot> flags = null;
            for (String f = in.nextField(at); f != null; f = in.nextField(at)) {
                switch (f) {
                    case "key" -> key = in.string(at + ".key");
                    case "label" -> label = text(in, at + ".label");
                    case "flags" -> flags = flags(in, at + ".flags");
                    default -> throw in.error(at + "." + f, "unknown field '" + f + "' in a flag group");
                }
            }
            require(in, at, "key", key);
            require(in, at, "label", label);
            require(in, at, "flags", flags);
            out.add(new GroupSlot(key, label, flags));
        }
        return out;
    }

    private static List<FlagSlot> flags(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_ARRAY, path, "an array of flags");
        List<FlagSlot> out = new ArrayList<>();
        while (in.next(path) != JsonToken.END_ARRAY) {
            String at = path + "[" + out.size() + "]";
            requireObject(in, at, "a flag {key, label, severity}");
            String key = null;
            LocalizedText label = null;
            Severity severity = null;
            for (String f = in.nextField(at); f != null; f = in.nextField(at)) {
                switch (f) {
                    case "key" -> key = in.string(at + ".key");
                    case "label" -> label = text(in, at + ".label");
                    case "severity" -> {
                        String s = in.string(at + ".severity");
                        try {
                            severity = Severity.valueOf(s);
                        } catch (IllegalArgumentException e) {
                            throw in.error(at + ".severity", "expected NORMAL, WARNING or FAULT, found \"" + s + "\"");
                        }
                    }
                    default -> throw in.error(at + "." + f, "unknown field '" + f + "' in a flag");
                }
            }
            require(in, at, "key", key);
            require(in, at, "label", label);
            require(in, at, "severity", severity);
            out.add(new FlagSlot(key, label, severity));
        }
        return out;
    }

    private static List<QuantitySlot> quantities(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_ARRAY, path, "an array of quantities");
        List<QuantitySlot> out = new ArrayList<>();
        while (in.next(path) != JsonToken.END_ARRAY) {
            String at = path + "[" + out.size() + "]";
            requireObject(in, at, "a quantity {key, label, unit, category}");
            String key = null;
            LocalizedText label = null;
            String unit = null;
            String category = null;
            for (String f = in.nextField(at); f != null; f = in.nextField(at)) {
                switch (f) {
                    case "key" -> key = in.string(at + ".key");
                    case "label" -> label = text(in, at + ".label");
                    case "unit" -> unit = in.optionalString(at + ".unit");
                    case "category" -> category = in.optionalString(at + ".category");
                    default -> throw in.error(at + "." + f, "unknown field '" + f + "' in a quantity");
                }
            }
            require(in, at, "key", key);
            require(in, at, "label", label);
            require(in, at, "unit", unit);
            require(in, at, "category", category);
            out.add(new QuantitySlot(key, label, unit, category));
        }
        return out;
    }

    private static LocalizedText text(JsonInput in, String path) throws RecordingFormatException {
        in.expect(JsonToken.START_OBJECT, path, "a label {\"en\": ..., \"zh\": ...}");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f = in.nextField(path); f != null; f = in.nextField(path)) {
            texts.put(f, in.string(path + "." + f));
        }
        if (texts.isEmpty()) {
            throw in.error(path, "a label needs at least one language");
        }
        return new LocalizedText(texts);
    }

    private static void requireObject(JsonInput in, String path, String what) throws RecordingFormatException {
        if (in.current() != JsonToken.START_OBJECT) {
            throw in.error(path, "expected " + what + ", found " + in.describe());
        }
    }
}
