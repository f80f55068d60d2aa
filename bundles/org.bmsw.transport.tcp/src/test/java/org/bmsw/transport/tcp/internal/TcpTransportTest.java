package org.bmsw.transport.tcp.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a ServerSocket on loopback standing in for the serial device server. Never leaves loopback. */
class TcpTransportTest {

    private static final long MS = 1_000_000L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final TcpTransport transport = new TcpTransport();
    private ServerSocket server;
    private ByteLink link;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, LOOPBACK);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (link != null) {
            link.close();
        }
        server.close();
    }

    private LinkSettings settings(int port) {
        return new LinkSettings("tcp", LOOPBACK.getHostAddress() + ":" + port, 9600, 8, null, null,
                Duration.ofMillis(500), Map.of());
    }

    private LinkSettings settings() {
        return settings(server.getLocalPort());
    }

    @Test
    void bytesFlowBothWaysAndAreCounted() throws Exception {
        link = transport.openByteLink(settings());
        try (Socket gateway = server.accept()) {
            link.write("request".getBytes(US_ASCII));
            assertEquals("request", new String(gateway.getInputStream().readNBytes(7), US_ASCII));
            gateway.getOutputStream().write("response!".getBytes(US_ASCII));
            assertEquals("response!", new String(readExactly(link, 9), US_ASCII));
        }
        var counts = link.statistics().snapshot();
        assertEquals(7, counts.bytesSent());
        assertEquals(9, counts.bytesReceived());
    }

    @Test
    void connectionsAskForNoDelayAndQuickKeepAlive() throws Exception {
        TcpConnection connection = TcpConnection.open(LOOPBACK.getHostAddress(), server.getLocalPort(),
                Duration.ofSeconds(1));
        try (Socket accepted = server.accept()) {
            assertTrue(connection.socket.getTcpNoDelay());
            assertTrue(connection.socket.getKeepAlive());
            for (var option : connection.socket.supportedOptions()) {
                if (option.name().equals("TCP_KEEPIDLE")) {
                    assertEquals(10, connection.socket.getOption(option));
                }
            }
        } finally {
            connection.close();
        }
    }

    @Test
    void readTimesOutWithZeroInAboutTheRequestedTime() throws Exception {
        link = transport.openByteLink(settings());
        try (Socket gateway = server.accept()) {
            for (long timeoutMs : new long[] {0, 5, 30, 120}) {
                long start = System.nanoTime();
                assertEquals(0, link.read(new byte[8], 0, 8, timeoutMs * MS));
                long tookMs = (System.nanoTime() - start) / MS;
                assertTrue(tookMs >= timeoutMs && tookMs < timeoutMs + 40, "read(" + timeoutMs + ") took " + tookMs);
            }
        }
    }

    @Test
    void theGatewayClosingIsDisconnectedWithinOneSecond() throws Exception {
        link = transport.openByteLink(settings());
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        Socket gateway = server.accept();
        gateway.getOutputStream().write("last words".getBytes(US_ASCII));
        long start = System.nanoTime();
        gateway.close();

        LinkException reason = closed.get(1, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - start) / MS < 1000);
        assertEquals(Reason.DISCONNECTED, reason.reason());
        assertTrue(reason.getMessage().contains(settings().path()), reason.getMessage());
        assertFalse(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
        assertEquals(Reason.DISCONNECTED,
                assertThrows(LinkException.class, () -> link.read(new byte[16], 0, 16, 0)).reason());
    }

    @Test
    void aRefusedConnectionIsNotFoundWithAClearMessage() throws Exception {
        int port = server.getLocalPort();
        server.close();
        LinkException e = assertThrows(LinkException.class, () -> transport.openByteLink(settings(port)));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(":" + port) && e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aGatewayThatDoesNotAnswerTimesOutAfterTheOpenTimeout() throws Exception {
        // A listener whose accept queue is full drops further SYNs (Linux), so connecting hangs like an absent host.
        try (ServerSocket stuck = new ServerSocket(0, 1, LOOPBACK)) {
            List<Socket> queued = new ArrayList<>();
            boolean full = false;
            try {
                for (int i = 0; i < 10 && !full; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(new InetSocketAddress(LOOPBACK, stuck.getLocalPort()), 200);
                    } catch (SocketTimeoutException e) {
                        full = true;
                    }
                }
                assumeTrue(full, "this OS accepts beyond the backlog; cannot simulate a silent gateway on loopback");
                long start = System.nanoTime();
                LinkException e = assertThrows(LinkException.class,
                        () -> transport.openByteLink(settings(stuck.getLocalPort())));
                long tookMs = (System.nanoTime() - start) / MS;
                assertEquals(Reason.TIMEOUT, e.reason());
                assertTrue(tookMs >= 450 && tookMs < 1500, "gave up after " + tookMs + " ms, asked for 500");
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void reconnectsWhenTheGatewayReturns() throws Exception {
        int port = server.getLocalPort();
        link = transport.openByteLink(settings().withOption("reconnect", "true"));
        Socket gateway = server.accept();
        gateway.getOutputStream().write("old".getBytes(US_ASCII)); // never read: must not survive the loss
        awaitReceived(link, 3);
        gateway.close();
        server.close();
        awaitLoss(link);

        LinkException lost = assertThrows(LinkException.class, () -> link.read(new byte[8], 0, 8, 1_000 * MS));
        assertEquals(Reason.DISCONNECTED, lost.reason());
        assertTrue(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));

        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, port));
        server.setSoTimeout(5_000);
        try (Socket back = server.accept()) {
            long deadline = System.nanoTime() + 5_000 * MS;
            while (true) {
                try {
                    assertEquals(0, link.read(new byte[8], 0, 8, 0), "bytes from before the loss came through");
                    break;
                } catch (LinkException e) {
                    assertEquals(Reason.DISCONNECTED, e.reason());
                    if (System.nanoTime() > deadline) {
                        fail("not reconnected: " + e.getMessage());
                    }
                    Thread.sleep(10);
                }
            }
            link.write("again".getBytes(US_ASCII));
            assertEquals("again", new String(back.getInputStream().readNBytes(5), US_ASCII));
            back.getOutputStream().write("new".getBytes(US_ASCII));
            assertEquals("new", new String(readExactly(link, 3), US_ASCII));
            assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
        }
    }

    @Test
    void discardInputDropsWhatWasNotRead() throws Exception {
        link = transport.openByteLink(settings());
        try (Socket gateway = server.accept()) {
            gateway.getOutputStream().write("stale".getBytes(US_ASCII));
            awaitReceived(link, 5);
            link.discardInput();
            gateway.getOutputStream().write("fresh".getBytes(US_ASCII));
            assertEquals("fresh", new String(readExactly(link, 5), US_ASCII));
        }
    }

    @Test
    void addressesThatAreNotHostAndPortAreRefused() {
        for (String path : new String[] {"gateway", "host:", ":502", "host:70000", "host:abc"}) {
            LinkException e = assertThrows(LinkException.class,
                    () -> transport.openByteLink(LinkSettings.of("tcp", path, 9600)), path);
            assertEquals(Reason.INVALID_SETTINGS, e.reason(), path);
        }
        assertEquals(new TcpTransport.Endpoint("::1", 502), uncheckedParse("[::1]:502"));
        assertEquals(new TcpTransport.Endpoint("10.0.0.7", 4001), uncheckedParse("10.0.0.7:4001"));
    }

    @Test
    void stoppingTheProviderClosesItsLinksAsProviderGone() throws Exception {
        link = transport.openByteLink(settings());
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        transport.deactivate();
        assertEquals(Reason.PROVIDER_GONE, closed.get(1, TimeUnit.SECONDS).reason());
    }

    private static TcpTransport.Endpoint uncheckedParse(String path) {
        try {
            return TcpTransport.Endpoint.parse(path);
        } catch (LinkException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] readExactly(ByteLink link, int n) throws LinkException {
        byte[] buffer = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + 2_000 * MS;
        while (got < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("only " + got + " of " + n + " bytes arrived");
            }
            got += link.read(buffer, got, n - got, left);
        }
        return buffer;
    }

    /** Waits until the link noticed the loss, so a read cannot race it. */
    private static void awaitLoss(ByteLink link) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000 * MS;
        while (link.statistics().errors(ErrorKind.DISCONNECT) == 0) {
            if (System.nanoTime() > deadline) {
                fail("the loss was not noticed within 1 s");
            }
            Thread.sleep(1);
        }
    }

    private static void awaitReceived(ByteLink link, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000 * MS;
        while (link.statistics().snapshot().bytesReceived() < bytes) {
            if (System.nanoTime() > deadline) {
                fail("the link did not receive " + bytes + " bytes");
            }
            Thread.sleep(1);
        }
    }
}
