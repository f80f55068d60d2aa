package org.bmsw.workbench.cantrace.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.transport.api.Link;

/**
 * Every frame a CAN link receives or sends, besides the session that reads it. This is the listener the page needs
 * {@code CanLink} to offer ({@code AutoCloseable listen(CanFrameListener)}, see the README notes): until it does, only a
 * link that implements this interface itself can be traced, and the page says so for the others.
 */
interface FrameTap {

    /** Adds a listener, called on the link's threads (it must not block); closing the handle removes it. */
    AutoCloseable listen(Consumer<TracedFrame> frames);

    /** The tap of a link, if it has one. */
    static Optional<FrameTap> of(Link link) {
        return link instanceof FrameTap tap ? Optional.of(tap) : Optional.empty();
    }
}
