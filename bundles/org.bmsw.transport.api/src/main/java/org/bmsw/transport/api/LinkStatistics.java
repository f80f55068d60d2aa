package org.bmsw.transport.api;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Thread-safe counters of one link. Transports count bytes and disconnects; protocols count frames
 * and the errors they recognise (checksum, framing, timeout). The manual's
 * "Receive Frame: Success N Error N" is {@link #framesReceived()} and {@link #errorCount()}.
 */
public final class LinkStatistics {

    /** Kinds of error a link or protocol counts. */
    public enum ErrorKind { TIMEOUT, CHECKSUM, FRAMING, DISCONNECT, EXCEPTION_RESPONSE, OTHER }

    /** An immutable copy of the counters. */
    public record Snapshot(long bytesSent, long bytesReceived, long framesSent, long framesReceived,
                           Map<ErrorKind, Long> errors, String lastError, Instant lastErrorTime) {
        public Snapshot {
            errors = Map.copyOf(errors);
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final Map<ErrorKind, AtomicLong> errors = new EnumMap<>(ErrorKind.class);
    private final AtomicReference<Object[]> lastError = new AtomicReference<>(new Object[] {null, null});

    public LinkStatistics() {
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new AtomicLong());
        }
    }

    public void bytesSent(long n) {
        bytesSent.addAndGet(n);
    }

    public void bytesReceived(long n) {
        bytesReceived.addAndGet(n);
    }

    public void frameSent() {
        framesSent.incrementAndGet();
    }

    public void frameReceived() {
        framesReceived.incrementAndGet();
    }

    public void error(ErrorKind kind, String message) {
        errors.get(kind).incrementAndGet();
        lastError.set(new Object[] {message, Instant.now()});
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long errors(ErrorKind kind) {
        return errors.get(kind).get();
    }

    public Snapshot snapshot() {
        Map<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        errors.forEach((k, v) -> copy.put(k, v.get()));
        Object[] last = lastError.get();
        return new Snapshot(bytesSent.get(), bytesReceived.get(), framesSent.get(), framesReceived.get(), copy,
                (String) last[0], (Instant) last[1]);
    }
}
