package org.bmsw.launcher;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds ConfigAdmin with the features' default configuration, for PIDs that have none yet, so a
 * user's saved settings always win. ConfigAdmin's API lives inside the framework, not on the
 * launcher's class path, hence the reflective calls through the service's own class loader.
 */
final class DefaultConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultConfiguration.class);
    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private DefaultConfiguration() {
    }

    /** @return false when ConfigAdmin is not running yet */
    static boolean apply(BundleContext context, Map<String, Map<String, String>> defaults) {
        ServiceReference<?> ref = context.getServiceReference(CONFIG_ADMIN);
        if (ref == null) {
            return false;
        }
        Object admin = context.getService(ref);
        try {
            Class<?> adminType = ref.getBundle().loadClass(CONFIG_ADMIN);
            Class<?> configType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Method getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
            Method getProperties = configType.getMethod("getProperties");
            Method update = configType.getMethod("update", Dictionary.class);
            for (var entry : defaults.entrySet()) {
                Object config = getConfiguration.invoke(admin, entry.getKey(), "?");
                if (getProperties.invoke(config) == null) {
                    update.invoke(config, new Hashtable<>(entry.getValue()));
                    LOG.info("Default configuration applied to {}", entry.getKey());
                }
            }
        } catch (ReflectiveOperationException e) {
            LOG.error("Could not apply default configuration {}", defaults.keySet(), e);
        } finally {
            context.ungetService(ref);
        }
        return true;
    }
}
