package org.bmsw.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.core.ProfileRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.spi.ProfileLoading;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = ProfileRegistry.class)
public class ProfileRegistryImpl implements ProfileRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRegistryImpl.class);

    private final List<DeviceProfile> profiles = new CopyOnWriteArrayList<>();
    private final Listeners<Void> listeners = new Listeners<>();
    private final List<ProfileLoading> loading = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProfile(DeviceProfile profile) {
        profiles.add(profile);
        LOG.info("Profile available: {}", profile.id());
        listeners.fire(null);
    }

    void removeProfile(DeviceProfile profile) {
        profiles.remove(profile);
        LOG.info("Profile gone: {}", profile.id());
        listeners.fire(null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLoading(ProfileLoading source) {
        loading.add(source);
    }

    void removeLoading(ProfileLoading source) {
        loading.remove(source);
    }

    @Override
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loading.stream().allMatch(ProfileLoading::idle)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public List<DeviceProfile> profiles() {
        return List.copyOf(profiles);
    }

    @Override
    public Optional<DeviceProfile> profile(String id) {
        return profiles.stream().filter(p -> id.equals(p.id())).findFirst();
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return listeners.add(ignored -> listener.run());
    }
}
