package org.bmsw.workbench;

import java.nio.file.Path;
import java.util.Optional;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.LinkSettings;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the window is working with, for pages from any bundle (calibration, firmware, records, CAN trace
 * ...): the device the user connected to, the access level the user unlocked, and where files go.
 * Registered as an OSGi service by the workbench. Thread-safe. Only the workbench implements it.
 */
@ProviderType
public interface WorkbenchContext {

    /** The device the window is connected to; empty while disconnected. */
    Optional<DeviceSession> session();

    /** The highest access level the user has unlocked: {@link AccessLevel#ENGINEER} in engineer mode. */
    AccessLevel unlocked();

    /** Where backups, exports and reports go by default (the program's data directory). */
    Path dataDirectory();

    /**
     * Connects the window as its connection bar would, off the caller's thread: the open session closes first, the
     * bar shows the port, and the outcome arrives as a change ({@link #onChange}) and in the status line. E.g. a
     * recording replayed into the window: {@code replay:<id>}.
     *
     * @param profileId the profile to connect with; null or blank to recognise the device
     */
    void connect(LinkSettings link, int address, String profileId);

    /** Shows a message in the window's status line; {@code problem} marks it as an error. Any thread. */
    void status(String message, boolean problem);

    /**
     * Called whenever {@link #session()} or {@link #unlocked()} changes, on an arbitrary thread: pages
     * hand the work to the UI thread themselves. Closing the handle removes the listener.
     */
    AutoCloseable onChange(Runnable listener);
}
