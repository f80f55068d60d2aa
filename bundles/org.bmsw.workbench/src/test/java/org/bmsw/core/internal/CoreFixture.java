package org.bmsw.core.internal;

import java.lang.annotation.Annotation;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.transport.api.TransportProvider;

/**
 * The real core services (registries, connection service, live telemetry) wired by hand, as DS wires them in
 * the program: the window under test talks to exactly the code it talks to in the distribution. Lives in the
 * core's package because the registries' bind methods are package-private, as DS needs them.
 */
public final class CoreFixture implements AutoCloseable {

    public final TransportRegistry transports;
    public final ProfileRegistry profiles;
    public final ConnectionService connections;
    public final LiveTelemetry live;
    private final TransportRegistryImpl transportImpl;
    private final ProfileRegistryImpl profileImpl;
    private final ConnectionServiceImpl connectionImpl;
    private final LiveTelemetryImpl liveImpl;

    public CoreFixture(int pollMillis, TransportProvider transport, DeviceProfile... profiles) {
        transportImpl = new TransportRegistryImpl();
        transportImpl.addProvider(transport);
        profileImpl = new ProfileRegistryImpl();
        for (DeviceProfile profile : profiles) {
            profileImpl.addProfile(profile);
        }
        connectionImpl = new ConnectionServiceImpl(transportImpl, profileImpl);
        liveImpl = new LiveTelemetryImpl(connectionImpl, new Interval(pollMillis));
        transports = transportImpl;
        this.profiles = profileImpl;
        connections = connectionImpl;
        live = liveImpl;
    }

    @Override
    public void close() throws Exception {
        liveImpl.deactivate();
        connectionImpl.deactivate();
    }

    /** The live telemetry's configuration, as ConfigAdmin would hand it over. */
    private record Interval(int intervalMillis) implements LiveTelemetryConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return LiveTelemetryConfig.class;
        }
    }
}
