package org.bmsw.transport.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes exactly once, remembers why, and tells every listener. Subclasses release their resources in
 * {@link #release()} and call {@link #fail(LinkException)} when the peer goes away.
 */
public abstract class AbstractLink implements Link {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractLink.class);

    private final LinkSettings settings;
    private final LinkStatistics statistics = new LinkStatistics();
    private final List<Consumer<LinkException>> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<LinkException> closedBecause = new AtomicReference<>();

    protected AbstractLink(LinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public LinkStatistics statistics() {
        return statistics;
    }

    @Override
    public boolean isOpen() {
        return closedBecause.get() == null;
    }

    @Override
    public void onClose(Consumer<LinkException> listener) {
        closeListeners.add(listener);
        LinkException reason = closedBecause.get();
        if (reason != null && closeListeners.remove(listener)) {
            listener.accept(reason);
        }
    }

    @Override
    public void close() {
        closeWith(new LinkException(LinkException.Reason.CLOSED, settings.describe() + " was closed"));
    }

    /** Closes the link because of {@code reason}; the first reason wins. */
    public void closeWith(LinkException reason) {
        close(reason, false);
    }

    /**
     * Records a failure that ends the link, closes it, and returns the exception to throw. A disconnect
     * is counted once, by whichever caller actually closes the link, before any listener hears of it.
     */
    protected LinkException fail(LinkException failure) {
        close(failure, failure.reason() == LinkException.Reason.DISCONNECTED);
        return failure;
    }

    private void close(LinkException reason, boolean countDisconnect) {
        if (!closedBecause.compareAndSet(null, reason)) {
            return;
        }
        if (countDisconnect) {
            statistics.error(LinkStatistics.ErrorKind.DISCONNECT, reason.getMessage());
        }
        try {
            release();
        } catch (RuntimeException e) {
            LOG.warn("Releasing {} failed", settings.describe(), e);
        }
        for (Consumer<LinkException> listener : List.copyOf(closeListeners)) {
            closeListeners.remove(listener);
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.warn("A close listener of {} failed", settings.describe(), e);
            }
        }
    }

    /** Throws the reason the link was closed, if it was. */
    protected void ensureOpen() throws LinkException {
        LinkException reason = closedBecause.get();
        if (reason != null) {
            throw new LinkException(reason.reason(), reason.getMessage(), reason);
        }
    }

    /** Releases ports, sockets and threads. Called once. */
    protected abstract void release();
}
