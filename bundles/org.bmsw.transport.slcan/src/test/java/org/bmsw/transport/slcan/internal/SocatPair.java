package org.bmsw.transport.slcan.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real pty pair from socat: {@link #a} for the host program, {@link #b} for the (simulated) adapter. */
final class SocatPair implements AutoCloseable {

    final Path a;
    final Path b;
    private final Path log;
    private Process process;

    SocatPair(Path dir, String name) {
        this.a = dir.resolve(name + "-host");
        this.b = dir.resolve(name + "-adapter");
        this.log = dir.resolve(name + "-socat.log");
    }

    SocatPair start() throws IOException, InterruptedException {
        try {
            process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            fail("These tests need socat (apt-get install socat): " + e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                fail("socat did not create " + a + " and " + b + ": " + Files.readString(log));
            }
            Thread.sleep(5);
        }
        return this;
    }

    /** Ends socat as a cable pull would: both ptys go away. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
        // socat removes its links on SIGTERM; make sure, so a restart cannot find stale ones
        new File(a.toString()).delete();
        new File(b.toString()).delete();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
