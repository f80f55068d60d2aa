package org.bmsw.protocol.modbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Third-party programs the interop tests drive: socat pty pairs, a pymodbus slave, mbpoll. A missing tool fails the
 * test (install: {@code apt-get install -y socat python3-pymodbus mbpoll}) unless {@code -Dbmsw.interop=skip}.
 */
final class ExternalTools {

    static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() {
    }

    static boolean skipRequested() {
        return "skip".equals(System.getProperty("bmsw.interop"));
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** A socat pty pair: {@link #a()} and {@link #b()} are the two ends. */
    static final class PtyPair implements AutoCloseable {
        private final Process socat;
        private final Path a;
        private final Path b;

        PtyPair(Path dir) throws IOException, InterruptedException {
            a = dir.resolve("A");
            b = dir.resolve("B");
            socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(a) && Files.exists(b))) {
                if (!socat.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("socat did not create the pty pair: "
                            + Files.readString(dir.resolve("socat.log")));
                }
                Thread.sleep(20);
            }
        }

        Path a() {
            return a;
        }

        Path b() {
            return b;
        }

        @Override
        public void close() throws InterruptedException {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
    }

    /** Runs a command to completion; returns exit code and merged output. */
    record Result(int exit, String output) {
    }

    static Result run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        pump.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            pump.join(2000);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + command + "\n" + out);
        }
        pump.join(2000);
        synchronized (out) {
            return new Result(p.exitValue(), out.toString());
        }
    }
}
