package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built distribution run as a user runs it: {@code bin/bmsw} with its data and settings in a test's folder and
 * no display. For the launcher's process tests.
 */
final class Distribution {

    static final Path HOME = Path.of(System.getProperty("bmsw.distribution", "target/bmsw")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a program that ran to its end ended, and what it printed. */
    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Distribution() {
    }

    /** {@code bin/bmsw ARGS}, data and configuration under {@code dir}, with {@code env} added to the environment. */
    static ProcessBuilder builder(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/bmsw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BMSW_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().putAll(env);
        builder.environment().remove("DISPLAY");
        return builder;
    }

    /**
     * Runs the program to its end within {@code timeout}, reading both of its streams at once so that neither can
     * fill its pipe. A stack trace on the terminal fails the test: users get messages, not traces.
     */
    static Result run(ProcessBuilder builder, Duration timeout) throws Exception {
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String what = String.join(" ", builder.command());
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), what + " ended within " + timeout);
        Result result = new Result(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
        assertFalse(result.err().contains("\tat org.") || result.err().contains("Exception in thread"),
                "no stack trace on the terminal: " + result.err());
        return result;
    }
}
