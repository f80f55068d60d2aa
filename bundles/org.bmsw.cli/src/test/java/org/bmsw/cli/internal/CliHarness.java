package org.bmsw.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.bmsw.cli.CliCommand;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.osgi.framework.BundleContext;

/**
 * The program's real command runner (its exit codes, its error messages) with contributed commands, run in this
 * process as {@code bmsw <args>} would run them. In the CLI's package because its bind method is package-private,
 * as DS needs it.
 */
public final class CliHarness {

    /** What a run printed and returned. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final CliRunner runner;

    public CliHarness(ConnectionService connections, TransportRegistry transports, ProfileRegistry profiles, Path dataDir,
                      CliCommand... commands) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "bmsw.data.dir".equals(args[0])) {
                        return dataDir.toString();
                    }
                    if (method.getName().equals("getProperty")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        runner = new CliRunner(connections, transports, profiles, context);
        for (CliCommand command : commands) {
            runner.addCommand(command);
        }
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = runner.run(List.of(args), o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs printing straight to these streams (a child process's own stdout and stderr). */
    public int run(PrintStream out, PrintStream err, String... args) {
        return runner.run(List.of(args), out, err);
    }
}
