package org.bmsw.transport.socketcan.internal;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkException;

/** A socket in memory: what a test queues is received, what the link sends is kept. */
final class FakeCanSocket implements CanSocket {

    /** Frames, LinkExceptions or RuntimeExceptions, delivered (or thrown) by {@link #receive()} in order. */
    final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    final List<CanFrame> sent = new CopyOnWriteArrayList<>();
    final AtomicReference<LinkException> sendFailure = new AtomicReference<>();
    final AtomicBoolean closed = new AtomicBoolean();
    /** Threads inside receive() right now; a close while this is non-zero is the bug the link must avoid. */
    final AtomicInteger receiving = new AtomicInteger();
    final AtomicBoolean closedWhileReceiving = new AtomicBoolean();

    @Override
    public void send(CanFrame frame) throws LinkException {
        LinkException failure = sendFailure.get();
        if (failure != null) {
            throw failure;
        }
        sent.add(frame);
    }

    @Override
    public CanFrame receive() throws LinkException {
        receiving.incrementAndGet();
        try {
            Object next = inbound.poll(20, TimeUnit.MILLISECONDS);
            if (next instanceof LinkException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (CanFrame) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            receiving.decrementAndGet();
        }
    }

    @Override
    public void close() {
        if (receiving.get() > 0) {
            closedWhileReceiving.set(true);
        }
        closed.set(true);
    }
}
