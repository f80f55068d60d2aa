package org.bmsw.profile.can.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;
import org.bmsw.transport.spi.FrameListeners;
import org.junit.jupiter.api.Test;

/** The XCP master's view hands listeners to the link it views: they hear every frame, not only XCP responses. */
class XcpLinkViewTest {

    /** A link that tells its listeners of what it is asked to send and of what a test delivers. */
    private static final class Link implements CanLink {
        final FrameListeners listeners = new FrameListeners("bus");

        public void send(CanFrame frame) { listeners.sent(frame); }
        public CanFrame receive(long timeoutNanos) { return null; }
        public AutoCloseable listen(CanFrameListener listener) { return listeners.add(listener); }
        public LinkSettings settings() { return LinkSettings.of("test", "bus", 500_000); }
        public boolean isOpen() { return true; }
        public LinkStatistics statistics() { return new LinkStatistics(); }
        public void onClose(Consumer<LinkException> listener) { }
        public void close() { }
    }

    @Test
    void listenersOfTheViewAreTheLinksListeners() throws Exception {
        Link link = new Link();
        XcpLinkView view = new XcpLinkView(link);
        List<String> heard = new ArrayList<>();
        AutoCloseable handle = view.listen((frame, sent) -> heard.add((sent ? "Tx " : "Rx ") + frame));
        view.send(CanFrame.data(0x7E0, false, (byte) 0xFF));
        link.listeners.received(CanFrame.data(0x18FF50E5, true, (byte) 1));
        assertEquals(List.of("Tx 7E0 [1] FF", "Rx 18FF50E5 [1] 01"), heard);
        handle.close();
        assertTrue(link.listeners.isEmpty(), "closing the view's handle removes the listener from the link");
    }
}
