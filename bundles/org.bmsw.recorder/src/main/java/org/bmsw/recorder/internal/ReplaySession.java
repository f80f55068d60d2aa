package org.bmsw.recorder.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.device.spi.SessionClosing;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;

/**
 * A recorded device during a replay: reads give the last replayed snapshot; it has no parameters and takes no
 * commands. Its link is of transport {@code replay} with the recording id as path, so a window can tell a
 * replay from a live device.
 */
final class ReplaySession implements DeviceSession {

    static final String TRANSPORT = "replay";

    private final DeviceIdentity identity;
    private final ReplayLink link;
    private final SessionClosing closing = new SessionClosing();
    private volatile Telemetry latest;

    ReplaySession(DeviceIdentity identity, String recordingId, String deviceKey) {
        this.identity = identity;
        this.link = new ReplayLink(LinkSettings.of(TRANSPORT, recordingId + "/" + deviceKey, LinkSettings.DEFAULT_BAUD));
    }

    void deliver(Telemetry telemetry) {
        latest = telemetry;
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public ReplayLink link() {
        return link;
    }

    @Override
    public Telemetry readTelemetry() throws DeviceException {
        closing.ensureOpen();
        Telemetry t = latest;
        if (t == null) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "the replay of " + identity.describe() + " has not delivered a snapshot yet");
        }
        return t;
    }

    @Override
    public ParameterAccess parameters() {
        return NO_PARAMETERS;
    }

    @Override
    public List<CommandDescriptor> commands() {
        return List.of();
    }

    @Override
    public void execute(String commandKey) throws DeviceException {
        throw new DeviceException(DeviceException.Reason.UNSUPPORTED,
                "a replayed recording takes no commands (" + commandKey + " for " + identity.describe() + ")");
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return closing.isOpen();
    }

    @Override
    public void onClose(Consumer<DeviceException> listener) {
        closing.onClose(listener);
    }

    /** Ends the session with {@code reason} (null: the replay ended or was stopped). */
    void end(DeviceException reason) {
        closing.close(reason == null ? new DeviceException(DeviceException.Reason.CLOSED, "the replay ended") : reason);
        link.close();
    }

    @Override
    public void close() {
        end(null);
    }

    private static final ParameterAccess NO_PARAMETERS = new ParameterAccess() {
        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "a replayed recording has no parameters");
        }

        @Override
        public void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "a replayed recording has no parameters");
        }
    };

    /** Carries no bytes: it exists so the session has a link to name and to close. */
    static final class ReplayLink extends AbstractLink {
        ReplayLink(LinkSettings settings) {
            super(settings);
        }

        @Override
        protected void release() {
            // nothing to release
        }
    }
}
