package org.bmsw.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.bmsw.cli.CliCommand;
import org.bmsw.core.internal.TestCore;
import org.osgi.framework.BundleContext;

/**
 * The program's real command runner (error handling, exit codes) with a contributed command, in-process: what
 * {@code bmsw <command>} runs, minus the launcher.
 */
public final class CliHarness {

    /** What one command line printed and returned. */
    public record Run(int code, String out, String err) {
    }

    private final CliRunner runner;

    public CliHarness(TestCore core, Path dataDir, CliCommand command) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(CliHarness.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) ->
                        method.getName().equals("getProperty") && "bmsw.data.dir".equals(args[0]) ? dataDir.toString() : null);
        runner = new CliRunner(core.connections, core.transports, core.profiles, context);
        runner.addCommand(command);
    }

    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runner.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
