package org.bmsw.transport.serial.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.bmsw.transport.api.PortInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real ptys from socat: our link on one end, plain file streams (the "device") on the other. */
class SerialTransportTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private SocatPair socat;
    private SerialTransport transport;
    private ByteLink link;

    @BeforeEach
    void setUp() throws Exception {
        socat = new SocatPair(dir).start();
        transport = new SerialTransport();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();
        }
        socat.close();
    }

    private LinkSettings settings() {
        return LinkSettings.of("serial", socat.a.toString(), 9600);
    }

    @Test
    void bytesFlowBothWaysAndAreCounted() throws Exception {
        link = transport.openByteLink(settings());
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile());
             InputStream deviceIn = new FileInputStream(socat.b.toFile())) {
            link.write("request".getBytes(US_ASCII));
            assertEquals("request", new String(readExactly(deviceIn, 7), US_ASCII));

            deviceOut.write("response!".getBytes(US_ASCII));
            assertEquals("response!", new String(readExactly(link, 9), US_ASCII));
        }
        var counts = link.statistics().snapshot();
        assertEquals(7, counts.bytesSent());
        assertEquals(9, counts.bytesReceived());
        assertEquals(0, counts.errorCount());
    }

    @Test
    void readTimesOutWithZeroInAboutTheRequestedTime() throws Exception {
        link = transport.openByteLink(settings());
        byte[] buffer = new byte[16];
        for (long timeoutMs : new long[] {0, 5, 30, 120}) {
            long start = System.nanoTime();
            assertEquals(0, link.read(buffer, 0, buffer.length, timeoutMs * MS));
            long tookMs = (System.nanoTime() - start) / MS;
            assertTrue(tookMs >= timeoutMs && tookMs < timeoutMs + 40,
                    "read(" + timeoutMs + " ms) took " + tookMs + " ms");
        }
    }

    @Test
    void readReturnsAsSoonAsDataArrives() throws Exception {
        link = transport.openByteLink(settings());
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile())) {
            CompletableFuture.runAsync(() -> {
                sleep(50);
                write(deviceOut, "x");
            });
            long start = System.nanoTime();
            assertEquals(1, link.read(new byte[4], 0, 4, 2_000 * MS));
            long tookMs = (System.nanoTime() - start) / MS;
            assertTrue(tookMs < 200, "waited " + tookMs + " ms for a byte sent after 50 ms");
        }
    }

    @Test
    void peerGoingAwayClosesTheLinkAsDisconnectedWithinOneSecond() throws Exception {
        link = transport.openByteLink(settings());
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                link.read(new byte[4], 0, 4, 10_000 * MS);
                return null;
            } catch (LinkException e) {
                return e;
            }
        });
        sleep(100);

        long pulled = System.nanoTime();
        socat.stop();
        LinkException reason = closed.get(1, TimeUnit.SECONDS);
        Throwable readFailure = reader.get(1, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - pulled) / MS;

        assertEquals(Reason.DISCONNECTED, reason.reason());
        assertTrue(reason.getMessage().contains(socat.a.toString()), reason.getMessage());
        assertTrue(readFailure instanceof LinkException e && e.reason() == Reason.DISCONNECTED, String.valueOf(readFailure));
        assertFalse(link.isOpen());
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
        assertTrue(tookMs < 1000, "noticed after " + tookMs + " ms");
        LinkException write = assertThrows(LinkException.class, () -> link.write(new byte[] {1}));
        assertEquals(Reason.DISCONNECTED, write.reason());
    }

    @Test
    void reconnectsWhenTheDeviceReturnsAndNeverDeliversBytesFromBeforeTheLoss() throws Exception {
        link = transport.openByteLink(settings().withOption("reconnect", "true"));
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile())) {
            deviceOut.write("old".getBytes(US_ASCII)); // arrives, is never read
        }
        awaitReceived(link, 3);

        socat.stop();
        awaitLoss(link);
        LinkException lost = assertThrows(LinkException.class, () -> link.read(new byte[8], 0, 8, 1_000 * MS));
        assertEquals(Reason.DISCONNECTED, lost.reason());
        assertTrue(link.isOpen(), "reconnect=true keeps the link");
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));

        socat.start();
        long deadline = System.nanoTime() + 5_000 * MS;
        while (true) {
            try {
                assertEquals(0, link.read(new byte[8], 0, 8, 0), "bytes from before the loss came through");
                break;
            } catch (LinkException e) {
                assertEquals(Reason.DISCONNECTED, e.reason());
                if (System.nanoTime() > deadline) {
                    fail("not reconnected within 5 s: " + e.getMessage());
                }
                sleep(20);
            }
        }
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile());
             InputStream deviceIn = new FileInputStream(socat.b.toFile())) {
            link.write("again".getBytes(US_ASCII));
            assertEquals("again", new String(readExactly(deviceIn, 5), US_ASCII));
            deviceOut.write("new".getBytes(US_ASCII));
            assertEquals("new", new String(readExactly(link, 3), US_ASCII));
        }
        assertEquals(1, link.statistics().errors(ErrorKind.DISCONNECT));
    }

    @Test
    void aLossIsThrownToTheNextCallerEvenAfterTheDeviceIsBack() throws Exception {
        link = transport.openByteLink(settings().withOption("reconnect", "true"));
        socat.stop();
        socat.start();
        sleep(1_500); // reconnected meanwhile, and nobody was reading
        LinkException lost = assertThrows(LinkException.class, () -> link.read(new byte[8], 0, 8, 100 * MS));
        assertEquals(Reason.DISCONNECTED, lost.reason());
        assertEquals(0, link.read(new byte[8], 0, 8, 10 * MS), "told once, then usable");
    }

    @Test
    void staleInputFromBeforeOpeningIsDropped() throws Exception {
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile())) {
            deviceOut.write("stale".getBytes(US_ASCII));
            // control: the bytes wait in the port's input queue, where a plain opening would read them
            try (FileInputStream raw = new FileInputStream(socat.a.toFile())) {
                long deadline = System.nanoTime() + 2_000 * MS;
                while (raw.available() < 5) {
                    assertTrue(System.nanoTime() < deadline, "stale bytes never reached the port");
                    sleep(1);
                }
            }
            link = transport.openByteLink(settings());
            assertEquals(0, link.read(new byte[8], 0, 8, 100 * MS));
        }
    }

    @Test
    void discardInputDropsWhatWasNotRead() throws Exception {
        link = transport.openByteLink(settings());
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile())) {
            deviceOut.write("stale".getBytes(US_ASCII));
            awaitReceived(link, 5);
            link.discardInput();
            deviceOut.write("fresh".getBytes(US_ASCII));
            assertEquals("fresh", new String(readExactly(link, 5), US_ASCII));
        }
    }

    @Test
    void echoOfAHalfDuplexAdapterIsDropped() throws Exception {
        link = transport.openByteLink(settings().withOption("rs485.echo", "true"));
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile());
             InputStream deviceIn = new FileInputStream(socat.b.toFile())) {
            // the "adapter" hears the request on the bus, then the device answers
            CompletableFuture<Void> device = CompletableFuture.runAsync(() -> {
                byte[] request = readExactly(deviceIn, 4);
                write(deviceOut, new String(request, US_ASCII));
                sleep(5);
                write(deviceOut, "ANSWER");
            });
            link.write("PING".getBytes(US_ASCII));
            assertEquals("ANSWER", new String(readExactly(link, 6), US_ASCII));
            device.get(1, TimeUnit.SECONDS);
            assertEquals(0, link.read(new byte[8], 0, 8, 20 * MS));
            assertEquals(0, link.statistics().errorCount());
        }
    }

    @Test
    void aGarbledEchoIsCountedAndAMissingEchoTimesOut() throws Exception {
        link = transport.openByteLink(settings().withOption("rs485.echo", "true"));
        try (OutputStream deviceOut = new FileOutputStream(socat.b.toFile());
             InputStream deviceIn = new FileInputStream(socat.b.toFile())) {
            CompletableFuture<Void> device = CompletableFuture.runAsync(() -> {
                readExactly(deviceIn, 4);
                write(deviceOut, "PXNG");
            });
            link.write("PING".getBytes(US_ASCII));
            device.get(1, TimeUnit.SECONDS);
            assertEquals(1, link.statistics().errors(ErrorKind.FRAMING));

            LinkException silent = assertThrows(LinkException.class, () -> link.write("PING".getBytes(US_ASCII)));
            assertEquals(Reason.TIMEOUT, silent.reason());
            assertTrue(silent.getMessage().contains("rs485.echo"), silent.getMessage());
        }
    }

    @Test
    void baudRatesOutsideTheRangeAreRefused() {
        for (int baud : new int[] {300, 1_000_000}) {
            LinkException e = assertThrows(LinkException.class,
                    () -> transport.openByteLink(settings().withBaud(baud)));
            assertEquals(Reason.INVALID_SETTINGS, e.reason());
            assertTrue(e.getMessage().contains(String.valueOf(baud)), e.getMessage());
        }
        LinkException option = assertThrows(LinkException.class,
                () -> transport.openByteLink(settings().withOption("rs485.echo", "yes")));
        assertEquals(Reason.INVALID_SETTINGS, option.reason());
    }

    @Test
    void aMissingPortIsNotFoundAndNamed() {
        String path = dir.resolve("ttyUSB-nothing").toString();
        LinkException e = assertThrows(LinkException.class,
                () -> transport.openByteLink(LinkSettings.of("serial", path, 9600)));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void aPortOpenElsewhereIsBusy() throws Exception {
        link = transport.openByteLink(settings());
        LinkException here = assertThrows(LinkException.class, () -> transport.openByteLink(settings()));
        assertEquals(Reason.BUSY, here.reason());
        link.close();
        link = null;

        // another program holding the port with an exclusive lock, as pyserial's exclusive=True does
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c",
                "import serial,sys; s=serial.Serial('" + socat.a + "', exclusive=True); print('held', flush=True); sys.stdin.read()")
                .redirectErrorStream(true).start();
        try {
            byte[] line = new byte[5];
            assertEquals(5, holder.getInputStream().readNBytes(line, 0, 5), "python3-serial is needed");
            LinkException other = assertThrows(LinkException.class, () -> transport.openByteLink(settings()));
            assertEquals(Reason.BUSY, other.reason());
            assertTrue(other.getMessage().contains("another program"), other.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void permissionProblemsSayWhatToDo() {
        // root may open anything, so the errno path is checked directly
        LinkException e = SerialConnection.openFailure("/dev/ttyUSB0", new File("/dev/null"), 13);
        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertTrue(e.getMessage().contains("sudo usermod -aG dialout $USER"), e.getMessage());
    }

    @Test
    void stoppingTheProviderClosesItsLinksAsProviderGone() throws Exception {
        link = transport.openByteLink(settings());
        CompletableFuture<LinkException> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        transport.deactivate();
        assertEquals(Reason.PROVIDER_GONE, closed.get(1, TimeUnit.SECONDS).reason());
        assertEquals(Reason.PROVIDER_GONE, assertThrows(LinkException.class, () -> link.write(new byte[1])).reason());
    }

    @Test
    void closingIsPromptAndTheNameCanBeOpenedAgain() throws Exception {
        link = transport.openByteLink(settings());
        long start = System.nanoTime();
        link.close();
        assertTrue((System.nanoTime() - start) / MS < 1000);
        link = transport.openByteLink(settings());
        assertTrue(link.isOpen());
    }

    @Test
    void listedPortsDescribeThemselves() {
        for (PortInfo port : transport.listPorts()) {
            assertEquals("serial", port.transport());
            assertFalse(port.path().isBlank());
            assertNotNull(port.description());
        }
    }

    // ---- helpers

    static byte[] readExactly(ByteLink link, int n) throws LinkException {
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

    static byte[] readExactly(InputStream in, int n) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + 2_000 * MS;
        try {
            while (bytes.size() < n) {
                if (in.available() > 0) {
                    bytes.write(in.read());
                } else if (System.nanoTime() > deadline) {
                    fail("the device got only " + bytes.size() + " of " + n + " bytes");
                } else {
                    Thread.sleep(1);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** Waits until the link noticed the loss, so a read cannot race it. */
    private static void awaitLoss(ByteLink link) {
        long deadline = System.nanoTime() + 1_000 * MS;
        while (link.statistics().errors(ErrorKind.DISCONNECT) == 0) {
            if (System.nanoTime() > deadline) {
                fail("the loss was not noticed within 1 s");
            }
            sleep(1);
        }
    }

    private static void awaitReceived(ByteLink link, long bytes) {
        long deadline = System.nanoTime() + 2_000 * MS;
        while (link.statistics().snapshot().bytesReceived() < bytes) {
            if (System.nanoTime() > deadline) {
                fail("the link did not receive " + bytes + " bytes");
            }
            sleep(1);
        }
    }

    static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
