package org.bmsw.profile.modbus;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.protocol.modbus.ModbusRtuMaster;
import org.bmsw.protocol.modbus.ModbusSettings;
import org.bmsw.protocol.modbus.ModbusUnit;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;

/** A {@link DeviceProfile} driven entirely by a {@link RegisterProfile}. */
public final class RegisterDeviceProfile implements DeviceProfile {

    private final RegisterProfile definition;
    private final ParameterSchema parameters;
    private final Set<RegisterSession> sessions = ConcurrentHashMap.newKeySet();

    /** A profile without parameters. */
    public RegisterDeviceProfile(RegisterProfile definition) {
        this(definition, null);
    }

    /**
     * @param parameters the profile's parameter schema (same profile id), or null when it has none
     */
    public RegisterDeviceProfile(RegisterProfile definition, ParameterSchema parameters) {
        if (parameters != null && !parameters.profileId().equals(definition.id())) {
            throw new IllegalArgumentException("parameter schema is for profile '" + parameters.profileId()
                    + "', not '" + definition.id() + "'");
        }
        if (parameters != null && parameters.persistence() == Persistence.RAM_THEN_FLASH && definition.persist() == null) {
            throw new IllegalArgumentException("profile " + definition.id() + ": its parameter schema stages writes in RAM"
                    + " (persistence ram-then-flash), so the profile needs $.persist, the write that flashes them");
        }
        this.definition = definition;
        this.parameters = parameters;
    }

    public RegisterProfile definition() {
        return definition;
    }

    /** The parameter schema: what the UI, CLI and safe batch writer validate against. */
    public Optional<ParameterSchema> parameterSchema() {
        return Optional.ofNullable(parameters);
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return type == ParameterSchema.class ? parameterSchema().map(type::cast) : Optional.empty();
    }

    @Override
    public String id() {
        return definition.id();
    }

    @Override
    public LocalizedText displayName() {
        return definition.name().localized();
    }

    @Override
    public Set<String> models() {
        return new LinkedHashSet<>(definition.models());
    }

    @Override
    public Set<LinkKind> linkKinds() {
        return Set.of(LinkKind.BYTES);
    }

    @Override
    public int defaultBaud() {
        return definition.link().baud();
    }

    /** Reads the identification registers only; never writes. */
    @Override
    public Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) throws DeviceException {
        if (!(link instanceof ByteLink bytes)) {
            return Optional.empty();
        }
        ModbusUnit unit = ModbusRtuMaster.on(bytes, ModbusSettings.defaults().withResponseTimeout(timeout).withRetries(0))
                .unit(address);
        String model;
        try {
            model = readModel(unit);
        } catch (DeviceException e) {
            if (e.reason() == DeviceException.Reason.LINK || e.reason() == DeviceException.Reason.CLOSED) {
                throw e;
            }
            return Optional.empty();
        }
        return definition.identify().matches(model)
                ? Optional.of(new DeviceIdentity(id(), model, "", "", "", address, false))
                : Optional.empty();
    }

    String readModel(ModbusUnit unit) throws DeviceException {
        var identify = definition.identify();
        int[] words = identify.function() == 4 ? unit.readInputRegisters(identify.register(), identify.count())
                : unit.readHoldingRegisters(identify.register(), identify.count());
        return FieldCodec.ascii(words);
    }

    @Override
    public DeviceSession connect(Link link, int address) throws DeviceException {
        return open(link, address, null);
    }

    /** The model the probe read is taken as read: the session reads only the telemetry blocks. */
    @Override
    public DeviceSession connect(Link link, int address, DeviceIdentity probed) throws DeviceException {
        boolean ours = probed.profileId().equals(id()) && probed.address() == address;
        return open(link, address, ours ? probed.model() : null);
    }

    private DeviceSession open(Link link, int address, String probedModel) throws DeviceException {
        if (!(link instanceof ByteLink bytes)) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, id() + " needs a byte link (RS485 or TCP)");
        }
        ModbusUnit unit = ModbusRtuMaster.on(bytes).unit(address);
        RegisterSession session = RegisterSession.open(this, unit, probedModel != null ? probedModel : readModel(unit));
        sessions.add(session);
        session.onClose(reason -> sessions.remove(session));
        return session;
    }

    /**
     * The profile is going away (its bundle or file was removed or replaced): ends its open sessions with
     * "profile ID " + {@code why}, e.g. "was replaced (plugins/acme.profile.json changed); reconnect to use it".
     */
    public void retire(String why) {
        for (RegisterSession session : Set.copyOf(sessions)) {
            session.closeWith(new DeviceException(DeviceException.Reason.CLOSED, "profile " + id() + " " + why));
        }
    }
}
