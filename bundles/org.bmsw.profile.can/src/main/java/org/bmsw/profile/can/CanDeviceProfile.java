package org.bmsw.profile.can;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.profile.can.internal.CanSession;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;

/**
 * A device on CAN driven entirely by a {@link CanDeviceDefinition}: it is recognised by the broadcast naming its
 * model (nothing is sent), its telemetry is decoded from the broadcast frames its DBC describes, and its parameters are
 * read and written through XCP calibration pages ("Calibration" writes the RAM page, "Flash" copies it to the flash
 * page).
 *
 * <p>Without a device it offers its {@link DbcTelemetry}, {@link ParameterSchema}, {@link XcpCalibrationLayout} and the
 * definition's further capabilities, so that a simulator serves the device from the same data.
 */
public final class CanDeviceProfile implements DeviceProfile {

    private final CanDeviceDefinition definition;
    private final Set<CanSession> sessions = ConcurrentHashMap.newKeySet();

    public CanDeviceProfile(CanDeviceDefinition definition) {
        this.definition = definition;
    }

    public CanDeviceDefinition definition() {
        return definition;
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        Object offered = type == DbcTelemetry.class ? definition.telemetry()
                : type == ParameterSchema.class ? definition.parameters()
                : type == XcpCalibrationLayout.class ? definition.xcp()
                : type == CanDeviceDefinition.class ? definition
                : definition.capabilities().stream().filter(type::isInstance).findFirst().orElse(null);
        return Optional.ofNullable(offered).map(type::cast);
    }

    @Override
    public String id() {
        return definition.id();
    }

    @Override
    public LocalizedText displayName() {
        return definition.name();
    }

    @Override
    public Set<String> models() {
        return definition.models();
    }

    @Override
    public Set<LinkKind> linkKinds() {
        return Set.of(LinkKind.CAN);
    }

    @Override
    public int defaultBaud() {
        return definition.bitrate();
    }

    /**
     * Listens for the frame naming the model; sends nothing. {@code timeout} is how long a request may wait for its
     * answer, but a broadcast comes once per cycle however quickly the device answers requests: it listens at least
     * {@link CanDeviceDefinition#identifyTimeout()} so that a device whose model frame is a second apart is found.
     */
    @Override
    public Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) throws DeviceException {
        if (!(link instanceof CanLink can)) {
            return Optional.empty();
        }
        Duration listen = timeout.compareTo(definition.identifyTimeout()) > 0 ? timeout : definition.identifyTimeout();
        return CanSession.listenForModel(definition, can, listen).map(model -> CanSession.identity(definition, model,
                address));
    }

    @Override
    public DeviceSession connect(Link link, int address) throws DeviceException {
        if (!(link instanceof CanLink can)) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, id() + " needs a CAN link (slcan, SocketCAN)");
        }
        CanSession session = CanSession.open(definition, can, address);
        sessions.add(session);
        session.onClose(reason -> sessions.remove(session));
        return session;
    }

    /**
     * The profile is going away (its bundle or file was removed or replaced): ends its open sessions with
     * "profile ID " + {@code why}.
     */
    public void retire(String why) {
        for (CanSession session : Set.copyOf(sessions)) {
            session.closeWith(new DeviceException(DeviceException.Reason.CLOSED, "profile " + id() + " " + why));
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
