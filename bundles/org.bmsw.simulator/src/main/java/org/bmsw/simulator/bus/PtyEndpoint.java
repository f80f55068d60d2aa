package org.bmsw.simulator.bus;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bmsw.simulator.device.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a bus on a pty pair made by {@code socat}: masters open {@link #address()}, the bus sits on the other
 * end ({@code <path>.sim}). A line cut tears the pair down and makes it anew, as unplugging and replugging an
 * adapter would.
 */
public final class PtyEndpoint implements Endpoint {

    /** Whatever sits on the simulator's end of the line: serves it until the line ends. */
    @FunctionalInterface
    public interface LineServer {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PtyEndpoint.class);
    private static final long REPLUG_MILLIS = 300;

    private final LineServer server;
    private final Path hostSide;
    private final Path busSide;
    private final Thread serving;
    private volatile boolean running = true;
    private Process socat;

    /** Creates the pair and starts serving; returns once masters can open {@code path}. */
    public static PtyEndpoint start(VirtualBus bus, Path path) throws IOException {
        return start(bus::serve, path);
    }

    /** As {@link #start(VirtualBus, Path)}, with anything else on the simulator's end, e.g. a simulated CAN adapter. */
    public static PtyEndpoint start(LineServer server, Path path) throws IOException {
        PtyEndpoint endpoint = new PtyEndpoint(server, path.toAbsolutePath());
        endpoint.startSocat();
        endpoint.serving.start();
        return endpoint;
    }

    private PtyEndpoint(LineServer server, Path hostSide) {
        this.server = server;
        this.hostSide = hostSide;
        this.busSide = hostSide.resolveSibling(hostSide.getFileName() + ".sim");
        this.serving = new Thread(this::serve, "bmsw-sim pty " + hostSide);
        serving.setDaemon(true);
    }

    @Override
    public String address() {
        return hostSide.toString();
    }

    private synchronized void startSocat() throws IOException {
        if (Files.exists(hostSide) && !Files.isSymbolicLink(hostSide)) {
            throw new IOException(hostSide + " exists and is not a pty link; choose another path");
        }
        Files.deleteIfExists(hostSide);
        Files.deleteIfExists(busSide);
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + hostSide, "pty,raw,echo=0,link=" + busSide)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat to make a pty pair (install it: apt-get install socat): "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(hostSide) && Files.exists(busSide))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                stopSocat();
                throw new IOException("socat did not create the pty pair " + hostSide + " / " + busSide);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making the pty pair", e);
            }
        }
    }

    private synchronized void stopSocat() {
        if (socat == null) {
            return;
        }
        socat.destroy();
        try {
            if (!socat.waitFor(3, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
        try {
            Files.deleteIfExists(hostSide);
            Files.deleteIfExists(busSide);
        } catch (IOException e) {
            LOG.debug("Could not remove the pty links {} / {}: {}", hostSide, busSide, e.getMessage());
        }
    }

    private void serve() {
        while (running) {
            try (var in = new FileInputStream(busSide.toFile()); var out = new FileOutputStream(busSide.toFile())) {
                server.serve(in, out);
            } catch (SimulatedLine.LineCut e) {
                LOG.info("Simulated cable pull on {}: {}", hostSide, e.getMessage());
            } catch (IOException e) {
                if (running) {
                    LOG.info("pty pair {} ended ({}); making it anew", hostSide, e.getMessage());
                }
            }
            if (!running) {
                return;
            }
            stopSocat();
            try {
                Thread.sleep(REPLUG_MILLIS);
                startSocat();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.error("Cannot make the pty pair {} anew: {}", hostSide, e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        stopSocat();
        serving.interrupt();
    }
}
