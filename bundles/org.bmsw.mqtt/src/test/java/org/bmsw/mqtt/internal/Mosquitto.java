package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker on 127.0.0.1, on a free port, with a generated configuration. Restartable on the same
 * port. Tests skip (with the reason) when mosquitto is not installed.
 */
final class Mosquitto implements AutoCloseable {

    private static final Path BINARY = find();

    final int port;
    private final Path dir;
    private final List<String> config;
    private Process process;

    /** @param config lines added to the listener's configuration (TLS, password file ...) */
    Mosquitto(Path dir, String... config) throws IOException {
        this(dir, freePort(), config);
    }

    Mosquitto(Path dir, int port, String... config) {
        this.dir = dir;
        this.port = port;
        this.config = List.of(config);
    }

    static void assumeInstalled() {
        assumeTrue(BINARY != null, "mosquitto is not installed (Debian: apt-get install mosquitto mosquitto-clients): "
                + "MQTT broker tests skipped");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    Mosquitto start() throws IOException, InterruptedException {
        assumeInstalled();
        List<String> lines = new ArrayList<>();
        lines.add("listener " + port + " 127.0.0.1");
        lines.add("persistence false");
        lines.add("log_dest stdout");
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
        lines.add("log_type information");
        lines.add("connection_messages true");
        // as root mosquitto would switch to user "mosquitto", who cannot read the test's files
        lines.add("user " + System.getProperty("user.name"));
        if (config.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        lines.addAll(config);
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.write(conf, lines);
        Path log = log();
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!process.isAlive()) {
                fail("mosquitto ended at start (exit " + process.exitValue() + "): " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    fail("mosquitto does not listen on port " + port + " after 10 s: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }
    }

    Path log() {
        return dir.resolve("mosquitto-" + port + ".log");
    }

    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static Path find() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "mosquitto"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
