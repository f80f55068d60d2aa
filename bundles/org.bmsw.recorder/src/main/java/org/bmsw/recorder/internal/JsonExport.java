package org.bmsw.recorder.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.CycleOptions;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.RecordingInfo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

/**
 * The JSON form of a recording ({@value RecordingDb#FORMAT}), streamed: a header, the devices, their layouts,
 * then one object per snapshot referring to its device and layout, and with {@code analysis} the cycles and events.
 * Numbers a device does not report are {@code null}; a probe that is not fitted is {@code null}.
 *
 * <pre>
 * {"format": "bmsw-recording/1", "name": ..., "started": ISO time, "ended": ISO time or null, "intervalMillis": 1000,
 *  "source": ..., "devices": [{"key", "profile", "model", "firmware", "hardware", "serial", "address", "bootloader"}],
 *  "layouts": [{"id", "device", "chemistry", "cellCount", "cells": [{"index", "module"}],
 *               "temperatures": [{"index", "module", "label"}],
 *               "flagGroups": [{"key", "label": {"en", "zh"}, "flags": [{"key", "label", "severity"}]}],
 *               "quantities": [{"key", "label", "unit", "category"}]}],
 *  "samples": [{"time", "device", "layout", "soc", "soh", "voltage", "current", "fcc", "rc", "cycles", "runTime",
 *               "chargeEnabled", "dischargeEnabled", "cells": [V], "balancing": [cell index],
 *               "temperatures": [°C or null], "flags": {"GROUP.KEY": level}, "quantities": [value],
 *               "flaggedQuantities": [key]}]}
 * </pre>
 */
final class JsonExport {

    private final RecordingReader reader;
    private final CycleOptions options;

    JsonExport(RecordingReader reader, CycleOptions options) {
        this.reader = reader;
        this.options = options;
    }

    void write(OutputStream out, boolean analysis) throws RecorderException {
        RecordingInfo info = reader.info();
        try (JsonGenerator g = LayoutJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new OneEntryPerLine());
            g.writeStartObject();
            g.writeStringField("format", RecordingDb.FORMAT);
            g.writeStringField("name", info.name());
            g.writeStringField("started", info.started().toString());
            if (info.ended().isPresent()) {
                g.writeStringField("ended", info.ended().get().toString());
            } else {
                g.writeNullField("ended");
            }
            g.writeNumberField("intervalMillis", info.interval().toMillis());
            g.writeStringField("source", info.source());
            g.writeArrayFieldStart("devices");
            for (String key : reader.deviceKeys()) {
                DeviceIdentity id = reader.identity(key);
                g.writeStartObject();
                g.writeStringField("key", key);
                g.writeStringField("profile", id.profileId());
                g.writeStringField("model", id.model());
                g.writeStringField("firmware", id.firmwareVersion());
                g.writeStringField("hardware", id.hardwareRevision());
                g.writeStringField("serial", id.serialNumber());
                g.writeNumberField("address", id.address());
                g.writeBooleanField("bootloader", id.inBootloader());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeLayouts(g);
            g.writeArrayFieldStart("samples");
            for (String key : reader.deviceKeys()) {
                reader.forEachRow(key, Long.MIN_VALUE, Long.MAX_VALUE, (time, layout, t) -> {
                    try {
                        sample(g, key, layout, t);
                    } catch (IOException e) {
                        throw new RecorderException("Cannot write the JSON export of recording " + reader.id() + ": " + e.getMessage(), e);
                    }
                });
            }
            g.writeEndArray();
            if (analysis) {
                writeAnalysis(g);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new RecorderException("Cannot write the JSON export of recording " + reader.id() + ": " + e.getMessage(), e);
        }
    }

    private void writeLayouts(JsonGenerator g) throws IOException, RecorderException {
        g.writeArrayFieldStart("layouts");
        try {
            Map<Long, DeviceLayout> layouts = reader.allLayouts();
            for (Map.Entry<Long, List<Long>> byDevice : reader.layoutsByDevice().entrySet()) {
                String deviceKey = reader.deviceKey(byDevice.getKey());
                for (long layoutId : byDevice.getValue()) {
                    g.writeStartObject();
                    g.writeNumberField("id", layoutId);
                    g.writeStringField("device", deviceKey);
                    LayoutJson.writeFields(g, layouts.get(layoutId));
                    g.writeEndObject();
                }
            }
        } catch (SQLException | RecordingFormatException e) {
            throw new RecorderException("Cannot read the layouts of recording " + reader.id() + ": " + e.getMessage(), e);
        }
        g.writeEndArray();
    }

    private static void sample(JsonGenerator g, String device, long layout, Telemetry t) throws IOException {
        PackState p = t.pack();
        g.writeStartObject();
        g.writeStringField("time", t.time().toString());
        g.writeStringField("device", device);
        g.writeNumberField("layout", layout);
        CycleJson.number(g, "soc", p.socPercent());
        CycleJson.number(g, "soh", p.sohPercent());
        CycleJson.number(g, "voltage", p.voltage());
        CycleJson.number(g, "current", p.current());
        CycleJson.number(g, "fcc", p.fullChargeCapacity());
        CycleJson.number(g, "rc", p.remainingCapacity());
        g.writeNumberField("cycles", p.cycleCount());
        g.writeNumberField("runTime", p.runTimeSeconds());
        g.writeBooleanField("chargeEnabled", p.chargeEnabled());
        g.writeBooleanField("dischargeEnabled", p.dischargeEnabled());
        g.writeArrayFieldStart("cells");
        for (CellVoltage c : t.cells()) {
            single(g, c.volts());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("balancing");
        for (CellVoltage c : t.cells()) {
            if (c.balancing()) {
                g.writeNumber(c.index());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("temperatures");
        for (Temperature probe : t.temperatures()) {
            if (probe.fitted()) {
                single(g, probe.celsius());
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("flags");
        for (FlagGroup group : t.flags()) {
            for (Flag f : group.flags()) {
                if (f.level() != 0) {
                    g.writeNumberField(group.key() + "." + f.key(), f.level());
                }
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("quantities");
        for (Quantity q : t.quantities()) {
            if (Double.isNaN(q.value())) {
                g.writeNull();
            } else {
                g.writeNumber(q.value());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flaggedQuantities");
        for (Quantity q : t.quantities()) {
            if (q.flagged()) {
                g.writeString(q.key());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeAnalysis(JsonGenerator g) throws IOException, RecorderException {
        g.writeArrayFieldStart("cycles");
        for (String key : reader.deviceKeys()) {
            for (Cycle c : reader.cycles(key, options)) {
                CycleJson.write(g, c);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("events");
        for (FlagEvent e : reader.events()) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("device", e.device());
            g.writeStringField("flag", e.key());
            g.writeStringField("label", e.label().english());
            g.writeStringField("severity", e.severity().name());
            g.writeNumberField("from", e.fromLevel());
            g.writeNumberField("to", e.toLevel());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * A line per top-level field and per element of the top-level arrays (a sample per line): compact, and an import
     * error's line number points at the sample.
     */
    private static final class OneEntryPerLine extends MinimalPrettyPrinter {

        private static final long serialVersionUID = 1L;

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (g.getOutputContext().getParent().inRoot()) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(g.getOutputContext().getParent().inRoot() ? ",\n" : ",");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (topLevelArray(g.getOutputContext())) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(topLevelArray(g.getOutputContext()) ? ",\n" : ",");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(g.getOutputContext().getParent().inRoot() ? "\n}\n" : "}");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(topLevelArray(g.getOutputContext()) && values > 0 ? "\n]" : "]");
        }

        private static boolean topLevelArray(JsonStreamContext context) {
            JsonStreamContext parent = context.getParent();
            return context.inArray() && parent != null && parent.inObject() && parent.getParent() != null && parent.getParent().inRoot();
        }
    }

    private static void single(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNull();
        } else {
            g.writeNumber((float) v);
        }
    }
}
