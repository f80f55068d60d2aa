package org.bmsw.profile.files.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.profile.modbus.ProfileProblem;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmsw profile validate FILE...} and {@code bmsw profile list}: data-only profile files. */
@Component(service = CliCommand.class)
public class ProfileCommand implements CliCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileFileInstaller installer;

    @Activate
    public ProfileCommand(@Reference ProfileFileInstaller installer) {
        this.installer = installer;
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public Object create(CliContext context) {
        return new Run(context, installer);
    }

    @Command(name = "profile", mixinStandardHelpOptions = true, description = {
            "Data-only profile files (*.profile.json and the files they name).",
            "Examples:",
            "  bmsw profile validate acme.profile.json      every problem with line and column",
            "  bmsw profile list                            profile files in plugins/ and what became of them"})
    static final class Run implements Callable<Integer> {

        private final CliContext context;
        private final ProfileFileInstaller installer;

        Run(CliContext context, ProfileFileInstaller installer) {
            this.context = context;
            this.installer = installer;
        }

        @Override
        public Integer call() {
            context.err().println("profile: say what to do: validate FILE... or list (see 'bmsw profile --help')");
            return CliCommand.USAGE;
        }

        @Command(name = "validate", mixinStandardHelpOptions = true, description = {
                "Checks profile files and the files they name (parameter schemas, DBCs); reports every problem with its",
                "line and column. Exit code 0: all valid, 3: a file is invalid, 2: a file is missing."})
        int validate(@Parameters(arity = "1..*", paramLabel = "FILE", description = "Profile files (*.profile.json).")
                     List<Path> paths,
                     @Option(names = "--json", description = "Machine-readable JSON output.") boolean json) {
            for (Path path : paths) {
                if (!Files.isRegularFile(path)) {
                    context.err().println("profile validate: no file " + path);
                    return CliCommand.USAGE;
                }
            }
            ArrayNode report = JSON.createArrayNode();
            boolean allValid = true;
            for (Path path : paths) {
                RegisterProfiles.Result result = RegisterProfiles.read(path);
                allValid &= result.problems().isEmpty();
                if (json) {
                    ObjectNode file = report.addObject();
                    file.put("file", path.toString());
                    file.put("valid", result.problems().isEmpty());
                    if (result.profile() != null) {
                        file.put("profile", result.profile().id());
                        ArrayNode ids = file.putArray("profiles");
                        result.profiles().forEach(p -> ids.add(p.id()));
                    }
                    ArrayNode problems = file.putArray("problems");
                    for (ProfileProblem p : result.problems()) {
                        ObjectNode node = problems.addObject();
                        node.put("source", p.source());
                        node.put("path", p.path());
                        node.put("line", p.line());
                        node.put("column", p.column());
                        node.put("message", p.message());
                    }
                } else if (result.problems().isEmpty()) {
                    List<String> ids = result.profiles().stream().map(p -> p.id()).toList();
                    context.out().println(path + ": valid (profile" + (ids.size() == 1 ? " " : "s ")
                            + String.join(", ", ids) + ")");
                } else {
                    context.out().println(path + ": " + result.problems().size() + " problem"
                            + (result.problems().size() == 1 ? "" : "s"));
                    for (ProfileProblem p : result.problems()) {
                        context.out().println("  " + p);
                    }
                }
            }
            if (json) {
                context.out().println(report.toPrettyString());
            }
            return allValid ? CliCommand.OK : CliCommand.REFUSED;
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "Profile files in the plugins folder: live (with the profile id) or refused (with why).")
        int list(@Option(names = "--json", description = "Machine-readable JSON output.") boolean json)
                throws InterruptedException {
            List<ProfileFiles.Status> statuses = new ArrayList<>(installer.statuses());
            if (json) {
                ArrayNode report = JSON.createArrayNode();
                for (ProfileFiles.Status s : statuses) {
                    ObjectNode file = report.addObject();
                    file.put("file", s.file().toString());
                    file.put("live", s.live());
                    file.put("profile", s.profileId());
                    ArrayNode ids = file.putArray("profiles");
                    s.profileIds().forEach(ids::add);
                    ArrayNode problems = file.putArray("problems");
                    s.problems().forEach(p -> problems.add(p.toString()));
                }
                context.out().println(report.toPrettyString());
                return CliCommand.OK;
            }
            if (statuses.isEmpty()) {
                context.out().println("no profile files in " + installer.folder());
            }
            for (ProfileFiles.Status s : statuses) {
                String state = s.live() ? "live: " + String.join(", ", s.profileIds()) + (s.problems().isEmpty() ? ""
                        : " (the previous version; the file now is refused)") : "refused";
                context.out().println(s.file().getFileName() + "  " + state);
                s.problems().forEach(p -> context.out().println("  " + p));
            }
            return CliCommand.OK;
        }
    }
}
