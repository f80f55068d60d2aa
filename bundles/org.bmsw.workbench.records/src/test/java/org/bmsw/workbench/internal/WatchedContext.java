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
 * The window's own context (its connection controller) as a page sees it, remembering the status messages the page
 * gives, for assertions; everything else is the controller's. Lives in the workbench's package to disconnect the
 * window as its bar does.
 */
public final class WatchedContext implements WorkbenchContext {

    public final List<String> messages = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    private final ConnectionController controller;

    public WatchedContext(ConnectionController controller) {
        this.controller = controller;
    }

    /** As the bar's Disconnect button: off the caller's thread. */
    public void disconnect() {
        controller.disconnect();
    }

    @Override
    public void connect(LinkSettings link, int address, String profileId) {
        controller.connect(link, address, profileId);
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
