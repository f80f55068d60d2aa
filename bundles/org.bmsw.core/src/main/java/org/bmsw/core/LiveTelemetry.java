package org.bmsw.core;

import java.time.Duration;
import java.util.Optional;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Polls every open session at one interval and hands each snapshot to every subscriber, so the window,
 * the recorder, MQTT and the CLI share one stream instead of each polling the bus on its own. Only the core
 * implements it.
 */
@ProviderType
public interface LiveTelemetry {

    /** Adds a listener; closing the handle removes it. Listeners are called on the session's polling thread. */
    AutoCloseable subscribe(TelemetryListener listener);

    /** The last snapshot read from the session, empty before the first one or after the session closed. */
    Optional<Telemetry> latest(DeviceSession session);

    /** Time between two polls of one session. */
    Duration interval();

    /**
     * Stops polling {@code session} until the handle is closed, for work that needs the line to itself for a while
     * (flashing firmware): polls would only wait for the line, or reach a device in its bootloader and report it
     * silent. Pauses nest; polling resumes when the last handle is closed. Closing twice is harmless.
     */
    AutoCloseable pause(DeviceSession session);
}
