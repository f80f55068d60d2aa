package org.bmsw.device.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bmsw.device.api.DeviceException;

/**
 * A session's end: it happens once, the first reason wins, and every listener hears it exactly once,
 * also listeners added afterwards.
 */
public final class SessionClosing {

    private final AtomicReference<DeviceException> reason = new AtomicReference<>();
    private final List<Consumer<DeviceException>> listeners = new CopyOnWriteArrayList<>();

    public boolean isOpen() {
        return reason.get() == null;
    }

    public void onClose(Consumer<DeviceException> listener) {
        listeners.add(listener);
        DeviceException why = reason.get();
        if (why != null && listeners.remove(listener)) {
            listener.accept(why);
        }
    }

    /** Closes with {@code why}; returns false when already closed. */
    public boolean close(DeviceException why) {
        if (!reason.compareAndSet(null, why)) {
            return false;
        }
        for (Consumer<DeviceException> listener : List.copyOf(listeners)) {
            if (listeners.remove(listener)) {
                listener.accept(why);
            }
        }
        return true;
    }

    /** Throws CLOSED, carrying the reason, once closed. */
    public void ensureOpen() throws DeviceException {
        DeviceException why = reason.get();
        if (why != null) {
            throw new DeviceException(DeviceException.Reason.CLOSED, "session closed: " + why.getMessage(), why);
        }
    }
}
