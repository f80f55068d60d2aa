package org.bmsw.recorder.internal.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.Refusal;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.internal.CycleJson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code record export} and {@code record import}: recordings to and from files. */
final class RecordingFiles {

    enum Format { CSV, JSON }

    enum What { SAMPLES, CYCLES }

    private RecordingFiles() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
            "Writes a recording to a file or to standard output:",
            "  --format csv --what samples   a row per snapshot: pack, cells, probes, flags",
            "  --format csv --what cycles    a row per charge, discharge or rest phase",
            "  --format json --what samples  the whole recording, for 'record import'",
            "  --format json --what cycles   the phases as a JSON array"})
    static final class Export implements Callable<Integer> {

        private final RecordCommand owner;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "ID", description = "The recording (see 'bmsw record list').")
        String id;

        @Option(names = "--format", paramLabel = "csv|json", description = "csv (default) or json.")
        Format format = Format.CSV;

        @Option(names = "--what", paramLabel = "samples|cycles", description = "samples (default) or cycles.")
        What what = What.SAMPLES;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", description = "The file to write (default: standard output).")
        Path out;

        Export(RecordCommand owner, CliContext context) {
            this.owner = owner;
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            try {
                RecordingInfo info = owner.requireRecording(id);
                if (out != null && out.getParent() != null && !Files.isDirectory(out.getParent())) {
                    throw new IllegalArgumentException("the folder of --out does not exist: " + out.getParent());
                }
                try (Recording recording = owner.recorder.open(id)) {
                    if (out == null) {
                        write(recording, info, context.out());
                        context.out().flush();
                    } else {
                        writeFile(recording, info);
                        context.err().println("recording " + id + ": " + what.name().toLowerCase(java.util.Locale.ROOT) + " written to "
                                + out + " (" + Files.size(out) + " bytes)");
                    }
                }
                return CliCommand.OK;
            } catch (RecorderException e) {
                return RecordCommand.failed(context, "record export", e);
            }
        }

        /** Through a temporary file beside the target, so a failed export never leaves half a file under its name. */
        private void writeFile(Recording recording, RecordingInfo info) throws IOException, RecorderException {
            Path part = out.resolveSibling(out.getFileName() + ".part");
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                write(recording, info, file);
            } catch (IOException | RecorderException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private void write(Recording recording, RecordingInfo info, OutputStream target) throws IOException, RecorderException {
            if (format == Format.CSV) {
                Writer writer = new OutputStreamWriter(target, StandardCharsets.UTF_8);
                if (what == What.SAMPLES) {
                    recording.exportSamplesCsv(writer);
                } else {
                    recording.exportCyclesCsv(writer, recording.cycleOptions());
                }
                writer.flush();
            } else if (what == What.SAMPLES) {
                recording.exportJson(target, false);
            } else {
                try (JsonGenerator g = RecordingQueries.JSON.createGenerator(target, JsonEncoding.UTF8)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.useDefaultPrettyPrinter();
                    g.writeStartArray();
                    for (RecordedDevice device : info.devices()) {
                        for (Cycle c : recording.cycles(device.key())) {
                            CycleJson.write(g, c);
                        }
                    }
                    g.writeEndArray();
                }
                target.write('\n');
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Adds a recording from another machine: a JSON export ('record export",
            "--format json') or a recording file (.sqlite). The file is checked",
            "completely first; a bad one is refused with its line and field."})
    static final class Import implements Callable<Integer> {

        private final RecordCommand owner;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "FILE", description = "The .json or .sqlite file.")
        Path file;

        Import(RecordCommand owner, CliContext context) {
            this.owner = owner;
            this.context = context;
        }

        @Override
        public Integer call() throws Refusal {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            try {
                RecordingInfo info = owner.recorder.importFile(file);
                context.out().println(info.id());
                context.err().println("imported " + file + " as recording " + info.id() + ": " + info.samples() + " snapshots of "
                        + info.devices().size() + " devices");
                return CliCommand.OK;
            } catch (RecordingFormatException e) {
                throw new Refusal(e.getMessage() + "; nothing was imported");
            } catch (RecorderException e) {
                return RecordCommand.failed(context, "record import", e);
            }
        }
    }
}
