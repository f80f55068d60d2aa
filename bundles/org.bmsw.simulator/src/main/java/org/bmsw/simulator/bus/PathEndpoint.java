package org.bmsw.simulator.bus;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bmsw.simulator.device.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a bus on a device path that already exists: one end of a pty pair made elsewhere, or a serial port
 * whose line settings were made with {@code stty}. Masters open the other end.
 */
public final class PathEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(PathEndpoint.class);

    private final Path path;
    private final Thread serving;

    public static PathEndpoint start(VirtualBus bus, Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such device: " + path);
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw new IOException(path + " is not readable and writable by this user (for a serial port, join "
                    + "the dialout group)");
        }
        return new PathEndpoint(bus, path);
    }

    private PathEndpoint(VirtualBus bus, Path path) {
        this.path = path;
        this.serving = new Thread(() -> {
            try (var in = new FileInputStream(path.toFile()); var out = new FileOutputStream(path.toFile())) {
                bus.serve(in, out);
            } catch (SimulatedLine.LineCut e) {
                LOG.info("Simulated line cut on {}: {}; this endpoint stops serving", path, e.getMessage());
            } catch (IOException e) {
                LOG.info("Serving {} ended: {}", path, e.getMessage());
            }
        }, "bmsw-sim path " + path);
        serving.setDaemon(true);
        serving.start();
    }

    /** The path served; masters open the other end of the line. */
    @Override
    public String address() {
        return path.toString();
    }

    @Override
    public void close() {
        serving.interrupt();
    }
}
