package org.bmsw.workbench.cantrace.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;

/**
 * A real CAN link with the frame listener the page needs {@code CanLink} to offer: every frame the link's user receives
 * or sends is also handed to the listeners. The seam until the transport API has it (then a real slcan link is traced
 * as it is).
 */
final class TappedCanLink implements CanLink, FrameTap {

    private final CanLink link;
    private final List<Consumer<TracedFrame>> listeners = new CopyOnWriteArrayList<>();

    TappedCanLink(CanLink link) {
        this.link = link;
    }

    @Override
    public AutoCloseable listen(Consumer<TracedFrame> frames) {
        listeners.add(frames);
        return () -> listeners.remove(frames);
    }

    private void tell(CanFrame frame, boolean sent) {
        TracedFrame traced = new TracedFrame(Instant.now(), frame, sent);
        listeners.forEach(l -> l.accept(traced));
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        link.send(frame);
        tell(frame, true);
    }

    @Override
    public CanFrame receive(long timeoutNanos) throws LinkException {
        CanFrame frame = link.receive(timeoutNanos);
        if (frame != null) {
            tell(frame, false);
        }
        return frame;
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
        link.close();
    }
}
