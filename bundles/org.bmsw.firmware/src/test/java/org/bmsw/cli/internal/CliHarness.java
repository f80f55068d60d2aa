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
 * The program's command line as the CLI bundle assembles it (its runner, its mapping of errors to exit codes),
 * with a contributed command added as DS would add the service. In the CLI's package for its bind method.
 */
public final class CliHarness {

    /** What one command line printed and returned. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final CliRunner runner;

    public CliHarness(ConnectionService connections, TransportRegistry transports, ProfileRegistry profiles,
                      Path dataDir, CliCommand... commands) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
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
}
