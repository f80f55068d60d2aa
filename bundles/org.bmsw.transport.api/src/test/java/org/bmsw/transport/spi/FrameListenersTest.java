package org.bmsw.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics;
import org.junit.jupiter.api.Test;

class FrameListenersTest {

    private static final CanFrame FRAME = CanFrame.data(0x18FF50E5, true, (byte) 1, (byte) 2).receivedAt(42);

    private record Seen(CanFrame frame, boolean sent) {
    }

    @Test
    void everyListenerHearsEveryFrameWithItsDirectionUntilItsHandleCloses() throws Exception {
        FrameListeners listeners = new FrameListeners("test bus");
        assertTrue(listeners.isEmpty());
        List<Seen> first = new ArrayList<>();
        List<Seen> second = new ArrayList<>();
        AutoCloseable a = listeners.add((f, sent) -> first.add(new Seen(f, sent)));
        AutoCloseable b = listeners.add((f, sent) -> second.add(new Seen(f, sent)));
        assertFalse(listeners.isEmpty());

        listeners.received(FRAME);
        listeners.sent(CanFrame.data(0x7F0, false, (byte) 0xFF));
        a.close();
        a.close(); // again: harmless, and b stays
        listeners.received(FRAME);

        assertEquals(List.of(new Seen(FRAME, false), new Seen(CanFrame.data(0x7F0, false, (byte) 0xFF), true)), first);
        assertSame(FRAME, first.get(0).frame(), "a received frame is handed on as it is, with its receive time");
        assertEquals(3, second.size());
        b.close();
        assertTrue(listeners.isEmpty());
    }

    @Test
    void aSentFrameCarriesTheTimeItWasWritten() {
        FrameListeners listeners = new FrameListeners("test bus");
        List<CanFrame> seen = new ArrayList<>();
        listeners.add((f, sent) -> seen.add(f));
        long before = System.nanoTime();
        listeners.sent(CanFrame.data(0x123, false, (byte) 1));
        long after = System.nanoTime();
        long stamp = seen.get(0).timestampNanos();
        assertTrue(stamp - before >= 0 && after - stamp >= 0, "stamped while sending");
        listeners.sent(CanFrame.data(0x123, false).receivedAt(7));
        assertEquals(7, seen.get(1).timestampNanos(), "a time the frame has is kept");
    }

    @Test
    void theSameListenerAddedTwiceIsTwoRegistrations() throws Exception {
        FrameListeners listeners = new FrameListeners("test bus");
        AtomicInteger calls = new AtomicInteger();
        CanFrameListener listener = (f, sent) -> calls.incrementAndGet();
        AutoCloseable first = listeners.add(listener);
        listeners.add(listener);
        listeners.received(FRAME);
        assertEquals(2, calls.get());
        first.close();
        listeners.received(FRAME);
        assertEquals(3, calls.get(), "the other registration still hears");
    }

    @Test
    void aFailingListenerNeitherStopsTheOthersNorReachesTheLink() {
        FrameListeners listeners = new FrameListeners("test bus");
        AtomicInteger heard = new AtomicInteger();
        listeners.add((f, sent) -> {
            throw new IllegalStateException("listener bug");
        });
        listeners.add((f, sent) -> {
            throw new NoClassDefFoundError("gone with its bundle");
        });
        listeners.add((f, sent) -> heard.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            listeners.received(FRAME);
            listeners.sent(FRAME);
        }
        assertEquals(6, heard.get());
    }

    @Test
    void listenersComeAndGoWhileFramesFlow() throws Exception {
        FrameListeners listeners = new FrameListeners("test bus");
        AtomicInteger stable = new AtomicInteger();
        listeners.add((f, sent) -> stable.incrementAndGet());
        CountDownLatch done = new CountDownLatch(1);
        Thread link = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                listeners.received(FRAME);
            }
            done.countDown();
        });
        link.start();
        while (done.getCount() > 0) {
            listeners.add((f, sent) -> { }).close();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(100_000, stable.get(), "no frame lost to a concurrent add or remove");
    }

    @Test
    void aCanLinkWithoutListenersSaysSoNamingTheLink() {
        CanLink plain = new CanLink() {
            public void send(CanFrame frame) { }
            public CanFrame receive(long timeoutNanos) { return null; }
            public LinkSettings settings() { return LinkSettings.of("demo", "bus7", 250_000); }
            public boolean isOpen() { return true; }
            public LinkStatistics statistics() { return new LinkStatistics(); }
            public void onClose(Consumer<LinkException> listener) { }
            public void close() { }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> plain.listen((f, sent) -> { }));
        assertTrue(e.getMessage().contains(plain.settings().describe()), e.getMessage());
    }
}
