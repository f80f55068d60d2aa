package org.bmsw.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A recording as listed.
 *
 * @param id       file name without extension; stable, used by every call
 * @param name     the name given at the start
 * @param started  when recording began
 * @param ended    when it was stopped; for an interrupted recording the time of its last snapshot; empty
 *                 while it runs
 * @param state    running, finished, or interrupted (the program stopped without stopping it)
 * @param interval the requested interval between snapshots of a device
 * @param devices  the devices in it
 * @param samples  snapshots stored, all devices
 * @param bytes    size on disk
 * @param source   where it came from: "recorded" or "imported from &lt;file name&gt;"
 */
public record RecordingInfo(String id, String name, Instant started, Optional<Instant> ended, State state,
                            Duration interval, List<RecordedDevice> devices, long samples, long bytes, String source) {

    public RecordingInfo {
        devices = List.copyOf(devices);
    }

    public enum State { RECORDING, FINISHED, INTERRUPTED }
}
