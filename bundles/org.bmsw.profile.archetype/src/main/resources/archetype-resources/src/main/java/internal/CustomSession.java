package ${package}.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.Telemetry;
import org.bmsw.transport.api.Link;

/** The register session, with custom decoding on every snapshot; everything else as the data says. */
final class CustomSession implements DeviceSession {

    private final DeviceSession registers;

    CustomSession(DeviceSession registers) {
        this.registers = registers;
    }

    @Override
    public Telemetry readTelemetry() throws DeviceException {
        return CustomDecoding.decorate(registers.readTelemetry());
    }

    @Override
    public DeviceIdentity identity() {
        return registers.identity();
    }

    @Override
    public Link link() {
        return registers.link();
    }

    @Override
    public ParameterAccess parameters() {
        return registers.parameters();
    }

    @Override
    public List<CommandDescriptor> commands() {
        return registers.commands();
    }

    @Override
    public void execute(String commandKey) throws DeviceException {
        registers.execute(commandKey);
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return registers.capability(type);
    }

    @Override
    public boolean isOpen() {
        return registers.isOpen();
    }

    @Override
    public void onClose(Consumer<DeviceException> listener) {
        registers.onClose(listener);
    }

    @Override
    public void close() {
        registers.close();
    }
}
