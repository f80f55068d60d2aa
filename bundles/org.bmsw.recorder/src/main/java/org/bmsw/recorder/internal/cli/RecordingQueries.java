package org.bmsw.recorder.internal.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.TextTable;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.internal.CycleJson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code record list} and {@code record cycles}: what is recorded, and the phases found in it. */
final class RecordingQueries {

    static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RecordingQueries() {
    }

    static String local(Instant t) {
        return t == null ? "" : LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(LOCAL);
    }

    static JsonGenerator json(CliContext context) throws IOException {
        JsonGenerator g = JSON.createGenerator(context.out(), JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** Charges, discharges and rests of every device. */
    record PhaseCount(long charges, long discharges, long rests) {
        static PhaseCount of(Recording recording, RecordingInfo info) throws RecorderException {
            long c = 0;
            long d = 0;
            long r = 0;
            for (RecordedDevice device : info.devices()) {
                for (Cycle cycle : recording.cycles(device.key())) {
                    switch (cycle.kind()) {
                        case CHARGE -> c++;
                        case DISCHARGE -> d++;
                        default -> r++;
                    }
                }
            }
            return new PhaseCount(c, d, r);
        }
    }

    static String devices(RecordingInfo info) {
        return String.join(", ", info.devices().stream().map(d -> d.identity().model() + " @" + d.identity().address()).toList());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {
            "Lists the recordings, newest first: id, name, devices, start and end,",
            "state, snapshots, and the charge / discharge / rest phases found in them."})
    static final class ListRecordings implements Callable<Integer> {

        private final RecordCommand owner;
        private final CliContext context;

        @Mixin
        OutputOptions output;

        ListRecordings(RecordCommand owner, CliContext context) {
            this.owner = owner;
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            if (output.json && output.csv) {
                throw new IllegalArgumentException("give --json or --csv, not both");
            }
            try {
                List<RecordingInfo> all = owner.recorder.list();
                List<PhaseCount> phases = new ArrayList<>();
                for (RecordingInfo info : all) {
                    try (Recording recording = owner.recorder.open(info.id())) {
                        phases.add(PhaseCount.of(recording, info));
                    }
                }
                if (output.json) {
                    json(all, phases);
                } else if (output.csv) {
                    csv(all, phases);
                } else {
                    text(all, phases);
                }
                return CliCommand.OK;
            } catch (RecorderException e) {
                return RecordCommand.failed(context, "record list", e);
            }
        }

        private void text(List<RecordingInfo> all, List<PhaseCount> phases) {
            if (all.isEmpty()) {
                context.err().println("no recordings in " + owner.recorder.directory());
                return;
            }
            TextTable table = new TextTable("ID", "NAME", "DEVICES", "START", "END", "STATE", "SNAPSHOTS", "CYCLES C/D/R");
            for (int i = 0; i < all.size(); i++) {
                RecordingInfo r = all.get(i);
                PhaseCount p = phases.get(i);
                table.row(r.id(), r.name(), devices(r), local(r.started()), r.ended().map(RecordingQueries::local).orElse("-"),
                        r.state().name().toLowerCase(Locale.ROOT), r.samples(), p.charges + "/" + p.discharges + "/" + p.rests);
            }
            context.out().print(table);
        }

        private void csv(List<RecordingInfo> all, List<PhaseCount> phases) {
            context.out().println("id,name,devices,started,ended,state,interval_ms,snapshots,bytes,charges,discharges,rests,source");
            for (int i = 0; i < all.size(); i++) {
                RecordingInfo r = all.get(i);
                PhaseCount p = phases.get(i);
                context.out().println(String.join(",", quote(r.id()), quote(r.name()),
                        quote(String.join(" ", r.devices().stream().map(RecordedDevice::key).toList())), r.started().toString(),
                        r.ended().map(Instant::toString).orElse(""), r.state().name().toLowerCase(Locale.ROOT),
                        Long.toString(r.interval().toMillis()), Long.toString(r.samples()), Long.toString(r.bytes()),
                        Long.toString(p.charges), Long.toString(p.discharges), Long.toString(p.rests), quote(r.source())));
            }
        }

        private void json(List<RecordingInfo> all, List<PhaseCount> phases) throws IOException {
            try (JsonGenerator g = RecordingQueries.json(context)) {
                g.writeStartArray();
                for (int i = 0; i < all.size(); i++) {
                    RecordingInfo r = all.get(i);
                    PhaseCount p = phases.get(i);
                    g.writeStartObject();
                    g.writeStringField("id", r.id());
                    g.writeStringField("name", r.name());
                    g.writeStringField("state", r.state().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("started", r.started().toString());
                    Optional<Instant> ended = r.ended();
                    if (ended.isPresent()) {
                        g.writeStringField("ended", ended.get().toString());
                    } else {
                        g.writeNullField("ended");
                    }
                    g.writeNumberField("intervalMillis", r.interval().toMillis());
                    g.writeNumberField("samples", r.samples());
                    g.writeNumberField("bytes", r.bytes());
                    g.writeStringField("source", r.source());
                    g.writeNumberField("charges", p.charges);
                    g.writeNumberField("discharges", p.discharges);
                    g.writeNumberField("rests", p.rests);
                    g.writeArrayFieldStart("devices");
                    for (RecordedDevice d : r.devices()) {
                        g.writeStartObject();
                        g.writeStringField("key", d.key());
                        g.writeStringField("profile", d.identity().profileId());
                        g.writeStringField("model", d.identity().model());
                        g.writeStringField("serial", d.identity().serialNumber());
                        g.writeNumberField("address", d.identity().address());
                        g.writeNumberField("samples", d.samples());
                        g.writeStringField("first", d.first() == null ? null : d.first().toString());
                        g.writeStringField("last", d.last() == null ? null : d.last().toString());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            context.out().println();
        }
    }

    @Command(name = "cycles", mixinStandardHelpOptions = true, description = {
            "The charge, discharge and rest phases of a recording: start, duration,",
            "Ah and Wh in and out, SOC, lowest and highest cell, largest spread,",
            "hottest probe, peak current, protections and alarms."})
    static final class ShowCycles implements Callable<Integer> {

        private final RecordCommand owner;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ID", description = "The recording (see 'bmsw record list').")
        String id;

        @Option(names = "--device", paramLabel = "KEY", description = "Only this device (its key: 'record list --json').")
        String device;

        @Mixin
        OutputOptions output;

        ShowCycles(RecordCommand owner, CliContext context) {
            this.owner = owner;
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            if (output.json && output.csv) {
                throw new IllegalArgumentException("give --json or --csv, not both");
            }
            try {
                RecordingInfo info = owner.requireRecording(id);
                List<String> keys = info.devices().stream().map(RecordedDevice::key).toList();
                if (device != null && !keys.contains(device)) {
                    throw new IllegalArgumentException("recording " + id + " has no device '" + device + "'; it has " + keys);
                }
                try (Recording recording = owner.recorder.open(id)) {
                    List<Cycle> cycles = new ArrayList<>();
                    for (String key : keys) {
                        if (device == null || device.equals(key)) {
                            cycles.addAll(recording.cycles(key));
                        }
                    }
                    if (output.json) {
                        try (JsonGenerator g = json(context)) {
                            g.writeStartArray();
                            for (Cycle c : cycles) {
                                CycleJson.write(g, c);
                            }
                            g.writeEndArray();
                        }
                        context.out().println();
                    } else if (output.csv) {
                        Writer out = new OutputStreamWriter(context.out(), StandardCharsets.UTF_8);
                        if (device == null) {
                            recording.exportCyclesCsv(out, recording.cycleOptions());
                        } else {
                            throw new IllegalArgumentException("--csv covers every device; leave out --device");
                        }
                        out.flush();
                    } else {
                        text(cycles, keys.size() > 1);
                    }
                }
                return CliCommand.OK;
            } catch (RecorderException e) {
                return RecordCommand.failed(context, "record cycles", e);
            }
        }

        private void text(List<Cycle> cycles, boolean manyDevices) {
            if (cycles.isEmpty()) {
                context.err().println("recording " + id + " has no snapshots to analyse");
                return;
            }
            List<String> headings = new ArrayList<>(List.of("#", "KIND", "START", "DURATION", "AH IN", "AH OUT",
                    "WH IN", "WH OUT", "SOC %", "MIN CELL V", "MAX CELL V", "SPREAD MV", "MAX °C", "PEAK A", "EVENTS"));
            if (manyDevices) {
                headings.add(1, "DEVICE");
            }
            TextTable table = new TextTable(headings.toArray(String[]::new));
            int n = 1;
            for (Cycle c : cycles) {
                List<Object> row = new ArrayList<>(List.of(n++, c.kind().name().toLowerCase(Locale.ROOT),
                        local(c.start()), Durations.format(c.duration()), num("%.3f", c.ampHoursIn()), num("%.3f", c.ampHoursOut()),
                        num("%.1f", c.wattHoursIn()), num("%.1f", c.wattHoursOut()),
                        num("%.0f", c.startSoc()) + "→" + num("%.0f", c.endSoc()), num("%.3f", c.minCell()), num("%.3f", c.maxCell()),
                        num("%.0f", c.maxSpread() * 1000), num("%.1f", c.maxTemperature()), num("%.1f", c.peakCurrent()),
                        events(c)));
                if (manyDevices) {
                    row.add(1, c.device());
                }
                table.row(row.toArray());
            }
            context.out().print(table);
        }

        private static String events(Cycle c) {
            List<String> all = new ArrayList<>(c.protections().stream().sorted().toList());
            all.addAll(c.alarms().stream().sorted().toList());
            return all.isEmpty() ? "-" : String.join(" ", all);
        }
    }

    static String num(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
