package org.bmsw.transport.socketcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.JavaCAN;
import tel.schich.javacan.RawCanChannel;

/**
 * Both directions over a real SocketCAN interface, against a second raw socket opened with JavaCAN directly. Runs only
 * where such an interface exists and is up: {@code vcan0} by default, another with
 * {@code -Dbmsw.socketcan.interface=NAME} (e.g. after 'sudo modprobe vcan; sudo ip link add dev vcan0 type vcan;
 * sudo ip link set vcan0 up'). Everywhere else each test is reported as skipped, with the reason.
 */
class SocketCanInterfaceTest {

    private static final long MS = 1_000_000L;
    private static final String NAME = System.getProperty("bmsw.socketcan.interface", "vcan0");

    private SocketCanTransport transport;
    private CanLink link;
    private RawCanChannel peer;
    private final ByteBuffer peerBuffer = JavaCAN.allocateOrdered(RawCanChannel.MTU);

    /** Why the tests cannot run here, or null. */
    static String missing() {
        Optional<CanInterfaces.Interface> found = Optional.ofNullable(new CanInterfaces(Path.of("/sys")).find(NAME));
        if (found.isEmpty()) {
            return "there is no network interface " + NAME + " on this machine (no kernel CAN here?)";
        }
        if (!found.get().isCan()) {
            return NAME + " is not a CAN interface";
        }
        if (found.get().up().filter(up -> !up).isPresent()) {
            return NAME + " is down";
        }
        return new JavaCanBackend().problem();
    }

    @BeforeEach
    void open() throws Exception {
        String missing = missing();
        assumeTrue(missing == null, () -> "needs a SocketCAN interface that is up: " + missing);
        transport = new SocketCanTransport();
        link = transport.openCanLink(LinkSettings.of("socketcan", NAME, 500_000));
        peer = CanChannels.newRawChannel(NAME);
        peer.setOption(CanSocketOptions.SO_RCVTIMEO, Duration.ofSeconds(2));
        drain();
    }

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private void drain() throws Exception {
        while (link.receive(20 * MS) != null) {
            // frames of other traffic on the bus before the test
        }
    }

    @Test
    void isListed() {
        List<PortInfo> ports = transport.listPorts();
        assertTrue(ports.stream().anyMatch(p -> p.path().equals(NAME) && !p.description().contains("unusable")),
                ports.toString());
    }

    @Test
    void whatTheLinkSendsThePeerReceives() throws Exception {
        for (CanFrame frame : JavaCanFramesTest.shapes()) {
            link.send(frame);
            peerBuffer.clear();
            CanFrame got = JavaCanFrames.fromJavaCan(peer.read(peerBuffer), System.nanoTime());
            assertEquals(frame, got, frame.toString());
        }
        assertEquals(JavaCanFramesTest.shapes().size(), link.statistics().framesSent());
        assertNull(link.receive(50 * MS), "a link does not receive its own frames");
    }

    @Test
    void whatThePeerSendsTheLinkReceives() throws Exception {
        long before = System.nanoTime();
        for (CanFrame frame : JavaCanFramesTest.shapes()) {
            peer.write(JavaCanFrames.toJavaCan(frame));
            CanFrame got = link.receive(2000 * MS);
            assertEquals(frame, got, frame.toString());
            assertTrue(got.timestampNanos() >= before);
        }
        assertEquals(JavaCanFramesTest.shapes().size(), link.statistics().framesReceived());
    }

    @Test
    void aListenerHearsBothDirections() throws Exception {
        List<CanFrame> sent = new CopyOnWriteArrayList<>();
        List<CanFrame> received = new CopyOnWriteArrayList<>();
        AutoCloseable handle = link.listen((frame, out) -> (out ? sent : received).add(frame));
        for (CanFrame frame : JavaCanFramesTest.shapes()) {
            link.send(frame);
            peerBuffer.clear();
            peer.read(peerBuffer);
            peer.write(JavaCanFrames.toJavaCan(frame));
            CanFrame got = link.receive(2000 * MS);
            assertEquals(frame, got);
            assertEquals(got.timestampNanos(), received.get(received.size() - 1).timestampNanos());
        }
        handle.close();
        assertEquals(JavaCanFramesTest.shapes(), sent);
        assertEquals(JavaCanFramesTest.shapes(), received);
    }

    @Test
    void closingReleasesTheInterfaceForTheNextLink() throws Exception {
        link.close();
        link = transport.openCanLink(LinkSettings.of("socketcan", NAME, 500_000));
        CanFrame frame = CanFrame.data(0x321, false, (byte) 1);
        peer.write(JavaCanFrames.toJavaCan(frame));
        assertEquals(frame, link.receive(2000 * MS));
    }
}
