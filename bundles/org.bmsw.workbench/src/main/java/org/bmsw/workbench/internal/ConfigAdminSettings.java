package org.bmsw.workbench.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves into the PID {@code org.bmsw.workbench} through ConfigAdmin, which writes a file: one saving thread,
 * so saves keep their order and never run on the UI thread.
 */
@Component(service = Settings.class)
public class ConfigAdminSettings implements Settings {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminSettings.class);

    private final ConfigurationAdmin configAdmin;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bmsw-save-workbench-config");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ConfigAdminSettings(@Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Pending saves (the window's geometry on close) still land before the program stops. */
    @Deactivate
    void deactivate() throws InterruptedException {
        saver.shutdown();
        if (!saver.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Saving the workbench settings did not finish within 5 s");
        }
    }

    @Override
    public void save(Map<String, Object> values) {
        Map<String, Object> copy = Map.copyOf(values);
        try {
            saver.execute(() -> saveNow(copy));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("The workbench settings {} were not saved: the program is stopping", copy.keySet());
        }
    }

    private void saveNow(Map<String, Object> values) {
        try {
            Configuration configuration = configAdmin.getConfiguration(WorkbenchConfig.PID, "?");
            Dictionary<String, Object> props = configuration.getProperties();
            Dictionary<String, Object> updated = props == null ? new Hashtable<>() : props;
            values.forEach(updated::put);
            configuration.updateIfDifferent(updated);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Could not save the workbench settings {}", values.keySet(), e);
        }
    }
}
