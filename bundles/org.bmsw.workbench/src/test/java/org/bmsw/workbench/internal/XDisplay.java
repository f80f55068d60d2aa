package org.bmsw.workbench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real X server for the window tests: Xvfb on the display Surefire exports (DISPLAY=:98, see the pom),
 * started once per test JVM unless one already listens there.
 */
final class XDisplay {

    private static Process xvfb;

    private XDisplay() {
    }

    static synchronized void ensureRunning() {
        String display = System.getenv("DISPLAY");
        if (display == null || !display.startsWith(":")) {
            throw new IllegalStateException("DISPLAY must name a local display (Surefire sets :98), is " + display);
        }
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1).replaceAll("\\..*", ""));
        if (Files.exists(socket)) {
            return;
        }
        try {
            xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> xvfb.destroy()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!xvfb.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Xvfb did not start on " + display + " (is the xvfb package installed?)");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Xvfb (install the Debian package xvfb): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Xvfb", e);
        }
    }
}
