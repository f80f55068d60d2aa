package org.bmsw.protocol.modbus.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.ByteLink;

/**
 * When the next request may start on one link: shared by every master on that link (several device addresses on
 * one bus), so the 3.5-character gap and a broadcast's turnaround hold whichever master talks next. Only read and
 * written while the link's lock is held.
 */
public final class BusTiming {

    private static final Map<ByteLink, BusTiming> BY_LINK = Collections.synchronizedMap(new WeakHashMap<>());

    private volatile long notBefore = System.nanoTime() - TimeUnit.SECONDS.toNanos(10);

    private BusTiming() {
    }

    public static BusTiming of(ByteLink link) {
        return BY_LINK.computeIfAbsent(link, l -> new BusTiming());
    }

    /** The {@link System#nanoTime()} before which no request may start. */
    public long notBefore() {
        return notBefore;
    }

    /** Records that the line carried (or will carry) traffic until {@code nanos}, then must stay quiet for {@code quietNanos}. */
    public void busyUntil(long nanos, long quietNanos) {
        long candidate = nanos + quietNanos;
        if (candidate - notBefore > 0) {
            notBefore = candidate;
        }
    }
}
