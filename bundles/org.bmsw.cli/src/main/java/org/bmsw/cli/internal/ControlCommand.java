package org.bmsw.cli.internal;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.cli.TextTable;
import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "control", mixinStandardHelpOptions = true,
        description = {"Sends a control command (CHG_EN, DSG_EN, RESET, CHG_DIS, DSG_DIS, RESTORE ...). Needs --yes.",
                "Without COMMAND, lists the commands the device offers."})
final class ControlCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND")
    String command;

    @Option(names = "--yes", description = "Really send it.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what it would do.")
    boolean dryRun;

    ControlCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws DeviceException, Refusal {
        Locale locale = context.locale(output);
        try (DeviceSession session = context.connect(connection)) {
            if (command == null) {
                list(session, locale);
                return CliCommand.OK;
            }
            CommandDescriptor descriptor = session.commands().stream()
                    .filter(c -> c.key().equalsIgnoreCase(command)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + command + "' is not a command of "
                            + session.identity().profileId() + "; it has " + session.commands().stream()
                            .map(CommandDescriptor::key).toList()));
            String what = descriptor.key() + " (" + descriptor.description().text(locale) + ") to "
                    + session.identity().profileId() + " at address " + session.identity().address();
            if (dryRun) {
                context.err().println("dry run: would send " + what + "; nothing was sent");
                return CliCommand.OK;
            }
            if (!yes) {
                throw new Refusal("not sent: " + what + (descriptor.dangerous() ? ". It can cut the pack's power" : "")
                        + "; add --yes to send it");
            }
            session.execute(descriptor.key());
            context.out().println("sent " + what);
        }
        return CliCommand.OK;
    }

    private void list(DeviceSession session, Locale locale) {
        if (output.json) {
            var array = Json.array();
            for (CommandDescriptor c : session.commands()) {
                array.addObject().put("key", c.key()).put("label", c.label().text(locale))
                        .put("description", c.description().text(locale)).put("dangerous", c.dangerous());
            }
            context.out().println(Json.pretty(array));
            return;
        }
        TextTable table = new TextTable("COMMAND", "NAME", "DANGEROUS", "WHAT IT DOES");
        for (CommandDescriptor c : session.commands()) {
            table.row(c.key(), c.label().text(locale), c.dangerous() ? "yes" : "", c.description().text(locale));
        }
        context.out().print(table);
    }
}
