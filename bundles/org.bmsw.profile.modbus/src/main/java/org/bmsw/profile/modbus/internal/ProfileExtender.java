package org.bmsw.profile.modbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.spi.ProfileLoading;
import org.bmsw.profile.modbus.ProfileFormatException;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every active bundle whose manifest names a register profile ({@value #HEADER}) into a live
 * {@link DeviceProfile}, and into a second one, {@code <id>.can}, when the profile has a {@code can} section. A
 * data-only profile bundle needs no Java. A broken profile is logged with its
 * file and reason and skipped; it never affects the others. Profiles are parsed on a thread of their
 * own, so reading JSON never delays the start of the program; each appears as soon as it is read.
 */
@Component(immediate = true, service = ProfileLoading.class)
public class ProfileExtender implements BundleTrackerCustomizer<ProfileExtender.Registered>, ProfileLoading {

    /** Manifest header: path of the profile JSON inside the bundle. */
    public static final String HEADER = "BMSW-Register-Profile";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileExtender.class);

    /** A profile bundle being loaded or loaded; guarded by itself. */
    static final class Registered {
        private RegisterProfiles.Result result;
        private final List<ServiceRegistration<DeviceProfile>> registrations = new ArrayList<>();
        private boolean removed;
    }

    private final BundleContext context;
    private final BundleTracker<Registered> tracker;
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService loading = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bmsw-profile-loader");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ProfileExtender(BundleContext context) {
        this.context = context;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        loading.shutdownNow();
    }

    @Override
    public Registered addingBundle(Bundle bundle, BundleEvent event) {
        String path = bundle.getHeaders().get(HEADER);
        if (path == null) {
            return null;
        }
        Registered registered = new Registered();
        pending.incrementAndGet();
        loading.execute(() -> {
            try {
                load(bundle, path, registered);
            } finally {
                pending.decrementAndGet();
            }
        });
        return registered;
    }

    @Override
    public boolean idle() {
        return pending.get() == 0;
    }

    private void load(Bundle bundle, String path, Registered registered) {
        String source = bundle.getSymbolicName() + "!/" + path;
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            LOG.error("Profile {} is missing from its bundle", source);
            return;
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash + 1);
        try (InputStream in = entry.openStream()) {
            RegisterProfiles.Result result = RegisterProfiles.read(source, in.readAllBytes(),
                    name -> Optional.ofNullable(bundle.getEntry(folder + name)));
            if (result.profile() == null) {
                LOG.error("Profile {} refused:\n{}", source, new ProfileFormatException(result.problems()).getMessage());
                return;
            }
            synchronized (registered) {
                if (registered.removed) {
                    return;
                }
                registered.result = result;
                for (DeviceProfile profile : result.profiles()) {
                    Dictionary<String, Object> props = new Hashtable<>();
                    props.put(DeviceProfile.PROPERTY_ID, profile.id());
                    props.put("bmsw.profile.source", source);
                    registered.registrations.add(context.registerService(DeviceProfile.class, profile, props));
                }
            }
            LOG.info("Register profile {} from {}", result.profiles().stream().map(DeviceProfile::id).toList(), source);
        } catch (IOException e) {
            LOG.error("Profile {} refused: cannot be read: {}", source, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.debug("Profile {} loaded while its bundle or this extender stopped", source);
        }
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Registered registered) {
        // the profile is read once per start; an update stops and restarts the bundle
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Registered registered) {
        synchronized (registered) {
            registered.removed = true;
            if (registered.result == null) {
                return;
            }
            for (ServiceRegistration<DeviceProfile> registration : registered.registrations) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    LOG.debug("Profile of {} was already unregistered", bundle.getSymbolicName());
                }
            }
            String why = "was removed or replaced (bundle " + bundle.getSymbolicName()
                    + " stopped); reconnect to use the new definition";
            registered.result.profile().retire(why);
            if (registered.result.can() != null) {
                registered.result.can().retire(why);
            }
        }
    }
}
