package org.bmsw.profile.jdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.can.dbc.telemetry.FrameTelemetryDecoder;
import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.spi.SessionClosing;
import org.bmsw.profile.jdi.JdiData;
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
 * A JDI BI51 on a CAN bus. One reader thread takes every frame from the link: XCP responses go to the XCP
 * master's view of the link, everything else to the telemetry decoder. A snapshot holds the latest fresh value
 * of every field; when no broadcast frame is fresh, reading fails rather than showing old values.
 *
 * <p>The identity's profile id is {@value JdiData#PROFILE_ID}, the id of the parameter schema and of parameter
 * files, so a file exported over RS485 imports over CAN and back.
 */
final class JdiCanSession implements DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(JdiCanSession.class);
    private static final long READ_SLICE_NANOS = 200_000_000L;
    private static final Duration CONNECT_WAIT = Duration.ofMillis(250);

    private final JdiCanData data;
    private final CanLink link;
    private final DeviceIdentity identity;
    private final FrameTelemetryDecoder decoder;
    private final XcpLinkView xcpLink;
    private final ParameterAccess parameters;
    private final SessionClosing closing = new SessionClosing();
    private final Thread reader;

    private JdiCanSession(JdiCanData data, CanLink link, DeviceIdentity identity, FrameTelemetryDecoder decoder) {
        this.data = data;
        this.link = link;
        this.identity = identity;
        this.decoder = decoder;
        this.xcpLink = new XcpLinkView(link);
        // OpenBLT's 50 ms CONNECT wait is for catching a starting bootloader; a running BMS that is also
        // broadcasting may take longer on a busy bus
        this.parameters = new XcpParameterAccess(data.schema(), new XcpMaster(XcpTransports.can(xcpLink, JdiData.XCP_IDS),
                XcpTimeouts.openBlt().withConnect(CONNECT_WAIT, 5)));
        this.reader = new Thread(this::readLoop, "bmsw JDI CAN session " + link.settings().path());
        reader.setDaemon(true);
    }

    static DeviceIdentity identity(String model, int address) {
        return new DeviceIdentity(JdiData.PROFILE_ID, model, "", "", "", address, false);
    }

    /** Waits for the broadcast naming the model; everything received meanwhile feeds {@code decoder}. */
    private static Optional<String> waitForModel(JdiCanData data, CanLink link, FrameTelemetryDecoder decoder,
                                                 Duration timeout) throws DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CanFrame frame = left <= 0 ? null : link.receive(left);
                if (frame == null) {
                    return Optional.empty();
                }
                if (decoder.accept(frame)) {
                    Optional<String> model = decoder.valueName("device.model", System.nanoTime());
                    if (model.isPresent()) {
                        return model;
                    }
                }
            }
        } catch (LinkException e) {
            throw new DeviceException(DeviceException.Reason.LINK, e.getMessage(), e);
        }
    }

    static Optional<String> listenForModel(JdiCanData data, CanLink link, Duration timeout) throws DeviceException {
        return waitForModel(data, link, data.telemetry().decoder(), timeout);
    }

    static JdiCanSession open(JdiCanData data, CanLink link, int address, Duration timeout) throws DeviceException {
        FrameTelemetryDecoder decoder = data.telemetry().decoder();
        String model = waitForModel(data, link, decoder, timeout).orElseThrow(() -> new DeviceException(
                DeviceException.Reason.TIMEOUT, "no JDI BI51 broadcast naming its model on " + link.settings().describe()
                + " within " + timeout.toMillis() + " ms (is the bit rate right, and is the BMS awake?)"));
        JdiCanSession session = new JdiCanSession(data, link, identity(model, address), decoder);
        link.onClose(reason -> session.closeWith(new DeviceException(DeviceException.Reason.LINK, reason.getMessage(), reason)));
        session.reader.start();
        return session;
    }

    private void readLoop() {
        while (closing.isOpen() && link.isOpen()) {
            try {
                CanFrame frame = link.receive(READ_SLICE_NANOS);
                if (frame == null) {
                    continue;
                }
                if (frame.id() == JdiData.XCP_IDS.responseId() && frame.extended() == JdiData.XCP_IDS.extended()) {
                    xcpLink.deliver(frame);
                } else {
                    decoder.accept(frame);
                }
            } catch (LinkException e) {
                LOG.debug("JDI CAN session on {} stops reading: {}", link.settings().describe(), e.getMessage());
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
        throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "the JDI CAN profile has no command '"
                + commandKey + "'; commands are sent over RS485");
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == ParameterSchema.class) {
            return Optional.of(type.cast(data.schema()));
        }
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

    @Override
    public void close() {
        closeWith(new DeviceException(DeviceException.Reason.CLOSED, "session with " + identity.describe() + " closed"));
    }

    private void closeWith(DeviceException reason) {
        closing.close(reason);
    }
}
