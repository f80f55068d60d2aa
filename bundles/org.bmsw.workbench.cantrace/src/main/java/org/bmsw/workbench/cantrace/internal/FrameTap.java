package org.bmsw.workbench.cantrace.internal;

import java.time.Instant;
import java.util.Optional;

import org.bmsw.transport.api.CanLink;

/** Every frame a CAN link receives or sends into a {@link FrameLog}, beside the session that reads it. */
final class FrameTap {

    private FrameTap() {
    }

    /**
     * Starts tracing {@code link} into {@code log} through {@link CanLink#listen}; closing the handle stops it. Each
     * frame is timed by the link's own stamp (taken as it arrived or went out), on the wall clock; a frame without one
     * by when it is heard.
     *
     * @return empty when the link offers no frame listener
     */
    static Optional<AutoCloseable> start(CanLink link, FrameLog log) {
        Instant origin = Instant.now();
        long originNanos = System.nanoTime();
        try {
            return Optional.of(link.listen((frame, sent) -> log.add(new TracedFrame(frame.timestampNanos() == 0
                    ? Instant.now() : origin.plusNanos(frame.timestampNanos() - originNanos), frame, sent))));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
