package org.bmsw.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bmsw.device.api.DeviceProfile;

/** The device profiles present right now, built-in, plugin bundles and data-only alike. */
public interface ProfileRegistry {

    List<DeviceProfile> profiles();

    Optional<DeviceProfile> profile(String id);

    /**
     * Waits until every background profile source ({@link org.bmsw.device.spi.ProfileLoading}) is idle, so
     * that a command started with the program sees the profiles installed with it.
     *
     * @return false when the sources were still busy after {@code timeout}
     */
    boolean awaitSettled(Duration timeout) throws InterruptedException;

    /** Called (on an arbitrary thread) whenever a profile appears or disappears. */
    AutoCloseable onChange(Runnable listener);
}
