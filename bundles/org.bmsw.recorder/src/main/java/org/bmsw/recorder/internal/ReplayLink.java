package org.bmsw.recorder.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;
import org.bmsw.transport.spi.FrameListeners;

/**
 * The "bus" of a replay: transport {@value ReplaySession#TRANSPORT}, carrying no frames. It is a CAN link so that
 * recognising the device on it costs nothing: register profiles (byte links) skip it, and a CAN profile listening
 * for broadcasts hears silence at once. Frames sent to it are dropped (a frame listener still hears them, as a trace
 * of the link would). Closing it stops the replay it carries.
 */
final class ReplayLink extends AbstractLink implements CanLink {

    /** A profile that listens in a loop is not left spinning. */
    private static final long SILENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final List<ReplaySession> sessions = new ArrayList<>();
    private final FrameListeners listeners;
    private volatile AutoCloseable player;

    ReplayLink(LinkSettings settings) {
        super(settings);
        listeners = new FrameListeners(settings.describe());
    }

    /** The recorded devices this link carries, and what to stop when it closes. */
    synchronized void carry(List<ReplaySession> devices, AutoCloseable replay) {
        sessions.addAll(devices);
        player = replay;
    }

    /** The replayed device with this address, if the recording has one and it is still open. */
    synchronized Optional<ReplaySession> session(int address) {
        return sessions.stream().filter(s -> s.identity().address() == address && s.isOpen()).findFirst();
    }

    synchronized List<Integer> addresses() {
        return sessions.stream().map(s -> s.identity().address()).toList();
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        ensureOpen();
        listeners.sent(frame);
    }

    @Override
    public AutoCloseable listen(CanFrameListener listener) {
        return listeners.add(listener);
    }

    @Override
    public CanFrame receive(long timeoutNanos) throws LinkException {
        ensureOpen();
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(timeoutNanos, SILENCE_NANOS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(LinkException.Reason.IO, "Interrupted while listening to " + settings().describe(), e);
        }
        return null;
    }

    @Override
    protected void release() {
        AutoCloseable replay = player;
        if (replay != null) {
            try {
                replay.close();
            } catch (Exception e) {
                // the replay's own thread logs what went wrong
            }
        }
    }
}
