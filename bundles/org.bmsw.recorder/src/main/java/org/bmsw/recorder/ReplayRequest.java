package org.bmsw.recorder;

import java.time.Instant;
import java.util.Set;

/**
 * How to replay.
 *
 * @param speed      1 = the recorded pace, 60 = a minute per second; {@link Double#POSITIVE_INFINITY} = as fast as the
 *                   listener takes them
 * @param from       first snapshot time, null = the start
 * @param to         end (exclusive), null = the end
 * @param devices    device keys to replay, empty = all
 * @param shiftToNow re-time the snapshots so that the replay looks live (the first one is now); false keeps the
 *                   recorded times
 */
public record ReplayRequest(double speed, Instant from, Instant to, Set<String> devices, boolean shiftToNow) {

    public ReplayRequest {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the replay speed must be positive: " + speed);
        }
        devices = devices == null ? Set.of() : Set.copyOf(devices);
    }

    /** Everything, at {@code speed}, with the recorded times. */
    public static ReplayRequest atSpeed(double speed) {
        return new ReplayRequest(speed, null, null, Set.of(), false);
    }
}
