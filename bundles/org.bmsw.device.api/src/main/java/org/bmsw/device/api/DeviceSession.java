package org.bmsw.device.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.transport.api.Link;

/**
 * A conversation with one device. Thread-safe: requests to the same link are serialised by the
 * protocol. Closes when its link closes (the reason says why: cable pulled, transport stopped ...).
 */
public interface DeviceSession extends AutoCloseable {

    DeviceIdentity identity();

    /** The link this session talks over; several sessions (addresses) may share one. */
    Link link();

    /** Reads a complete, consistent snapshot. Never returns values from before a failure as new. */
    Telemetry readTelemetry() throws DeviceException;

    /**
     * The snapshot the device gave while the session opened, if the profile read a complete one then, it is
     * still fresh and nothing was sent to the device since; given at most once. Polling shows it first
     * instead of reading the same registers again, which on a slow line is most of the time to the first
     * snapshot. Empty by default.
     */
    default Optional<Telemetry> takeConnectSnapshot() {
        return Optional.empty();
    }

    /** Parameter reads and writes. */
    ParameterAccess parameters();

    /** Control commands the device offers (charge/discharge enable, reset, restore defaults ...). */
    List<CommandDescriptor> commands();

    /**
     * Sends a control command. Callers must have confirmed {@link CommandDescriptor#dangerous()} ones
     * with the user.
     */
    void execute(String commandKey) throws DeviceException;

    /**
     * An optional capability, e.g. {@link RawRegisterAccess}, {@link CalibrationSupport}, {@link FirmwareUpdateSupport},
     * or the profile's parameter schema ({@code org.bmsw.schema.ParameterSchema}) for profiles that have one.
     */
    <C> Optional<C> capability(Class<C> type);

    boolean isOpen();

    /** Called once when the session closes, with the reason; at once if it already has. */
    void onClose(Consumer<DeviceException> listener);

    @Override
    void close();
}
