package org.bmsw.calibration.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.calibration.CalibrationService;
import org.bmsw.calibration.CalibrationTiming;
import org.bmsw.calibration.CurrentConvention;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bmsw calibrate list | current-zero | current | temperature | voltage | soc | reports}: the same procedures
 * as the window's Calibration page. Nothing is written without {@code --yes}; writing needs {@code --engineer}.
 */
@Component(service = CliCommand.class)
public class CalibrateCommand implements CliCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CalibrationService service;

    @Activate
    public CalibrateCommand(@Reference CalibrationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "calibrate";
    }

    @Override
    public Object create(CliContext context) {
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(new ListProcedures(context, service));
        root.addSubcommand(new CurrentZero(context, service));
        root.addSubcommand(new RealCurrent(context, service));
        root.addSubcommand(new Temperatures(context, service));
        root.addSubcommand(new VoltageTable(context, service));
        root.addSubcommand(new Soc(context, service));
        root.addSubcommand(new Reports(context, service));
        return root;
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = {"Guided calibrations: preconditions checked on live readings, the affected parameters backed up,",
                    "the result verified, the backup restored on failure, a report saved in <data-dir>/calibration/.",
                    "Nothing is written without --yes; writing needs --engineer."},
            footer = {"", "Examples:",
                    "  bmsw calibrate list --port /dev/ttyUSB0",
                    "  bmsw calibrate current-zero --port /dev/ttyUSB0 --engineer --yes",
                    "  bmsw calibrate current --reference 30 --port /dev/ttyUSB0 --engineer --yes",
                    "  bmsw calibrate current --reference -30 --convention manual --port /dev/ttyUSB0 --dry-run",
                    "  bmsw calibrate temperature --probe 1=25.0 --probe 2=24.8 --port /dev/ttyUSB0 --engineer --yes",
                    "  bmsw calibrate voltage --preset lfp --point Vol10=3500 --port /dev/ttyUSB0 --engineer --yes",
                    "  bmsw calibrate reports",
                    "Exit codes: 0 calibrated (or checked with --dry-run), 1 device error or rolled back, 3 refused: nothing written."})
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say what to do: list, current-zero, current, temperature, voltage, soc or reports");
        }
    }

    /** The switches of every calibration. */
    static final class RunOptions {
        @Option(names = "--yes", description = "Really calibrate (without it the preconditions are checked, nothing is written).")
        boolean yes;

        @Option(names = "--dry-run", description = "Check the preconditions, measure and show what would be written; write nothing.")
        boolean dryRun;

        @Option(names = "--engineer", description = "Unlock engineer access: every calibration needs it to write.")
        boolean engineer;

        @Option(names = "--stable-for", paramLabel = "SECONDS",
                description = "How long readings must hold steady, and the verification averages (default 5).")
        double stableSeconds = CalibrationTiming.DEFAULT.stableFor().toMillis() / 1000.0;

        @Option(names = "--wait", paramLabel = "SECONDS",
                description = "Refuse when readings are not steady within this time (default 60).")
        double waitSeconds = CalibrationTiming.DEFAULT.maxWait().toMillis() / 1000.0;

        CalibrationTiming timing() {
            if (!(stableSeconds > 0) || !(waitSeconds > 0)) {
                throw new IllegalArgumentException("--stable-for and --wait must be positive numbers of seconds");
            }
            if (waitSeconds < stableSeconds) {
                throw new IllegalArgumentException("--wait (" + waitSeconds + " s) must not be shorter than --stable-for ("
                        + stableSeconds + " s)");
            }
            return new CalibrationTiming(millis(stableSeconds), millis(waitSeconds), CalibrationTiming.DEFAULT.sampleInterval());
        }

        private static Duration millis(double seconds) {
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
    }

    /** Runs one procedure with the inputs its subcommand gathered. */
    abstract static class ProcedureCommand implements Callable<Integer> {
        final CliContext context;
        final CalibrationService service;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Mixin RunOptions options;

        ProcedureCommand(CliContext context, CalibrationService service) {
            this.context = context;
            this.service = service;
        }

        abstract String procedureId();

        abstract Map<String, String> inputs();

        @Override
        public Integer call() throws DeviceException, Refusal {
            Locale locale = context.locale(output);
            Map<String, String> inputs = inputs();
            CalibrationProcedure procedure = service.procedure(procedureId()).orElseThrow(() -> new Refusal(
                    "the calibration procedure '" + procedureId() + "' is not installed"));
            try (DeviceSession session = context.connect(connection)) {
                if (!procedure.appliesTo(session)) {
                    throw new Refusal(procedure.title().text(locale) + " does not apply to " + session.identity().describe()
                            + " (profile " + session.identity().profileId() + "); 'calibrate list' shows those that do. "
                            + "Nothing was written");
                }
                boolean write = options.yes && !options.dryRun;
                if (!output.json) {
                    context.err().println(procedure.title().text(locale) + " — " + session.identity().describe());
                    int n = 1;
                    for (LocalizedText step : procedure.steps(session)) {
                        context.err().println("  " + n++ + ". " + step.text(locale));
                    }
                }
                CalibrationRequest request = new CalibrationRequest(inputs, options.engineer ? AccessLevel.ENGINEER
                        : AccessLevel.USER, write, options.timing(), context.dataDir(), locale);
                CalibrationResult result = service.run(procedure, session, request,
                        (stage, message) -> context.err().println("[" + stage.name().toLowerCase(Locale.ROOT) + "] "
                                + message.text(locale)));
                print(result, locale);
                return exitCode(result, locale);
            }
        }

        private int exitCode(CalibrationResult result, Locale locale) throws Refusal {
            String summary = result.summary().text(locale);
            switch (result.outcome()) {
                case CALIBRATED:
                    return CliCommand.OK;
                case DRY_RUN:
                    if (options.dryRun) {
                        return CliCommand.OK;
                    }
                    throw new Refusal("checked only, nothing written: add --yes (and --engineer) to calibrate");
                case REFUSED:
                case CANCELLED:
                    throw new Refusal(summary);
                default:
                    context.err().println("calibrate " + procedureId() + ": " + result.outcome() + ": " + summary);
                    return CliCommand.FAILED;
            }
        }

        private void print(CalibrationResult result, Locale locale) {
            if (output.json) {
                context.out().println(ReportFiles.toJson(result).toPrettyString());
                return;
            }
            StringBuilder out = new StringBuilder();
            out.append(result.outcome()).append(": ").append(result.summary().text(locale)).append('\n');
            if (!result.measurements().isEmpty()) {
                Columns table = new Columns("READING", "UNIT", "REFERENCE", "BEFORE", "ERROR", "AFTER", "ERROR", "TOLERANCE");
                for (Measurement m : result.measurements()) {
                    int d = "A".equals(m.unit()) ? 2 : 1;
                    table.row(m.label().text(locale), m.unit(), Format.number(m.reference(), d), Format.number(m.before(), d),
                            Format.number(m.errorBefore(), d), Format.number(m.after(), d), Format.number(m.errorAfter(), d),
                            Double.isFinite(m.tolerance()) ? "±" + Format.number(m.tolerance(), d) : "–");
                }
                table.render(out);
                for (Measurement m : result.measurements()) {
                    if (m.note() != null) {
                        out.append("  ").append(m.note().text(locale)).append('\n');
                    }
                }
            }
            if (!result.parameters().isEmpty()) {
                Columns table = new Columns("PARAMETER", "BEFORE", "PLANNED", "AFTER", "UNIT");
                for (ParameterChange p : result.parameters()) {
                    table.row(p.key(), value(p.before()), value(p.planned()), value(p.after()), p.unit());
                }
                table.render(out);
            }
            if (result.backupFile() != null) {
                out.append("backup: ").append(result.backupFile()).append('\n');
            }
            if (result.textReport() != null) {
                out.append("report: ").append(result.textReport()).append(" (and ").append(result.reportFile().getFileName())
                        .append(")\n");
            }
            context.out().print(out);
        }

        private static String value(Double v) {
            return v == null ? "–" : v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
        }
    }

    @Command(name = "current-zero", mixinStandardHelpOptions = true,
            description = "Zero offset of the current sensor, with the pack at rest (no charger, no load).")
    static final class CurrentZero extends ProcedureCommand {
        CurrentZero(CliContext context, CalibrationService service) {
            super(context, service);
        }

        @Override
        String procedureId() {
            return "current-zero";
        }

        @Override
        Map<String, String> inputs() {
            return Map.of();
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true,
            description = {"Real-current calibration while charging steadily at 10–50 A, to a reference meter.",
                    "The Smart BMS manual enters charging as NEGATIVE; enter the meter's value as it shows it",
                    "(--convention natural, the default: charging positive) or as the manual does (--convention manual)."})
    static final class RealCurrent extends ProcedureCommand {
        @Option(names = "--reference", required = true, paramLabel = "A",
                description = "The charging current the reference meter shows, in A.")
        String reference;

        @Option(names = "--convention", paramLabel = "natural|manual",
                description = "Sign of a charging current in --reference: natural (+, default) or manual (−, as the Smart BMS manual).")
        String convention = CurrentConvention.NATURAL.key();

        RealCurrent(CliContext context, CalibrationService service) {
            super(context, service);
        }

        @Override
        String procedureId() {
            return "current";
        }

        @Override
        Map<String, String> inputs() {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put(RealCurrentProcedure.REFERENCE, reference);
            inputs.put(RealCurrentProcedure.CONVENTION, convention);
            return inputs;
        }
    }

    @Command(name = "temperature", mixinStandardHelpOptions = true,
            description = "Temperature offsets (TempOffset1–3) of the probes, to a reference thermometer.")
    static final class Temperatures extends ProcedureCommand {
        @Option(names = "--probe", required = true, paramLabel = "N=°C",
                description = "Probe number and its reference temperature, e.g. --probe 1=25.0 (repeatable).")
        Map<Integer, String> probes = new LinkedHashMap<>();

        Temperatures(CliContext context, CalibrationService service) {
            super(context, service);
        }

        @Override
        String procedureId() {
            return "temperature";
        }

        @Override
        Map<String, String> inputs() {
            Map<String, String> inputs = new LinkedHashMap<>();
            probes.forEach((probe, celsius) -> inputs.put(TemperatureProcedure.inputKey(probe), celsius));
            return inputs;
        }
    }

    @Command(name = "voltage", mixinStandardHelpOptions = true,
            description = "The open-circuit voltage table Vol0–Vol10 (0 … 100 % SOC) the BMS corrects its SOC with.")
    static final class VoltageTable extends ProcedureCommand {
        @Option(names = "--preset", paramLabel = "lfp|nmc", description = "Start from the manual's LFP or NMC table.")
        String preset;

        @Option(names = "--point", paramLabel = "VolN=mV", description = "One point of the table, e.g. --point Vol10=3500 (repeatable).")
        Map<String, String> points = new LinkedHashMap<>();

        VoltageTable(CliContext context, CalibrationService service) {
            super(context, service);
        }

        @Override
        String procedureId() {
            return "voltage";
        }

        @Override
        Map<String, String> inputs() {
            if (preset == null && points.isEmpty()) {
                throw new IllegalArgumentException("give --preset lfp|nmc and/or --point VolN=mV");
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            if (preset != null) {
                inputs.put(OcvTableProcedure.PRESET, preset);
            }
            for (var point : points.entrySet()) {
                if (!OcvTableProcedure.keys().contains(point.getKey())) {
                    throw new IllegalArgumentException("--point " + point.getKey() + ": the points are Vol0 .. Vol10");
                }
                inputs.put(point.getKey(), point.getValue());
            }
            return inputs;
        }
    }

    @Command(name = "soc", mixinStandardHelpOptions = true,
            description = "Sets the BMS's SOC estimate to a known value (JDI: Calibration, then Flash).")
    static final class Soc extends ProcedureCommand {
        @Option(names = "--reference", required = true, paramLabel = "%", description = "The known state of charge, 0..100.")
        String reference;

        Soc(CliContext context, CalibrationService service) {
            super(context, service);
        }

        @Override
        String procedureId() {
            return "soc";
        }

        @Override
        Map<String, String> inputs() {
            return Map.of(SocProcedure.INPUT, reference);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The calibrations the connected device offers.")
    static final class ListProcedures implements Callable<Integer> {
        private final CliContext context;
        private final CalibrationService service;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;

        ListProcedures(CliContext context, CalibrationService service) {
            this.context = context;
            this.service = service;
        }

        @Override
        public Integer call() throws DeviceException {
            Locale locale = context.locale(output);
            try (DeviceSession session = context.connect(connection)) {
                List<CalibrationProcedure> procedures = service.proceduresFor(session);
                if (output.json) {
                    ArrayNode list = JSON.createArrayNode();
                    for (CalibrationProcedure p : procedures) {
                        ObjectNode node = list.addObject();
                        node.put("id", p.id());
                        node.put("title", p.title().text(locale));
                        node.put("description", p.description().text(locale));
                        ArrayNode steps = node.putArray("steps");
                        p.steps(session).forEach(s -> steps.add(s.text(locale)));
                        ArrayNode inputs = node.putArray("inputs");
                        for (CalibrationInput in : p.inputs(session)) {
                            ObjectNode i = inputs.addObject();
                            i.put("key", in.key());
                            i.put("label", in.label().text(locale));
                            i.put("unit", in.unit());
                            i.put("required", in.required());
                            in.choices().forEach(i.putArray("choices")::add);
                        }
                        p.affectedParameters(session).forEach(node.putArray("parameters")::add);
                    }
                    context.out().println(list.toPrettyString());
                    return CliCommand.OK;
                }
                StringBuilder out = new StringBuilder();
                out.append(session.identity().describe()).append(": ").append(procedures.size())
                        .append(" calibration(s)\n");
                Columns table = new Columns("COMMAND", "CALIBRATION", "CHANGES", "DESCRIPTION");
                for (CalibrationProcedure p : procedures) {
                    table.row(p.id(), p.title().text(locale), String.join(",", p.affectedParameters(session)),
                            p.description().text(locale));
                }
                table.render(out);
                context.out().print(out);
                return CliCommand.OK;
            }
        }
    }

    @Command(name = "reports", mixinStandardHelpOptions = true,
            description = "The saved calibration reports (newest first), or one of them with --show.")
    static final class Reports implements Callable<Integer> {
        private final CliContext context;
        private final CalibrationService service;
        @Mixin OutputOptions output;

        @Option(names = "--show", paramLabel = "N|FILE", description = "Print one report: its number in the list (1 = newest) or file name.")
        String show;

        Reports(CliContext context, CalibrationService service) {
            this.context = context;
            this.service = service;
        }

        @Override
        public Integer call() throws java.io.IOException {
            Locale locale = context.locale(output);
            List<ReportEntry> reports = service.reports(context.dataDir());
            if (show != null) {
                ReportEntry entry = find(reports);
                Path file = output.json || entry.textFile() == null ? entry.file() : entry.textFile();
                context.out().print(Files.readString(file, StandardCharsets.UTF_8));
                return CliCommand.OK;
            }
            if (output.json) {
                ArrayNode list = JSON.createArrayNode();
                for (ReportEntry e : reports) {
                    ObjectNode node = list.addObject();
                    node.put("file", e.file().toString());
                    node.put("text", e.textFile() == null ? null : e.textFile().toString());
                    node.put("time", e.time() == null ? null : e.time().toString());
                    node.put("procedure", e.procedure());
                    node.put("device", e.device());
                    node.put("outcome", e.outcome() == null ? null : e.outcome().name());
                    node.put("summary", e.summary().text(locale));
                }
                context.out().println(list.toPrettyString());
                return CliCommand.OK;
            }
            StringBuilder out = new StringBuilder();
            out.append(reports.size()).append(" report(s) in ").append(service.reportDirectory(context.dataDir())).append('\n');
            Columns table = new Columns("#", "TIME", "CALIBRATION", "DEVICE", "OUTCOME", "SUMMARY");
            int n = 1;
            for (ReportEntry e : reports) {
                table.row(String.valueOf(n++), e.time() == null ? "?" : ReportFiles.time(e.time()), e.title().text(locale),
                        e.device(), e.outcome() == null ? "UNREADABLE" : e.outcome().name(), e.summary().text(locale));
            }
            table.render(out);
            context.out().print(out);
            return CliCommand.OK;
        }

        private ReportEntry find(List<ReportEntry> reports) {
            if (show.matches("\\d+")) {
                int index = Integer.parseInt(show);
                if (index < 1 || index > reports.size()) {
                    throw new IllegalArgumentException("--show " + show + ": there are " + reports.size() + " report(s)");
                }
                return reports.get(index - 1);
            }
            String name = Path.of(show).getFileName().toString().replaceFirst("\\.(json|txt)$", "");
            return reports.stream().filter(e -> e.file().getFileName().toString().equals(name + ".json")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--show " + show + ": no such report in "
                            + service.reportDirectory(context.dataDir())));
        }
    }
}
