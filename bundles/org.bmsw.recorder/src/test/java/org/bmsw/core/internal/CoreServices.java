package org.bmsw.core.internal;

import java.lang.annotation.Annotation;
import java.util.List;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.transport.api.TransportProvider;

/**
 * The real core services (registries, connection service, live telemetry) wired by hand as DS wires them, with
 * any number of transports and profiles. In the core's package because the registries' bind methods are
 * package-private, as DS needs them.
 */
public final class CoreServices implements AutoCloseable {

    public final TransportRegistry transports;
    public final ProfileRegistry profiles;
    public final ConnectionService connections;
    public final LiveTelemetry live;
    private final TransportRegistryImpl transportImpl;
    private final ProfileRegistryImpl profileImpl;
    private final ConnectionServiceImpl connectionImpl;
    private final LiveTelemetryImpl liveImpl;

    public CoreServices(int pollMillis, List<TransportProvider> transportProviders, List<DeviceProfile> deviceProfiles) {
        transportImpl = new TransportRegistryImpl();
        transportProviders.forEach(transportImpl::addProvider);
        profileImpl = new ProfileRegistryImpl();
        deviceProfiles.forEach(profileImpl::addProfile);
        connectionImpl = new ConnectionServiceImpl(transportImpl, profileImpl);
        liveImpl = new LiveTelemetryImpl(connectionImpl, new Interval(pollMillis));
        transports = transportImpl;
        profiles = profileImpl;
        connections = connectionImpl;
        live = liveImpl;
    }

    /** A transport or profile arriving later, as a bundle starting would bring it (e.g. one that needs live telemetry). */
    public void add(TransportProvider transport, DeviceProfile profile) {
        transportImpl.addProvider(transport);
        profileImpl.addProfile(profile);
    }

    /** Adds a transport and a profile to registries made elsewhere (e.g. the workbench's core fixture). */
    public static void add(TransportRegistry transports, ProfileRegistry profiles, TransportProvider transport,
                           DeviceProfile profile) {
        ((TransportRegistryImpl) transports).addProvider(transport);
        ((ProfileRegistryImpl) profiles).addProfile(profile);
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
