package org.bmsw.transport.serial.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pty pair from socat: what one end writes, the other reads. Links keep their names across
 * restarts. Shared with other modules' tests through this module's test-jar.
 */
public final class SocatPair implements AutoCloseable {

    /** One end, usually where the program under test opens its link. */
    public final Path a;
    /** The other end, usually the peer (device, adapter, simulator). */
    public final Path b;
    private final Path log;
    private Process process;

    public SocatPair(Path dir) {
        this(dir, "pty");
    }

    /** Several pairs in one folder need different {@code name}s. */
    public SocatPair(Path dir, String name) {
        this.a = dir.resolve(name + "-a");
        this.b = dir.resolve(name + "-b");
        this.log = dir.resolve(name + "-socat.log");
    }

    public SocatPair start() throws IOException, InterruptedException {
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
    public void stop() throws InterruptedException {
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
