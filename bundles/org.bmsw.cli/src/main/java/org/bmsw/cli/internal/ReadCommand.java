package org.bmsw.cli.internal;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Reads the live telemetry: SOC, voltage, current, capacities, every cell and temperature, flags, counters.")
final class ReadCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--watch", description = "Keep reading until interrupted (Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "MS", description = "Time between two reads with --watch (default 1000 ms).")
    long intervalMillis = 1000;

    @Option(names = "--count", description = "With --watch: stop after this many snapshots (failed reads do not count).")
    long count = Long.MAX_VALUE;

    ReadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws DeviceException, InterruptedException {
        if (intervalMillis < 50) {
            throw new IllegalArgumentException("--interval must be at least 50 ms");
        }
        Locale locale = context.locale(output);
        try (DeviceSession session = context.connect(connection)) {
            long next = System.nanoTime();
            int failuresInARow = 0;
            for (long printed = 0; printed < (watch ? count : 1); ) {
                try {
                    print(session.readTelemetry(), session, printed == 0, locale);
                    printed++;
                    failuresInARow = 0;
                } catch (DeviceException e) {
                    if (!watch || !session.isOpen()) {
                        throw e;
                    }
                    failuresInARow++;
                    context.err().println("read failed (" + failuresInARow + " in a row): " + e.getMessage());
                }
                next += intervalMillis * 1_000_000L;
                long wait = next - System.nanoTime();
                if (watch && printed < count && wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
            }
        }
        return CliCommand.OK;
    }

    private void print(Telemetry telemetry, DeviceSession session, boolean first, Locale locale) {
        var link = session.link().statistics().snapshot();
        if (output.json) {
            var node = TelemetryFormat.json(telemetry, link, locale);
            context.out().println(watch ? Json.line(node) : Json.pretty(node));
        } else if (output.csv) {
            if (first) {
                context.out().println(TelemetryFormat.csvHeader(telemetry));
            }
            context.out().println(TelemetryFormat.csvRow(telemetry));
        } else {
            context.out().print(TelemetryFormat.text(telemetry, link, locale));
            if (watch) {
                context.out().println();
            }
        }
        context.out().flush();
    }
}
