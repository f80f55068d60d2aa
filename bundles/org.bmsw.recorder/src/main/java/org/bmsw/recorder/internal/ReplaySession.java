package org.bmsw.recorder.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.bmsw.transport.api.Link;

/**
 * A recorded device during a replay: reads give the last replayed snapshot; it has no parameters and takes no
 * commands. Its link is of transport {@code replay} with the recording id in the path, so a window can tell a
 * replay from a live device. It closes when the replay ends or its link closes.
 */
final class ReplaySession implements DeviceSession {

    static final String TRANSPORT = "replay";

    /** How long a read right after connecting waits for the replay's first snapshot. */
    private static final long FIRST_SNAPSHOT_WAIT_MILLIS = 2000;

    private final DeviceIdentity identity;
    private final Link link;
    private final SessionClosing closing = new SessionClosing();
    private final CountDownLatch delivered = new CountDownLatch(1);
    private volatile Telemetry latest;

    ReplaySession(DeviceIdentity identity, Link link) {
        this.identity = identity;
        this.link = link;
        link.onClose(reason -> closing.close(new DeviceException(DeviceException.Reason.LINK, reason.getMessage(), reason)));
    }

    void deliver(Telemetry telemetry) {
        latest = telemetry;
        delivered.countDown();
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public Link link() {
        return link;
    }

    @Override
    public Telemetry readTelemetry() throws DeviceException {
        closing.ensureOpen();
        try {
            delivered.await(FIRST_SNAPSHOT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    }

    @Override
    public void close() {
        closing.close(new DeviceException(DeviceException.Reason.CLOSED, "the replay of " + identity.describe() + " was closed"));
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
}
