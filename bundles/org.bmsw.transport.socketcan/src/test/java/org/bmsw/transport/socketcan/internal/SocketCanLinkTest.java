package org.bmsw.transport.socketcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link's own logic (queue, statistics, reasons for closing) over an in-memory socket: runs on every machine. */
class SocketCanLinkTest {

    private static final long MS = 1_000_000L;
    private static final LinkSettings VCAN0 = LinkSettings.of("socketcan", "vcan0", 500_000);

    @TempDir
    Path sys;

    private FakeBackend backend;
    private SocketCanTransport transport;
    private CanLink link;
    private FakeCanSocket socket;

    @BeforeEach
    void open() throws Exception {
        new FakeSysfs(sys).virtual("vcan0", 280, "0xc1");
        backend = new FakeBackend(null);
        transport = new SocketCanTransport(sys, backend);
        link = transport.openCanLink(VCAN0);
        socket = backend.sockets.get(0);
    }

    @AfterEach
    void close() {
        link.close();
    }

    @Test
    void sendsToTheSocketAndCounts() throws Exception {
        CanFrame frame = CanFrame.data(0x18FF50E5, true, (byte) 1, (byte) 2);
        link.send(frame);
        link.send(CanFrame.remote(0x7FF, false, 3));
        assertEquals(frame, socket.sent.get(0));
        assertEquals(CanFrame.remote(0x7FF, false, 3), socket.sent.get(1));
        assertEquals(2, link.statistics().framesSent());
        assertEquals(2 * CanSocket.FRAME_BYTES, link.statistics().snapshot().bytesSent());
        assertEquals(500_000, link.bitrate());
    }

    @Test
    void receivesInOrderAndTimesOut() throws Exception {
        CanFrame a = CanFrame.data(0x100, false, (byte) 1).receivedAt(5);
        CanFrame b = CanFrame.remote(0x1ABCDEF0, true, 8).receivedAt(6);
        socket.inbound.add(a);
        socket.inbound.add(b);
        assertEquals(a, link.receive(1000 * MS));
        assertEquals(b, link.receive(1000 * MS));
        long start = System.nanoTime();
        assertNull(link.receive(50 * MS));
        assertTrue(System.nanoTime() - start >= 50 * MS);
        assertEquals(2, link.statistics().framesReceived());
    }

    @Test
    void aWaitingReceiverGetsTheFrameAsItArrives() throws Exception {
        CompletableFuture<CanFrame> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return link.receive(5000 * MS);
            } catch (LinkException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        CanFrame frame = CanFrame.data(0x7E8, false, (byte) 0x02, (byte) 0x01);
        socket.inbound.add(frame);
        assertEquals(frame, waiting.get(2, TimeUnit.SECONDS));
    }

    @Test
    void aListenerHearsFramesBothWaysUntilItsHandleCloses() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        link.listen((frame, sent) -> {
            throw new IllegalStateException("a broken trace"); // logged; neither the link nor the others mind
        });
        AutoCloseable handle = link.listen((frame, sent) -> heard.add((sent ? "Tx " : "Rx ") + frame));
        CanFrame in = CanFrame.data(0x100, false, (byte) 1).receivedAt(5);
        socket.inbound.add(in);
        assertEquals(in, link.receive(1000 * MS));
        link.send(CanFrame.data(0x7F0, false, (byte) 0xFF));
        socket.sendFailure.set(new LinkException(Reason.IO, "transmit queue full"));
        assertThrows(LinkException.class, () -> link.send(CanFrame.data(0x7F0, false, (byte) 0xFE)));
        socket.sendFailure.set(null);
        assertEquals(List.of("Rx 100 [1] 01", "Tx 7F0 [1] FF"), heard, "a frame that did not go out is not traced");
        handle.close();
        socket.inbound.add(in);
        assertEquals(in, link.receive(1000 * MS));
        assertEquals(2, heard.size());
        assertTrue(link.isOpen());
    }

    @Test
    void aPassingErrorIsCountedAndTheLinkStaysOpen() throws Exception {
        socket.inbound.add(new LinkException(Reason.IO, "SocketCAN interface vcan0 is down"));
        CanFrame after = CanFrame.data(0x1, false);
        socket.inbound.add(after);
        assertEquals(after, link.receive(2000 * MS));
        assertTrue(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.OTHER));
        assertEquals("SocketCAN interface vcan0 is down", link.statistics().snapshot().lastError());
    }

    @Test
    void aSendErrorIsThrownCountedAndTheLinkStaysOpen() throws Exception {
        socket.sendFailure.set(new LinkException(Reason.IO, "transmit queue full"));
        LinkException e = assertThrows(LinkException.class, () -> link.send(CanFrame.data(0x1, false)));
        assertEquals(Reason.IO, e.reason());
        assertTrue(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.OTHER));
        assertEquals(0, link.statistics().framesSent());
        socket.sendFailure.set(null);
        link.send(CanFrame.data(0x1, false));
        assertEquals(1, link.statistics().framesSent());
    }

    @Test
    void aMalformedFrameIsCountedAsFraming() throws Exception {
        socket.inbound.add(new IllegalArgumentException("CAN frame with data length 12"));
        CanFrame after = CanFrame.data(0x2, false);
        socket.inbound.add(after);
        assertEquals(after, link.receive(2000 * MS));
        assertEquals(1, link.statistics().errors(ErrorKind.FRAMING));
    }

    @Test
    void aVanishedInterfaceClosesTheLinkAsDisconnected() throws Exception {
        CompletableFuture<LinkException> told = new CompletableFuture<>();
        link.onClose(told::complete);
        socket.inbound.add(new LinkException(Reason.DISCONNECTED, "SocketCAN interface vcan0 disappeared"));
        LinkException reason = told.get(2, TimeUnit.SECONDS);
        assertEquals(Reason.DISCONNECTED, reason.reason());
        assertFalse(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
        LinkException thrown = assertThrows(LinkException.class, () -> link.receive(10 * MS));
        assertEquals(Reason.DISCONNECTED, thrown.reason());
        assertTrue(socket.closed.get());
        assertEquals(0, transport.openLinkCount());
    }

    @Test
    void aSendThatFindsTheInterfaceGoneClosesTheLink() {
        socket.sendFailure.set(new LinkException(Reason.DISCONNECTED, "SocketCAN interface vcan0 disappeared"));
        LinkException e = assertThrows(LinkException.class, () -> link.send(CanFrame.data(0x1, false)));
        assertEquals(Reason.DISCONNECTED, e.reason());
        assertFalse(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
    }

    @Test
    void closeStopsTheReaderBeforeClosingTheSocket() throws Exception {
        Thread.sleep(60); // the reader is inside receive() most of the time
        CompletableFuture<LinkException> told = new CompletableFuture<>();
        link.onClose(told::complete);
        link.close();
        assertEquals(Reason.CLOSED, told.get(1, TimeUnit.SECONDS).reason());
        assertTrue(socket.closed.get());
        assertFalse(socket.closedWhileReceiving.get(), "socket closed under a thread inside receive()");
        LinkException e = assertThrows(LinkException.class, () -> link.send(CanFrame.data(0x1, false)));
        assertEquals(Reason.CLOSED, e.reason());
    }

    @Test
    void stoppingTheProviderClosesItsLinksAsProviderGone() throws Exception {
        CanLink second = transport.openCanLink(VCAN0);
        assertEquals(2, transport.openLinkCount());
        CompletableFuture<LinkException> told = new CompletableFuture<>();
        second.onClose(told::complete);
        transport.deactivate();
        assertEquals(Reason.PROVIDER_GONE, told.get(2, TimeUnit.SECONDS).reason());
        assertFalse(link.isOpen());
        assertFalse(second.isOpen());
        assertEquals(0, transport.openLinkCount());
        LinkException e = assertThrows(LinkException.class, () -> link.receive(0));
        assertEquals(Reason.PROVIDER_GONE, e.reason());
        assertTrue(e.getMessage().contains("socketcan"), e.getMessage());
        for (FakeCanSocket each : backend.sockets) {
            assertTrue(each.closed.get());
        }
    }

    @Test
    void linksOfOneProviderAreIndependent() throws Exception {
        CanLink second = transport.openCanLink(VCAN0);
        FakeCanSocket secondSocket = backend.sockets.get(1);
        assertSame(socket, backend.sockets.get(0));
        second.close();
        assertTrue(secondSocket.closed.get());
        assertFalse(socket.closed.get());
        assertTrue(link.isOpen());
    }
}
