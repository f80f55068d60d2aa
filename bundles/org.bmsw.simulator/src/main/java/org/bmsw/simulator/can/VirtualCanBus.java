package org.bmsw.simulator.can;

import java.util.concurrent.locks.LockSupport;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;
import org.bmsw.transport.spi.FrameListeners;
import org.bmsw.transport.spi.FrameQueue;

/**
 * A CAN bus inside the program with two nodes, the host and a simulated device: what one sends the other receives,
 * each frame taking the time its bits need at the bus's bit rate (without stuffing bits). Closing either end takes
 * the bus down.
 */
public final class VirtualCanBus implements AutoCloseable {

    private final Node host;
    private final Node device;
    private final int bitrate;
    private long busFreeAt;

    /** @param settings the host's settings: its path names the bus, its baud is the bit rate */
    public VirtualCanBus(LinkSettings settings) {
        this.bitrate = settings.baud();
        this.host = new Node(settings);
        this.device = new Node(LinkSettings.of(settings.transport(), settings.path() + " (device)", settings.baud()));
        host.peer = device;
        device.peer = host;
        host.onClose(reason -> device.closeWith(reason));
        device.onClose(reason -> host.closeWith(reason));
    }

    public Node host() {
        return host;
    }

    public Node device() {
        return device;
    }

    @Override
    public void close() {
        host.close();
    }

    private void onTheBus(CanFrame frame) {
        int bits = (frame.extended() ? 67 : 47) + (frame.remote() ? 0 : 8 * frame.length());
        long done;
        synchronized (this) {
            busFreeAt = Math.max(busFreeAt, System.nanoTime()) + bits * 1_000_000_000L / bitrate;
            done = busFreeAt;
        }
        while (done - System.nanoTime() > 0) {
            LockSupport.parkNanos(done - System.nanoTime());
        }
    }

    /** One end of the bus. */
    public final class Node extends AbstractLink implements CanLink {

        private final FrameQueue received = new FrameQueue(1024);
        private final FrameListeners listeners;
        private Node peer;

        Node(LinkSettings settings) {
            super(settings);
            listeners = new FrameListeners(settings.describe());
        }

        @Override
        public void send(CanFrame frame) throws LinkException {
            ensureOpen();
            onTheBus(frame);
            CanFrame arrived = frame.receivedAt(System.nanoTime());
            peer.statistics().frameReceived();
            peer.listeners.received(arrived);
            peer.received.offer(arrived);
            statistics().frameSent();
            listeners.sent(arrived);
        }

        @Override
        public CanFrame receive(long timeoutNanos) throws LinkException {
            return received.poll(timeoutNanos, this::ensureOpen, settings().path());
        }

        @Override
        public AutoCloseable listen(CanFrameListener listener) {
            return listeners.add(listener);
        }

        @Override
        protected void release() {
            received.wakeAll();
        }
    }
}
