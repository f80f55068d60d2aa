package org.bmsw.profile.modbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Dictionary;
import java.util.Hashtable;

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.modbus.ProfileFormatException;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.schema.SchemaException;
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
 * {@link DeviceProfile}. A data-only profile bundle needs no Java. A broken profile is logged with its
 * file and reason and skipped; it never affects the others.
 */
@Component(immediate = true)
public class ProfileExtender implements BundleTrackerCustomizer<ProfileExtender.Registered> {

    /** Manifest header: path of the profile JSON inside the bundle. */
    public static final String HEADER = "BMSW-Register-Profile";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileExtender.class);

    record Registered(RegisterDeviceProfile profile, ServiceRegistration<DeviceProfile> registration) {
    }

    private final BundleContext context;
    private final BundleTracker<Registered> tracker;
    private final RegisterProfileLoader loader = new RegisterProfileLoader();

    @Activate
    public ProfileExtender(BundleContext context) {
        this.context = context;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public Registered addingBundle(Bundle bundle, BundleEvent event) {
        String path = bundle.getHeaders().get(HEADER);
        if (path == null) {
            return null;
        }
        URL entry = bundle.getEntry(path);
        String source = bundle.getSymbolicName() + "!/" + path;
        if (entry == null) {
            LOG.error("Profile {} is missing from its bundle", source);
            return null;
        }
        try (InputStream in = entry.openStream()) {
            RegisterProfile definition = loader.load(source, in);
            RegisterDeviceProfile profile = new RegisterDeviceProfile(definition, parameters(bundle, path, definition));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(DeviceProfile.PROPERTY_ID, definition.id());
            props.put("bmsw.profile.source", source);
            LOG.info("Register profile {} from {}", definition.id(), source);
            return new Registered(profile, context.registerService(DeviceProfile.class, profile, props));
        } catch (ProfileFormatException | SchemaException | IOException | IllegalArgumentException e) {
            LOG.error("Profile {} refused: {}", source, e.getMessage());
            return null;
        }
    }

    /** The parameter schema named by the profile, beside it in the same bundle. */
    private static ParameterSchema parameters(Bundle bundle, String profilePath, RegisterProfile definition)
            throws SchemaException, ProfileFormatException {
        if (definition.parameters() == null) {
            return null;
        }
        int slash = profilePath.lastIndexOf('/');
        String path = (slash < 0 ? "" : profilePath.substring(0, slash + 1)) + definition.parameters();
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new ProfileFormatException(bundle.getSymbolicName() + "!/" + profilePath + ": $.parameters names "
                    + path + ", which is not in the bundle");
        }
        return ParameterSchemas.load(entry);
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Registered registered) {
        // the profile is read once per start; an update stops and restarts the bundle
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Registered registered) {
        registered.registration().unregister();
        registered.profile().retire("was removed or replaced (bundle " + bundle.getSymbolicName() + " stopped)");
    }
}
