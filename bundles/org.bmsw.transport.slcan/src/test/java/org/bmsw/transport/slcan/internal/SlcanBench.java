package org.bmsw.transport.slcan.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;

/**
 * Not a test: slcan frames per second between two of our links through two emulated adapters
 * (slcan_relay.py on socat ptys), printed. Run by scripts/bench-transports.sh. The Python relay parses and
 * re-sends every line, so the figure is a floor for our code, not its limit.
 */
public final class SlcanBench {

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("bmsw-bench-slcan");
        try (SimulatedBus bus = SimulatedBus.start(dir, SimulatedBus.Other.PORT)) {
            SlcanTransport transport = new SlcanTransport(new SerialTransport());
            try (CanLink sender = transport.openCanLink(LinkSettings.of("slcan", bus.ours.a.toString(), 500_000));
                 CanLink receiver = transport.openCanLink(LinkSettings.of("slcan", bus.theirs.a.toString(), 500_000))) {
                CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (int i = 0; i < frames; i++) {
                            CanFrame frame = receiver.receive(TimeUnit.SECONDS.toNanos(10));
                            if (frame == null) {
                                throw new IllegalStateException("only " + i + " of " + frames + " frames arrived");
                            }
                        }
                        return System.nanoTime();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long start = System.nanoTime();
                for (int i = 0; i < frames; i++) {
                    sender.send(CanFrame.data(0x18FF50E5, true, (byte) i, (byte) (i >> 8), (byte) 2, (byte) 3, (byte) 4,
                            (byte) 5, (byte) 6, (byte) 7));
                }
                long sent = System.nanoTime();
                long end = received.get(120, TimeUnit.SECONDS);
                System.out.printf("slcan, %d extended 8-byte frames, link -> relay -> relay -> link:%n", frames);
                System.out.printf("  send() rate                              %8.0f frames/s%n", frames / ((sent - start) / 1e9));
                System.out.printf("  end to end                               %8.0f frames/s%n", frames / ((end - start) / 1e9));
                System.out.printf("  errors: sender %d, receiver %d%n", sender.statistics().errorCount(),
                        receiver.statistics().errorCount());
            }
        }
    }
}
