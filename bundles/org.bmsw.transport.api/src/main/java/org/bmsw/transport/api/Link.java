package org.bmsw.transport.api;

import java.util.function.Consumer;

/** What byte links and CAN links share: identity, statistics, and a close that says why. */
public interface Link extends AutoCloseable {

    /** The settings the link was opened with. */
    LinkSettings settings();

    /** True until the link is closed, by its user, by the peer going away or by its provider leaving. */
    boolean isOpen();

    /** A live view of this link's counters. */
    LinkStatistics statistics();

    /**
     * Called once when the link closes, for whatever reason, with the reason. Listeners added after
     * the link closed are called at once. Listeners must not block.
     */
    void onClose(Consumer<LinkException> listener);

    /** Closes the link; idempotent. Listeners get {@link LinkException.Reason#CLOSED}. */
    @Override
    void close();
}
