package org.bmsw.core;

import java.util.List;
import java.util.Optional;

import org.bmsw.device.api.DeviceProfile;

/** The device profiles present right now, built-in, plugin bundles and data-only alike. */
public interface ProfileRegistry {

    List<DeviceProfile> profiles();

    Optional<DeviceProfile> profile(String id);

    /** Called (on an arbitrary thread) whenever a profile appears or disappears. */
    AutoCloseable onChange(Runnable listener);
}
