package org.bmsw.workbench.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.workbench.WorkbenchContext;

/**
 * The window's context as the Records page needs it: the workbench's own, plus the proposed
 * {@code connect(LinkSettings, int, String)} (connect the window as its connection bar would), implemented on the
 * window's real connection controller. Remembers the status messages pages give, for assertions.
 */
public final class ConnectingContext implements WorkbenchContext {

    public final List<String> messages = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    private final ConnectionController controller;

    public ConnectingContext(ConnectionController controller) {
        this.controller = controller;
    }

    /** The proposed API: connects off the caller's thread; the old session closes first. */
    public void connect(LinkSettings link, int address, String profileId) {
        controller.connect(new ConnectionController.Target(PortChoice.parse(link.transport() + ":" + link.path(),
                controller.transportIds()), link.baud(), address, profileId));
    }

    public void disconnect() {
        controller.disconnect();
    }

    @Override
    public Optional<DeviceSession> session() {
        return controller.session();
    }

    @Override
    public AccessLevel unlocked() {
        return controller.unlocked();
    }

    @Override
    public Path dataDirectory() {
        return controller.dataDirectory();
    }

    @Override
    public void status(String message, boolean problem) {
        (problem ? problems : messages).add(message);
        controller.status(message, problem);
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return controller.onChange(listener);
    }
}
