package org.bmsw.profile.can;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.bmsw.transport.slcan.internal.SlcanTransport;

/**
 * A CAN bus of real parts: two socat pty pairs, each with an emulated Lawicel adapter (the slcan transport's own
 * test relay, slcan_relay.py) on one end, and our slcan transport on the other: one link for the simulated device,
 * one for the host.
 */
final class SlcanBus implements AutoCloseable {

    /** The slcan transport's adapter emulator, used in place (the transport has no test-jar to share it through). */
    static final Path RELAY = Path.of("..", "org.bmsw.transport.slcan", "src", "test", "resources", "slcan_relay.py");
    static final int BITRATE = 500_000;

    private final SocatPair devicePty;
    private final SocatPair hostPty;
    private final Process relay;
    final CanLink device;
    final CanLink host;

    SlcanBus(Path dir) throws Exception {
        assertTrue(Files.exists(RELAY), "the slcan adapter emulator is expected at " + RELAY.toAbsolutePath());
        devicePty = new SocatPair(dir, "device").start();
        hostPty = new SocatPair(dir, "host").start();
        relay = new ProcessBuilder("/usr/bin/python3", RELAY.toString(), "--log", dir.resolve("relay.log").toString(),
                "--side", "device=" + devicePty.b, "--side", "host=" + hostPty.b).redirectErrorStream(true)
                .redirectOutput(dir.resolve("relay.out").toFile()).start();
        SlcanTransport slcan = new SlcanTransport(new SerialTransport());
        device = slcan.openCanLink(LinkSettings.of("slcan", devicePty.a.toString(), BITRATE));
        host = slcan.openCanLink(LinkSettings.of("slcan", hostPty.a.toString(), BITRATE));
    }

    @Override
    public void close() throws Exception {
        for (CanLink link : List.of(host, device)) {
            link.close();
        }
        relay.destroy();
        relay.waitFor(5, TimeUnit.SECONDS);
        hostPty.close();
        devicePty.close();
    }
}
