package org.bmsw.cli.internal;

import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.cli.TextTable;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.RawRegisterAccess;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raw read | write}: holding registers as unsigned shorts (the manual's "REG_Config"). */
@Command(name = "raw", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Reads or writes holding registers directly (unsigned 16-bit). Bypasses the schema: engineers only.")
final class RawCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine create(CliContext context) {
        CommandLine raw = new CommandLine(new RawCommand());
        raw.addSubcommand(new Read(context));
        raw.addSubcommand(new Write(context));
        return raw;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: read or write");
    }

    static int register(String text) {
        try {
            int value = text.startsWith("0x") || text.startsWith("0X") ? Integer.parseInt(text.substring(2), 16)
                    : Integer.parseInt(text);
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("'" + text + "' is outside 0..65535 (0x0000..0xFFFF)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (decimal or 0x hex)");
        }
    }

    static RawRegisterAccess access(DeviceSession session) throws DeviceException {
        return session.capability(RawRegisterAccess.class).orElseThrow(() -> new DeviceException(
                DeviceException.Reason.UNSUPPORTED, "profile " + session.identity().profileId()
                + " has no raw register access"));
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Reads COUNT holding registers from ADDRESS.")
    static final class Read implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Mixin OutputOptions output;
        @Parameters(index = "0", paramLabel = "ADDRESS", description = "Register address, decimal or 0x hex.") String address;
        @Parameters(index = "1", paramLabel = "COUNT", defaultValue = "1", description = "How many (1..125).") int count;

        Read(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws DeviceException {
            int start = register(address);
            if (count < 1 || count > 125) {
                throw new IllegalArgumentException("COUNT must be 1..125, not " + count);
            }
            try (DeviceSession session = context.connect(connection)) {
                int[] values = access(session).readRegisters(start, count);
                if (output.json) {
                    var array = Json.array();
                    for (int i = 0; i < values.length; i++) {
                        array.addObject().put("register", start + i).put("value", values[i]);
                    }
                    context.out().println(Json.pretty(array));
                } else {
                    TextTable table = new TextTable("REGISTER", "HEX", "VALUE", "VALUE(HEX)");
                    for (int i = 0; i < values.length; i++) {
                        table.row(start + i, String.format("0x%04X", start + i), values[i], String.format("0x%04X", values[i]));
                    }
                    context.out().print(table);
                }
            }
            return CliCommand.OK;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Writes VALUE (0..65535) to the holding register at ADDRESS. Nothing checks the value: needs --yes.")
    static final class Write implements Callable<Integer> {
        private final CliContext context;
        @Mixin ConnectionOptions connection;
        @Parameters(index = "0", paramLabel = "ADDRESS") String address;
        @Parameters(index = "1", paramLabel = "VALUE") String value;
        @Option(names = "--yes", description = "Really write.") boolean yes;
        @Option(names = "--dry-run", description = "Show what would be written.") boolean dryRun;

        Write(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws DeviceException, Refusal {
            int register = register(address);
            int word = register(value);
            String what = String.format("register 0x%04X <- %d (0x%04X)", register, word, word);
            if (dryRun) {
                context.err().println("dry run: would write " + what + "; nothing was written");
                return CliCommand.OK;
            }
            if (!yes) {
                throw new Refusal("not written: " + what + ". A raw write bypasses every check; add --yes to write it");
            }
            try (DeviceSession session = context.connect(connection)) {
                RawRegisterAccess raw = access(session);
                raw.writeRegister(register, word);
                int back = raw.readRegisters(register, 1)[0];
                context.out().println("wrote " + what + (back == word ? ", read back equal"
                        : ", read back " + back + " (the device changed or refused it)"));
            }
            return CliCommand.OK;
        }
    }
}
