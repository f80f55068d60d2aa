package org.bmsw.transport.slcan.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.spi.AbstractLink;
import org.bmsw.transport.spi.OpenLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our slcan link and python-can's slcan interface as two hosts on one simulated bus: each talks to its own
 * emulated Lawicel adapter (slcan_relay.py) over a socat pty, and the adapters pass frames between them.
 * What we send is parsed by python-can; what python-can sends is parsed by us.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlcanTransportTest {

    private static final long MS = 1_000_000L;

    /** Frames of every shape: standard and extended, data and remote, empty and full. */
    private static final List<CanFrame> FRAMES = List.of(
            CanFrame.data(0x123, false, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF),
            CanFrame.data(0x18FF50E5, true, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 0xFF),
            CanFrame.remote(0x7FF, false, 2),
            CanFrame.remote(0x1ABCDEF0, true, 8),
            CanFrame.data(0x000, false),
            CanFrame.data(0x1FFFFFFF, true, (byte) 0x5A));

    private SimulatedBus bus;
    private SerialTransport serial;
    private SlcanTransport transport;
    private CanLink link;

    @BeforeAll
    void startBus(@TempDir Path dir) throws Exception {
        bus = SimulatedBus.start(dir, SimulatedBus.Other.PYTHON_CAN, "--refuse-id", "666", "--bitrates", "0123456");
        serial = new SerialTransport();
        transport = new SlcanTransport(serial);
    }

    @AfterAll
    void stopBus() throws Exception {
        bus.close();
    }

    @AfterEach
    void closeLink() throws Exception {
        if (link != null) {
            link.close();
            link = null;
        }
        bus.drainPeer();
    }

    private LinkSettings settings(int bitrate) {
        return LinkSettings.of("slcan", bus.ours.a.toString(), bitrate);
    }

    @Test
    void opensWithCloseBitrateOpenAndClosesWithC() throws Exception {
        int before = bus.ourCommands().size();
        link = transport.openCanLink(settings(500_000));
        assertEquals(List.of("C", "S6", "O"), bus.ourCommands().subList(before, before + 3));
        assertEquals(500_000, link.bitrate());
        link.close();
        link = null;
        awaitCommand(before + 3, "C");
    }

    @Test
    void framesWeSendArriveInPythonCan() throws Exception {
        link = transport.openCanLink(settings(500_000));
        for (CanFrame frame : FRAMES) {
            link.send(frame);
        }
        for (CanFrame frame : FRAMES) {
            assertEquals(pythonCanView(frame), bus.peer("recv 2"));
        }
        assertEquals(FRAMES.size(), link.statistics().snapshot().framesSent());
        assertEquals(0, link.statistics().errorCount());
    }

    @Test
    void framesPythonCanSendsArriveHere() throws Exception {
        link = transport.openCanLink(settings(500_000));
        for (CanFrame frame : FRAMES) {
            assertEquals("sent", bus.peer(pythonCanSend(frame)));
        }
        for (CanFrame expected : FRAMES) {
            CanFrame frame = link.receive(2_000 * MS);
            long now = System.nanoTime();
            assertNotNull(frame, "nothing received, expected " + expected);
            assertEquals(expected, frame);
            assertTrue(frame.timestampNanos() != 0 && frame.timestampNanos() - now <= 0, "stamped on arrival");
        }
        assertEquals(null, link.receive(50 * MS));
        assertEquals(FRAMES.size(), link.statistics().framesReceived());
    }

    /** What a frame listener heard. */
    private record Heard(CanFrame frame, boolean sent) {
    }

    @Test
    void aListenerHearsEveryFrameBothWaysWhileTheReaderStillGetsThem() throws Exception {
        link = transport.openCanLink(settings(500_000));
        List<Heard> heard = new CopyOnWriteArrayList<>();
        AutoCloseable handle = link.listen((frame, sent) -> heard.add(new Heard(frame, sent)));

        for (CanFrame frame : FRAMES) {
            assertEquals("sent", bus.peer(pythonCanSend(frame)));
        }
        for (int i = 0; i < FRAMES.size(); i++) {
            CanFrame frame = link.receive(2_000 * MS);
            assertEquals(FRAMES.get(i), frame, "the reader still gets every frame");
            assertTrue(heard.size() > i, "the listener heard frame " + i + " before the reader got it");
            assertEquals(new Heard(frame, false), heard.get(i));
            assertEquals(frame.timestampNanos(), heard.get(i).frame().timestampNanos(), "with its receive time");
        }

        long before = System.nanoTime();
        for (CanFrame frame : FRAMES) {
            link.send(frame);
        }
        for (CanFrame frame : FRAMES) {
            assertEquals(pythonCanView(frame), bus.peer("recv 2"));
        }
        List<Heard> sent = heard.subList(FRAMES.size(), heard.size());
        assertEquals(FRAMES.stream().map(f -> new Heard(f, true)).toList(), sent);
        assertTrue(sent.stream().allMatch(h -> h.frame().timestampNanos() - before > 0), "stamped when written");

        handle.close();
        link.send(FRAMES.get(0));
        assertEquals(pythonCanView(FRAMES.get(0)), bus.peer("recv 2"));
        assertEquals("sent", bus.peer(pythonCanSend(FRAMES.get(1))));
        assertEquals(FRAMES.get(1), link.receive(2_000 * MS));
        assertEquals(2 * FRAMES.size(), heard.size(), "nothing after the handle closed");
    }

    @Test
    void aFailingListenerDoesNotDisturbTheLinkOrTheOtherListeners() throws Exception {
        link = transport.openCanLink(settings(500_000));
        link.listen((frame, sent) -> {
            throw new IllegalStateException("a broken trace");
        });
        List<Heard> heard = new CopyOnWriteArrayList<>();
        link.listen((frame, sent) -> heard.add(new Heard(frame, sent)));
        for (int round = 0; round < 3; round++) {
            assertEquals("sent", bus.peer(pythonCanSend(FRAMES.get(1))));
            assertEquals(FRAMES.get(1), link.receive(2_000 * MS));
            link.send(FRAMES.get(0));
            assertEquals(pythonCanView(FRAMES.get(0)), bus.peer("recv 2"));
        }
        assertTrue(link.isOpen());
        assertEquals(0, link.statistics().errorCount());
        assertEquals(6, heard.size());
    }

    @Test
    void framesAtAnotherBitRateDoNotArrive() throws Exception {
        link = transport.openCanLink(settings(250_000)); // python-can is at 500k
        link.send(FRAMES.get(0));
        assertEquals("none", bus.peer("recv 0.3"));
        assertEquals("sent", bus.peer(pythonCanSend(FRAMES.get(1))));
        assertEquals(null, link.receive(300 * MS));
    }

    @Test
    void bellRepliesAreCountedAndTheLinkCarriesOn() throws Exception {
        link = transport.openCanLink(settings(500_000));
        link.send(CanFrame.data(0x666, false, (byte) 1));
        long deadline = System.nanoTime() + 1_000 * MS;
        while (link.statistics().errors(ErrorKind.EXCEPTION_RESPONSE) == 0) {
            if (System.nanoTime() > deadline) {
                fail("the adapter's BELL was not counted");
            }
            Thread.sleep(5);
        }
        String lastError = link.statistics().snapshot().lastError();
        assertTrue(lastError.contains("666") && lastError.contains("BELL"), lastError);
        assertTrue(link.isOpen());

        link.send(FRAMES.get(0));
        assertEquals(pythonCanView(FRAMES.get(0)), bus.peer("recv 2"), "the refused frame must not have gone out");
        assertEquals(1, link.statistics().errorCount());
    }

    @Test
    void aBitRateTheAdapterRefusesFailsTheOpeningAndFreesThePort() throws Exception {
        LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings(1_000_000)));
        assertEquals(Reason.INVALID_SETTINGS, e.reason());
        assertTrue(e.getMessage().contains("1000000") && e.getMessage().contains("S8"), e.getMessage());
        link = transport.openCanLink(settings(500_000));
        assertTrue(link.isOpen());
    }

    @Test
    void bitRatesSlcanCannotSetAreRefusedBeforeTouchingThePort() throws Exception {
        int before = bus.ourCommands().size();
        LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings(33_333)));
        assertEquals(Reason.INVALID_SETTINGS, e.reason());
        assertTrue(e.getMessage().contains("500000"), "lists the valid ones: " + e.getMessage());
        LinkException uart = assertThrows(LinkException.class,
                () -> transport.openCanLink(settings(500_000).withOption("serial.baud", "fast")));
        assertEquals(Reason.INVALID_SETTINGS, uart.reason());
        assertEquals(before, bus.ourCommands().size());
    }

    @Test
    void adapterTimestampsAreAccepted() throws Exception {
        adapterCommand("Z1");
        try {
            link = transport.openCanLink(settings(500_000));
            assertEquals("sent", bus.peer(pythonCanSend(FRAMES.get(1))));
            assertEquals(FRAMES.get(1), link.receive(2_000 * MS));
            assertEquals(0, link.statistics().errorCount());
        } finally {
            if (link != null) {
                link.close();
                link = null;
            }
            adapterCommand("Z0");
        }
    }

    @Test
    void theSerialTransportStoppingClosesTheCanLinkAsProviderGone() throws Exception {
        // the serial provider as SCR sees it stop: its open links are closed as PROVIDER_GONE
        OpenLinks serialLinks = new OpenLinks();
        TransportProvider stoppingSerial = new TransportProvider() {
            public String id() { return serial.id(); }
            public String displayName() { return serial.displayName(); }
            public Set<LinkKind> kinds() { return serial.kinds(); }
            public List<PortInfo> listPorts() { return serial.listPorts(); }
            public CanLink openCanLink(LinkSettings settings) { throw new UnsupportedOperationException(); }
            public ByteLink openByteLink(LinkSettings settings) throws LinkException {
                return (ByteLink) serialLinks.track((AbstractLink) serial.openByteLink(settings));
            }
        };
        link = new SlcanTransport(stoppingSerial).openCanLink(settings(500_000));
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        serialLinks.closeAll("serial");
        assertEquals(Reason.PROVIDER_GONE, closed.get(1, TimeUnit.SECONDS).reason());
        assertEquals(Reason.PROVIDER_GONE, assertThrows(LinkException.class, () -> link.receive(0)).reason());
    }

    @Test
    void stoppingTheSlcanTransportClosesItsLinksAsProviderGone() throws Exception {
        SlcanTransport own = new SlcanTransport(serial);
        link = own.openCanLink(settings(500_000));
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        CompletableFuture<Throwable> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                link.receive(10_000 * MS);
                return null;
            } catch (LinkException e) {
                return e;
            }
        });
        Thread.sleep(50);
        own.deactivate();
        assertEquals(Reason.PROVIDER_GONE, closed.get(1, TimeUnit.SECONDS).reason());
        assertTrue(receiver.get(1, TimeUnit.SECONDS) instanceof LinkException e && e.reason() == Reason.PROVIDER_GONE,
                "a waiting receiver is woken");
    }

    // ---- helpers

    /** Talks to the adapter directly, as a configuration tool would before our link opens. */
    private void adapterCommand(String command) throws Exception {
        try (ByteLink raw = serial.openByteLink(LinkSettings.of("serial", bus.ours.a.toString(), 115_200))) {
            raw.write((command + "\r").getBytes(US_ASCII));
            byte[] reply = new byte[1];
            assertEquals(1, raw.read(reply, 0, 1, 1_000 * MS));
            assertEquals('\r', reply[0], "adapter refused " + command);
        }
    }

    private void awaitCommand(int index, String expected) throws Exception {
        long deadline = System.nanoTime() + 1_000 * MS;
        while (bus.ourCommands().size() <= index) {
            if (System.nanoTime() > deadline) {
                fail("the adapter never got '" + expected + "'");
            }
            Thread.sleep(5);
        }
        assertEquals(expected, bus.ourCommands().get(index));
    }

    /** The line pycan_peer.py prints for a frame it received. */
    private static String pythonCanView(CanFrame frame) {
        return String.format("frame %X %s %s %d %s", frame.id(), frame.extended() ? "ext" : "std",
                frame.remote() ? "rtr" : "data", frame.length(), HexFormat.of().withUpperCase().formatHex(frame.data()));
    }

    /** The pycan_peer.py command that sends a frame. */
    private static String pythonCanSend(CanFrame frame) {
        return String.format("send %X %s %s %s", frame.id(), frame.extended() ? "ext" : "std",
                frame.remote() ? "rtr" : "data",
                frame.remote() ? String.valueOf(frame.length()) : HexFormat.of().formatHex(frame.data()));
    }
}
