package org.bmsw.profile.files.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.spi.ProfileLoading;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-only profiles as plain files in {@code plugins/}: FileInstall, which watches that folder for bundles, hands
 * this installer every {@code *.json} and {@code *.dbc} file it finds, changes and deletes there; profile files
 * ({@code *.profile.json}) become live {@link DeviceProfile}s (two with a {@code can} section: the register profile
 * and {@code <id>.can}), the others are the files they name (parameter schemas, DBCs).
 *
 * <p>FileInstall scans the folder once before this bundle starts and does not offer the files it found then to
 * installers that register later until they change. So the installer reads the files present when it starts itself
 * (commands started with the program then see them) and touches them, which makes FileInstall offer them at its next
 * poll and track their later replacement or deletion; their unchanged content is not read again.
 */
@Component(immediate = true, service = {ArtifactInstaller.class, ProfileLoading.class, ProfileFileInstaller.class})
public class ProfileFileInstaller implements ArtifactInstaller, ProfileLoading {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileFileInstaller.class);
    private static final String SOURCE_PROPERTY = "bmsw.profile.source";

    private final BundleContext context;
    private final Path folder;
    private final ProfileFiles files;
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bmsw-profile-files");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ProfileFileInstaller(BundleContext context) {
        this.context = context;
        String dir = context.getProperty("felix.fileinstall.dir");
        this.folder = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
        this.files = new ProfileFiles(new Registrar());
        submit(this::readPresentFiles);
    }

    @Deactivate
    void deactivate() {
        submit(files::clear);
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The plugins folder FileInstall watches, or null when none is configured. */
    public Path folder() {
        return folder;
    }

    @Override
    public boolean canHandle(File artifact) {
        String name = artifact.getName();
        return name.endsWith(".json") || name.endsWith(".dbc");
    }

    @Override
    public void install(File artifact) {
        submit(() -> files.changed(artifact.toPath()));
    }

    @Override
    public void update(File artifact) {
        submit(() -> files.changed(artifact.toPath()));
    }

    @Override
    public void uninstall(File artifact) {
        submit(() -> files.removed(artifact.toPath()));
    }

    @Override
    public boolean idle() {
        return pending.get() == 0;
    }

    /** What became of each profile file seen. */
    public List<ProfileFiles.Status> statuses() throws InterruptedException {
        try {
            return worker.submit(files::statuses).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the profile file installer did not answer: " + e, e);
        }
    }

    private void submit(Runnable task) {
        pending.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Profile files in {}: {}", folder, e.toString(), e);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    private void readPresentFiles() {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        List<Path> present = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(present::add);
        } catch (IOException e) {
            LOG.error("Cannot list the plugins folder {}: {}", folder, e.toString());
            return;
        }
        present.stream().filter(p -> canHandle(p.toFile()) && ProfileFiles.isProfile(p)).sorted().forEach(files::changed);
        FileTime now = FileTime.from(Instant.now());
        for (Path file : present) {
            if (canHandle(file.toFile())) {
                try {
                    Files.setLastModifiedTime(file, now);
                } catch (IOException e) {
                    LOG.debug("Cannot touch {} (read-only plugins folder?): its deletion is noticed only after a "
                            + "change to it: {}", file, e.toString());
                }
            }
        }
    }

    /** Registers profiles as services of this bundle, with the file they come from. */
    private final class Registrar implements ProfileFiles.Registrar {
        @Override
        public AutoCloseable register(DeviceProfile profile, Path file) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(DeviceProfile.PROPERTY_ID, profile.id());
            props.put(SOURCE_PROPERTY, file.toString());
            ServiceRegistration<DeviceProfile> registration = context.registerService(DeviceProfile.class, profile, props);
            return registration::unregister;
        }

        @Override
        public Optional<String> otherSource(String profileId, Path file) {
            try {
                for (ServiceReference<DeviceProfile> ref : context.getServiceReferences(DeviceProfile.class,
                        "(" + DeviceProfile.PROPERTY_ID + "=" + profileId + ")")) {
                    Object source = ref.getProperty(SOURCE_PROPERTY);
                    if (!file.toString().equals(source)) {
                        return Optional.of(source != null ? String.valueOf(source) : "bundle " + ref.getBundle().getSymbolicName());
                    }
                }
            } catch (InvalidSyntaxException e) {
                return Optional.of("(an id that is not a valid filter value: " + e.getMessage() + ")");
            }
            return Optional.empty();
        }
    }
}
