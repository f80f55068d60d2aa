package org.bmsw.recorder.internal.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;

/**
 * A simulated Smart BMS V4.0 (the shipped register map and schema, the real battery model) served by the simulator's
 * bus on a socat pty pair, as {@code bmsw simulate --pty} serves it: the host opens {@link #port()} with the real
 * serial transport.
 */
final class SmartBmsOnPty implements AutoCloseable {

    static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    final VirtualBus bus;
    private final PtyEndpoint pty;

    SmartBmsOnPty(Path dir, double speed) throws Exception {
        RegisterDeviceProfile profile = profile();
        bus = new VirtualBus(List.of(new VirtualDevice(profile, 1, VirtualDeviceOptions.defaults().withSeed(7))),
                new LineTiming(0, 10, Duration.ZERO), FaultPlan.NONE, Optional.empty(), speed);
        pty = PtyEndpoint.start(bus, dir.resolve("bms"));
    }

    static RegisterDeviceProfile profile() throws Exception {
        try (InputStream in = SmartBmsOnPty.class.getResourceAsStream(MAP)) {
            return new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in),
                    ParameterSchemas.load(SmartBmsOnPty.class.getResource(PARAMETERS)));
        }
    }

    String port() {
        return pty.address();
    }

    @Override
    public void close() {
        pty.close();
        bus.close();
    }
}
