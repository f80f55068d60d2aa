package org.bmsw.recorder.internal;

import java.io.IOException;

import org.bmsw.recorder.Cycle;

import com.fasterxml.jackson.core.JsonGenerator;

/** One charge, discharge or rest phase as a JSON object: in the JSON export and in {@code bmsw record cycles --json}. */
public final class CycleJson {

    private CycleJson() {
    }

    public static void write(JsonGenerator g, Cycle c) throws IOException {
        g.writeStartObject();
        g.writeStringField("device", c.device());
        g.writeStringField("kind", c.kind().name());
        g.writeStringField("start", c.start().toString());
        g.writeStringField("end", c.end().toString());
        g.writeNumberField("seconds", c.duration().toMillis() / 1000.0);
        g.writeNumberField("samples", c.samples());
        number(g, "ampHoursIn", c.ampHoursIn());
        number(g, "ampHoursOut", c.ampHoursOut());
        number(g, "wattHoursIn", c.wattHoursIn());
        number(g, "wattHoursOut", c.wattHoursOut());
        number(g, "startSoc", c.startSoc());
        number(g, "endSoc", c.endSoc());
        number(g, "minCell", c.minCell());
        number(g, "maxCell", c.maxCell());
        number(g, "maxSpread", c.maxSpread());
        number(g, "maxTemperature", c.maxTemperature());
        number(g, "peakCurrent", c.peakCurrent());
        g.writeArrayFieldStart("protections");
        for (String p : c.protections().stream().sorted().toList()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alarms");
        for (String a : c.alarms().stream().sorted().toList()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** NaN (not reported) is null. */
    static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }
}
