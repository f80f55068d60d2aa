package org.bmsw.profile.modbus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.device.api.RawRegisterAccess;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.device.spi.SessionClosing;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Command;
import org.bmsw.protocol.modbus.ModbusUnit;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.transport.api.Link;

/**
 * A session with one register-based device. Every snapshot is read fresh, block by block; if any
 * block fails, no snapshot is produced, so old and new values are never mixed.
 */
final class RegisterSession implements DeviceSession {

    /** How old the blocks read at connect may be to stand for the first snapshot. */
    static final Duration CONNECT_SNAPSHOT_FRESH = Duration.ofMillis(500);

    private final RegisterDeviceProfile profile;
    private final ModbusUnit unit;
    private final TelemetryDecoder decoder;
    private final DeviceIdentity identity;
    private final SessionClosing closing = new SessionClosing();
    /** One per session, so the keys written to RAM and not flashed yet are remembered between calls. */
    private final ParameterAccess parameters;
    /** The blocks read at connect, until {@link #takeConnectSnapshot()} takes them. */
    private final AtomicReference<Reading> connectReading;

    /**
     * Blocks as read at a moment: {@code nanos} on the monotonic clock for their age, {@code bytesSent} the
     * link's count then, to tell whether anything (a write, a command) went to the device since.
     */
    private record Reading(Map<String, int[]> blocks, Instant time, long nanos, long bytesSent) {
    }

    private RegisterSession(RegisterDeviceProfile profile, ModbusUnit unit, DeviceIdentity identity, Reading atConnect) {
        this.profile = profile;
        this.unit = unit;
        this.decoder = new TelemetryDecoder(profile.definition());
        this.identity = identity;
        this.connectReading = new AtomicReference<>(atConnect);
        this.parameters = profile.parameterSchema()
                .<ParameterAccess>map(schema -> new SchemaParameterAccess(schema, unit, profile.definition().persist()))
                .orElseGet(() -> new NoParameters(profile.id()));
    }

    /**
     * Checks the device's {@code model} (as read from its identification registers), reads its firmware version
     * and ties the session's life to the link's.
     */
    static RegisterSession open(RegisterDeviceProfile profile, ModbusUnit unit, String model) throws DeviceException {
        var identify = profile.definition().identify();
        if (!identify.matches(model)) {
            List<String> accepted = identify.accepted();
            String expected = identify.pattern() != null ? "text matching " + identify.pattern()
                    : accepted.size() == 1 ? "'" + accepted.get(0) + "'" : "one of " + accepted;
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "device " + unit.address() + " on "
                    + unit.master().link().settings().describe() + " identifies as '" + model + "', not "
                    + expected + " (" + profile.id() + ")");
        }
        Map<String, int[]> blocks = readBlocks(profile.definition(), unit);
        Reading atConnect = new Reading(blocks, Instant.now(), System.nanoTime(),
                unit.master().link().statistics().snapshot().bytesSent());
        String firmware = new TelemetryDecoder(profile.definition()).firmwareVersion(blocks);
        DeviceIdentity identity = new DeviceIdentity(profile.id(), model, firmware, "", "", unit.address(), false);
        RegisterSession session = new RegisterSession(profile, unit, identity, atConnect);
        unit.master().link().onClose(reason -> session.closeWith(
                new DeviceException(DeviceException.Reason.LINK, reason.getMessage(), reason)));
        return session;
    }

    static Map<String, int[]> readBlocks(RegisterProfile definition, ModbusUnit unit) throws DeviceException {
        Map<String, int[]> blocks = new LinkedHashMap<>();
        for (Block block : definition.blocks()) {
            blocks.put(block.id(), block.function() == 4 ? unit.readInputRegisters(block.register(), block.count())
                    : unit.readHoldingRegisters(block.register(), block.count()));
        }
        return blocks;
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public Link link() {
        return unit.master().link();
    }

    @Override
    public Telemetry readTelemetry() throws DeviceException {
        ensureOpen();
        return decoder.decode(readBlocks(profile.definition(), unit), identity, Instant.now());
    }

    /** The telemetry blocks read at connect (for the firmware version), as a snapshot. */
    @Override
    public Optional<Telemetry> takeConnectSnapshot() {
        Reading atConnect = connectReading.getAndSet(null);
        if (atConnect == null || !isOpen() || System.nanoTime() - atConnect.nanos() > CONNECT_SNAPSHOT_FRESH.toNanos()
                || link().statistics().snapshot().bytesSent() != atConnect.bytesSent()) {
            return Optional.empty();
        }
        return Optional.of(decoder.decode(atConnect.blocks(), identity, atConnect.time()));
    }

    @Override
    public ParameterAccess parameters() {
        return parameters;
    }

    @Override
    public List<CommandDescriptor> commands() {
        return profile.definition().commands().stream().map(c -> new CommandDescriptor(c.key(), c.label().localized(),
                c.description().localized(), c.dangerous())).toList();
    }

    @Override
    public void execute(String commandKey) throws DeviceException {
        ensureOpen();
        Command command = profile.definition().commands().stream().filter(c -> c.key().equals(commandKey)).findFirst()
                .orElseThrow(() -> new DeviceException(DeviceException.Reason.INVALID, "no command '" + commandKey
                        + "' in " + profile.id() + " (commands: " + profile.definition().commands().stream()
                        .map(Command::key).toList() + ")"));
        unit.writeRegister(command.register(), command.value());
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == RawRegisterAccess.class) {
            return Optional.of(type.cast(unit));
        }
        if (type == ParameterSchema.class) {
            return profile.parameterSchema().map(type::cast);
        }
        if (type == CalibrationSupport.class && profile.definition().calibration() != null) {
            return Optional.of(type.cast(new RegisterCalibration(profile.definition().calibration(), unit)));
        }
        if (type == FirmwareUpdateSupport.class && profile.definition().firmware() != null) {
            return Optional.of(type.cast(new RegisterFirmwareUpdate(profile.definition().firmware(), unit, identity.model())));
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

    void closeWith(DeviceException reason) {
        closing.close(reason);
    }

    private void ensureOpen() throws DeviceException {
        closing.ensureOpen();
    }

    /** Until a profile ships a parameter schema, it has no parameters: say so rather than guess registers. */
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
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, profileId + " declares no parameters");
        }

        @Override
        public void write(Map<String, Double> values, WriteTarget target) throws DeviceException {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED, profileId + " declares no parameters");
        }

    }
}
