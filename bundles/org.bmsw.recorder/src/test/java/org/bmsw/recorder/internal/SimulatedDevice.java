package org.bmsw.recorder.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.spi.SessionClosing;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.simulator.battery.TelemetryMapper;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;

/**
 * The real battery simulator as a device session on a simulated clock: {@link #step} advances the physics and
 * returns the snapshot the BMS would report, stamped with simulated time, so hours run in seconds.
 */
final class SimulatedDevice implements DeviceSession {

    private final BatterySimulator simulator;
    private final DeviceIdentity identity;
    private final Instant epoch;
    private final AbstractLink link;
    private final SessionClosing closing = new SessionClosing();

    SimulatedDevice(BatterySimulator simulator, String port, int address, Instant epoch) {
        this.simulator = simulator;
        this.identity = new DeviceIdentity("smartbms", "Smart BMS V4.0", "35-7-3", "", "SIM-" + address, address, false);
        this.epoch = epoch;
        this.link = new AbstractLink(LinkSettings.of("serial", port, 9600)) {
            @Override
            protected void release() {
            }
        };
    }

    BatterySimulator simulator() {
        return simulator;
    }

    Telemetry step(Duration d) {
        return telemetry(simulator.step(d));
    }

    Telemetry telemetry(SimulatorState s) {
        return TelemetryMapper.toTelemetry(s, identity, epoch.plus(s.elapsed()));
    }

    String key() {
        return org.bmsw.recorder.RecordedDevice.keyOf(this);
    }

    @Override
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public AbstractLink link() {
        return link;
    }

    @Override
    public Telemetry readTelemetry() {
        return telemetry(simulator.snapshot());
    }

    @Override
    public ParameterAccess parameters() {
        throw new UnsupportedOperationException("not needed by the recorder");
    }

    @Override
    public List<CommandDescriptor> commands() {
        return List.of();
    }

    @Override
    public void execute(String commandKey) throws DeviceException {
        throw new DeviceException(DeviceException.Reason.UNSUPPORTED, commandKey);
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

    @Override
    public void close() {
        closing.close(new DeviceException(DeviceException.Reason.CLOSED, "closed"));
    }
}
