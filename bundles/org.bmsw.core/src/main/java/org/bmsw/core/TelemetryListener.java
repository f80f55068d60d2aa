package org.bmsw.core;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;

/** Receives live telemetry. Called on a polling thread: hand work for a UI to its own thread. */
public interface TelemetryListener {

    void snapshot(DeviceSession session, Telemetry telemetry);

    /** A poll failed (timeout, checksum ...); polling goes on until the session closes. */
    default void pollFailed(DeviceSession session, Exception error) {
    }

    /** The session closed, with the reason (null when closed on purpose). Polling of it has stopped. */
    default void sessionClosed(DeviceSession session, Exception reason) {
    }
}
