package org.bmsw.transport.slcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter that goes away, and a port with no adapter behind it. */
class SlcanAdapterLossTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private final SlcanTransport transport = new SlcanTransport(new SerialTransport());

    @Test
    void unpluggingTheAdapterClosesTheLinkAsDisconnectedWithinOneSecond() throws Exception {
        try (SimulatedBus bus = SimulatedBus.start(dir, SimulatedBus.Other.NOBODY)) {
            CanLink link = transport.openCanLink(LinkSettings.of("slcan", bus.ours.a.toString(), 500_000));
            CompletableFuture<LinkException> closed = new CompletableFuture<>();
            link.onClose(closed::complete);
            CompletableFuture<Throwable> receiver = CompletableFuture.supplyAsync(() -> {
                try {
                    return link.receive(10_000 * MS) == null ? null : new AssertionError("a frame from nowhere");
                } catch (LinkException e) {
                    return e;
                }
            });
            Thread.sleep(100);

            bus.unplugOurs();
            LinkException reason = closed.get(1, TimeUnit.SECONDS);
            assertEquals(Reason.DISCONNECTED, reason.reason());
            assertTrue(reason.getMessage().contains(bus.ours.a.toString()), reason.getMessage());
            assertTrue(receiver.get(1, TimeUnit.SECONDS) instanceof LinkException e
                    && e.reason() == Reason.DISCONNECTED, "the waiting receiver hears of it");
            assertFalse(link.isOpen());
            assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
            assertEquals(Reason.DISCONNECTED,
                    assertThrows(LinkException.class, () -> link.send(CanFrame.data(1, false))).reason());
        }
    }

    @Test
    void aPortWithoutAnAdapterTimesOutWithAHint() throws Exception {
        try (SocatPair nothing = new SocatPair(dir, "silent").start()) {
            LinkSettings settings = new LinkSettings("slcan", nothing.a.toString(), 500_000, 8, null, null,
                    Duration.ofMillis(300), Map.of());
            LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings));
            assertEquals(Reason.TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("serial.baud"), e.getMessage());
            // the port was given back
            transport.openCanLink(settings.withBaud(250_000)).close();
        } catch (LinkException expectedSecondTimeout) {
            assertEquals(Reason.TIMEOUT, expectedSecondTimeout.reason(), "reopening must not find the port busy");
        }
    }
}
