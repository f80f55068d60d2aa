package org.bmsw.profile.jdi.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.ProfileFormatException;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.SchemaException;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDI BI51 on CAN: telemetry from the broadcast frames the shipped DBC describes (parsed at run time, so an
 * OEM adapts the frames by editing the DBC), parameters through XCP calibration pages. The files are read on
 * first use, not while the program starts.
 */
@Component(service = DeviceProfile.class, property = DeviceProfile.PROPERTY_ID + "=" + JdiData.CAN_PROFILE_ID)
public class JdiCanProfile implements DeviceProfile {

    private static final Logger LOG = LoggerFactory.getLogger(JdiCanProfile.class);
    /** How long connecting waits for the frame that names the model (its cycle is 1 s). */
    static final Duration IDENTIFY_TIMEOUT = Duration.ofMillis(2500);

    private volatile JdiCanData data;

    /** The shipped files. */
    public JdiCanProfile() {
    }

    /** Other files, e.g. an OEM's DBC, or a test's. */
    JdiCanProfile(JdiCanData data) {
        this.data = data;
    }

    JdiCanData data() throws DeviceException {
        JdiCanData loaded = data;
        if (loaded == null) {
            synchronized (this) {
                if (data == null) {
                    try {
                        data = JdiCanData.load(JdiData.registerProfile(), JdiData.parameters(), JdiData.dbc());
                    } catch (IOException | ProfileFormatException | SchemaException | DbcFormatException e) {
                        LOG.error("JDI CAN profile data refused: {}", e.getMessage());
                        throw new DeviceException(DeviceException.Reason.UNSUPPORTED,
                                "the JDI CAN profile's data cannot be used: " + e.getMessage(), e);
                    }
                }
                loaded = data;
            }
        }
        return loaded;
    }

    /**
     * The data a simulator or tool needs to serve or read this device as the profile does: the DBC telemetry
     * ({@link DbcTelemetry}), the parameter schema ({@link ParameterSchema}), the register map of the same device
     * ({@link RegisterProfile}, its RAM/flash model) and the {@link XcpCalibrationLayout}.
     */
    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == XcpCalibrationLayout.class) {
            return Optional.of(type.cast(JdiData.XCP_LAYOUT));
        }
        if (type != DbcTelemetry.class && type != ParameterSchema.class && type != RegisterProfile.class) {
            return Optional.empty();
        }
        try {
            JdiCanData loaded = data();
            Object part = type == DbcTelemetry.class ? loaded.telemetry()
                    : type == ParameterSchema.class ? loaded.schema() : loaded.registers();
            return Optional.of(type.cast(part));
        } catch (DeviceException e) {
            return Optional.empty(); // data() logged why
        }
    }

    @Override
    public String id() {
        return JdiData.CAN_PROFILE_ID;
    }

    @Override
    public LocalizedText displayName() {
        return LocalizedText.of("JDI BI51 on CAN (BI5116 / BI5132 / BI5148)", "JDI BI51（CAN，BI5116 / BI5132 / BI5148）");
    }

    @Override
    public Set<String> models() {
        return new LinkedHashSet<>(java.util.List.of("BI5116", "BI5132", "BI5148"));
    }

    @Override
    public Set<LinkKind> linkKinds() {
        return Set.of(LinkKind.CAN);
    }

    @Override
    public int defaultBaud() {
        return 250_000;
    }

    /** Listens for the frame naming the model; sends nothing. */
    @Override
    public Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) throws DeviceException {
        if (!(link instanceof CanLink can)) {
            return Optional.empty();
        }
        return JdiCanSession.listenForModel(data(), can, timeout)
                .map(model -> JdiCanSession.identity(model, address));
    }

    @Override
    public DeviceSession connect(Link link, int address) throws DeviceException {
        if (!(link instanceof CanLink can)) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, id() + " needs a CAN link (slcan, SocketCAN)");
        }
        return JdiCanSession.open(data(), can, address, IDENTIFY_TIMEOUT);
    }
}
