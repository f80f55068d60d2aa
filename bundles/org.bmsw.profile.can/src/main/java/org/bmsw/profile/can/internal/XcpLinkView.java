package org.bmsw.profile.can.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;

/**
 * The CAN link as the XCP master sees it: it sends on the real link, but receives only the frames the session's
 * reader hands it (the XCP responses), so the broadcast telemetry and XCP share one link without stealing each
 * other's frames. Closing the view leaves the link open: the session owns it.
 */
final class XcpLinkView implements CanLink {

    private static final int CAPACITY = 256;

    private final CanLink link;
    private final LinkedBlockingQueue<CanFrame> responses = new LinkedBlockingQueue<>(CAPACITY);

    XcpLinkView(CanLink link) {
        this.link = link;
    }

    /** A frame for the XCP master; the oldest goes when nobody has taken them. */
    void deliver(CanFrame frame) {
        while (!responses.offer(frame)) {
            responses.poll();
        }
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        link.send(frame);
    }

    @Override
    public CanFrame receive(long timeoutNanos) throws LinkException {
        if (!link.isOpen()) {
            throw new LinkException(LinkException.Reason.CLOSED, link.settings().describe() + " is closed");
        }
        try {
            return timeoutNanos <= 0 ? responses.poll() : responses.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(LinkException.Reason.CLOSED, "interrupted while waiting for an XCP response");
        }
    }

    /** The link's frames, all of them: the view filters only what the XCP master receives. */
    @Override
    public AutoCloseable listen(CanFrameListener listener) {
        return link.listen(listener);
    }

    @Override
    public LinkSettings settings() {
        return link.settings();
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public LinkStatistics statistics() {
        return link.statistics();
    }

    @Override
    public void onClose(Consumer<LinkException> listener) {
        link.onClose(listener);
    }

    @Override
    public void close() {
        // the session owns the link
    }
}
