package org.bmsw.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.cli.TextTable;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.schema.Comparison;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterComparison;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterFile;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.schema.ParameterSchema;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code params read | export | import | write | diff}. */
@Command(name = "params", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Reads, exports, imports, writes and compares parameters, validated against the profile's schema.")
final class ParamsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine create(CliContext context) {
        CommandLine params = new CommandLine(new ParamsCommand());
        params.addSubcommand(new Read(context));
        params.addSubcommand(new Export(context));
        params.addSubcommand(new Import(context));
        params.addSubcommand(new Write(context));
        params.addSubcommand(new Diff(context));
        return params;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: read, export, import, write or diff");
    }

    static ParameterSchema schema(DeviceSession session) throws DeviceException {
        return session.capability(ParameterSchema.class).orElseThrow(() -> new DeviceException(
                DeviceException.Reason.UNSUPPORTED, "profile " + session.identity().profileId()
                + " has no parameter schema"));
    }

    /** Every value of the chosen groups (all when none), in engineering units. */
    static Map<String, Double> readValues(DeviceSession session, ParameterSchema schema, List<String> groups)
            throws DeviceException {
        for (String group : groups) {
            if (schema.group(group).isEmpty()) {
                throw new IllegalArgumentException("unknown group '" + group + "'; the groups are "
                        + schema.groups().stream().map(g -> g.key()).toList());
            }
        }
        List<String> keys = new ArrayList<>();
        for (ParameterDef def : schema.parameters()) {
            if ((groups.isEmpty() || groups.contains(def.group())) && session.parameters().keys().contains(def.key())) {
                keys.add(def.key());
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterValue> e : session.parameters().read(keys).entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        return values;
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Reads parameter values from the device.")
    static final class Read implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Option(names = "--group", paramLabel = "GROUP", description = "Only these groups (repeatable), e.g. PROTECT.")
        List<String> groups = new ArrayList<>();

        Read(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws DeviceException {
            Locale locale = context.locale(output);
            try (DeviceSession session = context.connect(connection)) {
                ParameterSchema schema = schema(session);
                Map<String, Double> values = readValues(session, schema, groups);
                if (output.json) {
                    var root = Json.object();
                    root.put("profile", schema.profileId());
                    root.put("address", session.identity().address());
                    var node = root.putObject("values");
                    values.forEach((key, value) -> node.putObject(key).put("value", value)
                            .put("unit", schema.require(key).unit()).put("group", schema.require(key).group()));
                    context.out().println(Json.pretty(root));
                } else {
                    TextTable table = new TextTable("GROUP", "KEY", "NAME", "VALUE", "UNIT", "RANGE", "ACCESS");
                    values.forEach((key, value) -> {
                        ParameterDef def = schema.require(key);
                        table.row(def.group(), key, def.label().text(locale),
                                def.enumLabel(value).map(l -> def.format(value) + " " + l.text(locale)).orElse(def.format(value)),
                                def.unit(), def.format(def.min()) + ".." + def.format(def.max()),
                                def.access().name().toLowerCase(Locale.ROOT));
                    });
                    context.out().print(table);
                }
            }
            return CliCommand.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Reads the device's parameters and writes them to a JSON parameter file.")
    static final class Export implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "The file to write.")
        Path out;
        @Option(names = "--group", paramLabel = "GROUP", description = "Only these groups (repeatable).")
        List<String> groups = new ArrayList<>();

        Export(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            try (DeviceSession session = context.connect(connection)) {
                ParameterSchema schema = schema(session);
                Map<String, Double> values = readValues(session, schema, groups);
                ParameterFile file = ParameterFiles.export(schema, session.identity(), values, groups,
                        OffsetDateTime.now());
                ParameterFiles.write(schema, file, out);
                context.err().printf("exported %d parameters of %s at address %d to %s%n", file.values().size(),
                        schema.profileId(), session.identity().address(), out);
            }
            return CliCommand.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Writes a parameter file to the device: every value is checked first, the device's values are",
                    "backed up, only changes are written, each is read back, and on any failure the backup is restored."})
    static final class Import implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Mixin WriteOptions write;
        @Parameters(index = "0", paramLabel = "FILE", description = "The parameter file (JSON).")
        Path file;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            try (DeviceSession session = context.connect(connection)) {
                ParameterSchema schema = schema(session);
                ImportResult result = ParameterFiles.read(schema, file);
                result.warnings().forEach(w -> context.err().println(w));
                if (!result.ok()) {
                    result.errors().forEach(e -> context.err().println(e));
                    throw new Refusal(file + " has " + result.errors().size() + " error(s); nothing was written");
                }
                return new SafeWrite(context, session, schema, write, context.locale(output), output.json)
                        .run(result.parameterFile().orElseThrow().values(), file.toString());
            }
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Writes single values, e.g. 'params write COV=3600 CUV=2800', with the same checks and backup as import.")
    static final class Write implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Mixin WriteOptions write;
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "Values in the schema's units.")
        List<String> assignments;

        Write(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + assignment + "' is not KEY=VALUE");
                }
                String key = assignment.substring(0, eq).trim();
                try {
                    if (values.put(key, Double.parseDouble(assignment.substring(eq + 1).trim())) != null) {
                        throw new IllegalArgumentException(key + " is given twice");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + ": '" + assignment.substring(eq + 1) + "' is not a number");
                }
            }
            try (DeviceSession session = context.connect(connection)) {
                ParameterSchema schema = schema(session);
                return new SafeWrite(context, session, schema, write, context.locale(output), output.json)
                        .run(values, "the command line");
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compares parameters: device vs file, file vs file, or device vs device.",
                    "LEFT and RIGHT are each a parameter file, 'device' (the device the connection options name)",
                    "or 'device:N' (the device at address N on the same bus)."})
    static final class Diff implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "LEFT") String left;
        @Parameters(index = "1", paramLabel = "RIGHT") String right;
        @Option(names = "--all", description = "Show equal values too.") boolean all;
        @Option(names = "--exit-code", description = "Exit with 5 when they differ (like git diff --exit-code).")
        boolean exitCode;

        Diff(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Source l = load(left);
            Source r = load(right);
            if (!l.schema.profileId().equals(r.schema.profileId())) {
                throw new IllegalArgumentException(left + " is for " + l.schema.profileId() + ", " + right + " for "
                        + r.schema.profileId() + ": they cannot be compared");
            }
            Comparison comparison = ParameterComparison.compare(l.schema, l.values, r.values);
            Locale locale = context.locale(output);
            if (output.json) {
                var root = Json.object();
                root.put("left", left).put("right", right).put("identical", comparison.identical());
                var rows = root.putArray("differences");
                for (Comparison.Row row : all ? comparison.rows() : comparison.differences()) {
                    var node = rows.addObject().put("key", row.key()).put("group", row.group()).put("unit", row.unit());
                    if (row.left() == null) node.putNull("left"); else node.put("left", row.left());
                    if (row.right() == null) node.putNull("right"); else node.put("right", row.right());
                    node.put("status", row.status().name());
                }
                context.out().println(Json.pretty(root));
            } else {
                context.out().print(comparison.render(left, right, locale, !all));
            }
            return exitCode && !comparison.identical() ? 5 : CliCommand.OK;
        }

        private record Source(ParameterSchema schema, Map<String, Double> values) {
        }

        private Source load(String spec) throws Exception {
            if (spec.equals("device") || spec.startsWith("device:")) {
                ConnectionOptions target = spec.equals("device") ? connection : connection.atAddress(address(spec));
                try (DeviceSession session = context.connect(target)) {
                    ParameterSchema schema = schema(session);
                    return new Source(schema, readValues(session, schema, List.of()));
                }
            }
            Path path = Path.of(spec);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("'" + spec + "' is neither a file nor 'device' / 'device:N'");
            }
            String profileId = profileOf(path);
            ParameterSchema schema = context.profiles().profile(profileId)
                    .flatMap(p -> p.capability(ParameterSchema.class))
                    .orElseThrow(() -> new IllegalArgumentException(path + " is for profile '" + profileId
                            + "', which is not installed or has no parameter schema"));
            ImportResult result = ParameterFiles.read(schema, path);
            if (!result.ok()) {
                result.errors().forEach(e -> context.err().println(e));
                throw new Refusal(path + " has " + result.errors().size() + " error(s)");
            }
            return new Source(schema, result.parameterFile().orElseThrow().values());
        }

        private static String profileOf(Path path) {
            try {
                var node = new ObjectMapper().readTree(path.toFile());
                String profile = node == null ? "" : node.path("profile").asText("");
                if (profile.isEmpty()) {
                    throw new IllegalArgumentException(path + " names no profile: not a parameter file");
                }
                return profile;
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(path + " is not a readable JSON parameter file: " + e.getMessage());
            }
        }

        private static int address(String spec) {
            try {
                return Integer.parseInt(spec.substring("device:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': the address after device: must be a number");
            }
        }
    }
}
