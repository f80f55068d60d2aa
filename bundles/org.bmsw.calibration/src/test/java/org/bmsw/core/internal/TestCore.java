package org.bmsw.core.internal;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.transport.api.TransportProvider;

/**
 * The core's real registries and connection service wired by hand, as DS wires them in the program (in the core's
 * package because their bind methods are package-private, as DS wants them).
 */
public final class TestCore implements AutoCloseable {

    public final TransportRegistry transports;
    public final ProfileRegistry profiles;
    public final ConnectionService connections;
    private final ConnectionServiceImpl connectionImpl;

    public TestCore(TransportProvider transport, DeviceProfile... deviceProfiles) {
        TransportRegistryImpl transportImpl = new TransportRegistryImpl();
        transportImpl.addProvider(transport);
        ProfileRegistryImpl profileImpl = new ProfileRegistryImpl();
        for (DeviceProfile profile : deviceProfiles) {
            profileImpl.addProfile(profile);
        }
        connectionImpl = new ConnectionServiceImpl(transportImpl, profileImpl);
        transports = transportImpl;
        profiles = profileImpl;
        connections = connectionImpl;
    }

    @Override
    public void close() {
        connectionImpl.deactivate();
    }
}
