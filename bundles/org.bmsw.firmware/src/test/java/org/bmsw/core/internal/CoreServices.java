package org.bmsw.core.internal;

import java.lang.annotation.Annotation;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.transport.api.TransportProvider;

/**
 * The core's services (registries, connection service, live telemetry polling every session) wired by hand as DS
 * wires them in the program, so the flash command under test talks to the code it talks to in the distribution.
 * In the core's package because the registries' bind methods are package-private, as DS needs them.
 */
public final class CoreServices implements AutoCloseable {

    public final TransportRegistry transports;
    public final ProfileRegistry profiles;
    public final ConnectionService connections;
    private final ConnectionServiceImpl connectionImpl;
    public final LiveTelemetryImpl live;

    public CoreServices(TransportProvider transport, DeviceProfile... deviceProfiles) {
        TransportRegistryImpl transportImpl = new TransportRegistryImpl();
        transportImpl.addProvider(transport);
        ProfileRegistryImpl profileImpl = new ProfileRegistryImpl();
        for (DeviceProfile profile : deviceProfiles) {
            profileImpl.addProfile(profile);
        }
        connectionImpl = new ConnectionServiceImpl(transportImpl, profileImpl);
        live = new LiveTelemetryImpl(connectionImpl, new Interval(500));
        transports = transportImpl;
        profiles = profileImpl;
        connections = connectionImpl;
    }

    @Override
    public void close() throws Exception {
        live.deactivate();
        connectionImpl.deactivate();
    }

    /** The live telemetry's configuration as ConfigAdmin hands it over. */
    private record Interval(int intervalMillis) implements LiveTelemetryConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return LiveTelemetryConfig.class;
        }
    }
}
