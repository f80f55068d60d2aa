package org.bmsw.transport.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CanFrameListener}s of one CAN link: what {@code CanLink.listen} hands out, and what the link tells of
 * every frame. Adding and removing never block the link's threads (copy-on-write); a listener that throws is logged
 * (the first time as a warning, then quietly) and the link carries on. Costs one volatile read per frame while
 * nobody listens.
 */
public final class FrameListeners {

    private static final Logger LOG = LoggerFactory.getLogger(FrameListeners.class);

    /** One call of {@link #add}: the same listener added twice is two registrations, removed one at a time. */
    private record Registration(CanFrameListener listener, AtomicBoolean failedBefore) {
    }

    private final String linkName;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /** @param linkName names the link when a listener fails, e.g. {@code settings.describe()} */
    public FrameListeners(String linkName) {
        this.linkName = linkName;
    }

    /** Adds {@code listener}; closing the handle removes it (again is harmless). */
    public AutoCloseable add(CanFrameListener listener) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"),
                new AtomicBoolean());
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    public boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** A frame the link received, with its receive time: call before handing it to the link's reader. */
    public void received(CanFrame frame) {
        tell(frame, false);
    }

    /** A frame the link has just written; one without a time gets the current one. */
    public void sent(CanFrame frame) {
        if (registrations.isEmpty()) {
            return;
        }
        tell(frame.timestampNanos() == 0 ? frame.receivedAt(System.nanoTime()) : frame, true);
    }

    private void tell(CanFrame frame, boolean sent) {
        for (Registration registration : registrations) {
            try {
                registration.listener().frame(frame, sent);
            } catch (RuntimeException | LinkageError e) { // LinkageError: a listener whose bundle was just updated
                if (registration.failedBefore().compareAndSet(false, true)) {
                    LOG.warn("A frame listener of {} failed on {} frame {} (further failures of it are logged at debug)",
                            linkName, sent ? "sent" : "received", frame, e);
                } else {
                    LOG.debug("A frame listener of {} failed on {}: {}", linkName, frame, e.toString());
                }
            }
        }
    }
}
