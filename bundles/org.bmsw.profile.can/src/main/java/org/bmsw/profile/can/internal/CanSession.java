package org.bmsw.profile.can.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.FrameTelemetryDecoder;
import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.device.spi.SessionClosing;
import org.bmsw.profile.can.CanDeviceDefinition;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTimeouts;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device on a CAN bus. One reader thread takes every frame from the link: XCP responses go to the XCP master's view
 * of the link, everything else to the telemetry decoder. A snapshot holds the latest fresh value of every field; when
 * no broadcast frame is fresh, reading fails rather than showing old values.
 */
public final class CanSession implements DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(CanSession.class);
    private static final long READ_SLICE_NANOS = 200_000_000L;
    /**
     * OpenBLT's 50 ms CONNECT wait is for catching a starting bootloader; a running BMS that is also broadcasting may
     * take longer on a busy bus.
     */
    private static final Duration CONNECT_WAIT = Duration.ofMillis(250);

    private final CanDeviceDefinition definition;
    private final CanLink link;
    private final DeviceIdentity identity;
    private final FrameTelemetryDecoder decoder;
    private final XcpLinkView xcpLink;
    private final ParameterAccess parameters;
    private final SessionClosing closing = new SessionClosing();
    private final Thread reader;

    private CanSession(CanDeviceDefinition definition, CanLink link, DeviceIdentity identity,
                       FrameTelemetryDecoder decoder) {
        this.definition = definition;
        this.link = link;
        this.identity = identity;
        this.decoder = decoder;
        if (definition.xcp() != null) {
            this.xcpLink = new XcpLinkView(link);
            this.parameters = new XcpParameterAccess(definition.parameters(), definition.xcp(), new XcpMaster(
                    XcpTransports.can(xcpLink, definition.xcp().ids()), XcpTimeouts.openBlt().withConnect(CONNECT_WAIT, 5)));
        } else {
            this.xcpLink = null;
            this.parameters = new NoParameters(definition.id());
        }
        this.reader = new Thread(this::readLoop, "bmsw CAN session " + definition.id() + " " + link.settings().path());
        reader.setDaemon(true);
    }

    /** The identity of a device of this definition reporting {@code model}. */
    public static DeviceIdentity identity(CanDeviceDefinition definition, String model, int address) {
        return new DeviceIdentity(definition.identityProfileId(), model, "", "", "", address, false);
    }

    /** Waits for the broadcast naming the model; everything received meanwhile feeds {@code decoder}. */
    private static Optional<String> waitForModel(CanLink link, FrameTelemetryDecoder decoder, Duration timeout)
            throws DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CanFrame frame = left <= 0 ? null : link.receive(left);
                if (frame == null) {
                    return Optional.empty();
                }
                if (decoder.accept(frame)) {
                    Optional<String> model = decoder.valueName(CanDeviceDefinition.MODEL_FIELD, System.nanoTime());
                    if (model.isPresent()) {
                        return model;
                    }
                }
            }
        } catch (LinkException e) {
            throw new DeviceException(DeviceException.Reason.LINK, e.getMessage(), e);
        }
    }

    /** The model the device broadcasts, if it does within {@code timeout}. */
    public static Optional<String> listenForModel(CanDeviceDefinition definition, CanLink link, Duration timeout)
            throws DeviceException {
        return waitForModel(link, definition.telemetry().decoder(), timeout);
    }

    /** Listens for the model, then reads the bus until the session or the link closes. */
    public static CanSession open(CanDeviceDefinition definition, CanLink link, int address) throws DeviceException {
        FrameTelemetryDecoder decoder = definition.telemetry().decoder();
        Duration timeout = definition.identifyTimeout();
        String model = waitForModel(link, decoder, timeout).orElseThrow(() -> new DeviceException(
                DeviceException.Reason.TIMEOUT, "no " + definition.name().english() + " broadcast naming its model ("
                + definition.modelMessage().name() + ", " + definition.modelMessage().describeId() + ") on "
                + link.settings().describe() + " within " + timeout.toMillis()
                + " ms (is the bit rate right, and is the BMS awake?)"));
        CanSession session = new CanSession(definition, link, identity(definition, model, address), decoder);
        link.onClose(reason -> session.closeWith(new DeviceException(DeviceException.Reason.LINK, reason.getMessage(),
                reason)));
        session.reader.start();
        return session;
    }

    private void readLoop() {
        XcpCanIds ids = definition.xcp() == null ? null : definition.xcp().ids();
        while (closing.isOpen() && link.isOpen()) {
            try {
                CanFrame frame = link.receive(READ_SLICE_NANOS);
                if (frame == null) {
                    continue;
                }
                if (ids != null && frame.id() == ids.responseId() && frame.extended() == ids.extended()) {
                    xcpLink.deliver(frame);
                } else {
                    decoder.accept(frame);
                }
            } catch (LinkException e) {
                LOG.debug("CAN session of {} on {} stops reading: {}", definition.id(), link.settings().describe(),
                        e.getMessage());
                return;
            }
        }
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
        long now = System.nanoTime();
        if (!decoder.anyFresh(now)) {
            throw new DeviceException(DeviceException.Reason.TIMEOUT, identity.describe() + " on "
                    + link.settings().describe() + " has stopped broadcasting (no fresh frame of "
                    + decoder.staleMessages(now) + ")");
        }
        return decoder.snapshot(identity, Instant.now(), now);
    }

    @Override
    public ParameterAccess parameters() {
        return parameters;
    }

    @Override
    public List<CommandDescriptor> commands() {
        return List.of();
    }

    @Override
    public void execute(String commandKey) throws DeviceException {
        throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "profile " + definition.id()
                + " sends no commands on CAN, so not '" + commandKey + "'");
    }

    /** The parameter schema, and the DBC the broadcast is decoded with (as {@link DbcTelemetry} and {@link Dbc}). */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        Object offered = type == ParameterSchema.class ? definition.parameters()
                : type == DbcTelemetry.class ? definition.telemetry()
                : type == Dbc.class ? definition.telemetry().dbc()
                : null;
        return Optional.ofNullable(offered).map(type::cast);
    }

    @Override
    public boolean isOpen() {
        return closing.isOpen();
    }

    @Override
    public void onClose(Consumer<DeviceException> listener) {
        closing.onClose(listener);
    }

    @Override
    public void close() {
        closeWith(new DeviceException(DeviceException.Reason.CLOSED, "session with " + identity.describe() + " closed"));
    }

    /** Ends the session with {@code reason}, told to every close listener. */
    public void closeWith(DeviceException reason) {
        closing.close(reason);
    }

    /** A device whose parameters cannot be reached on CAN: say so rather than pretend it has none. */
    private record NoParameters(String profileId) implements ParameterAccess {
        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Map<String, ParameterValue> read(Collection<String> keys) throws DeviceException {
            if (keys.isEmpty()) {
                return Map.of();
            }
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, profileId + " reaches no parameters on CAN");
        }

        @Override
        public void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, profileId + " reaches no parameters on CAN");
        }
    }
}
