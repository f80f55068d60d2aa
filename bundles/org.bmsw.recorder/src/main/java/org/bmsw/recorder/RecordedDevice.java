package org.bmsw.recorder;

import java.time.Instant;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;

/**
 * One device in a recording.
 *
 * @param key      stable key: profile, link path and address, e.g. {@code smartbms@/dev/ttyUSB0#1}
 * @param identity who it was, as first seen
 * @param samples  snapshots stored
 * @param first    the first snapshot's time; null without snapshots
 * @param last     the last snapshot's time; null without snapshots
 */
public record RecordedDevice(String key, DeviceIdentity identity, long samples, Instant first, Instant last) {

    /** The key of a live session's device: two devices with one address on two ports differ. */
    public static String keyOf(DeviceSession session) {
        String path = session.link() == null ? "" : session.link().settings().path();
        return session.identity().profileId() + "@" + path + "#" + session.identity().address();
    }
}
