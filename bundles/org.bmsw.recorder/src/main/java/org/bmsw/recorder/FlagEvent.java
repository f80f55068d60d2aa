package org.bmsw.recorder;

import java.time.Instant;

import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Severity;

/**
 * An alarm, protection or fault flag that was raised, changed level, or cleared. Flags of severity
 * {@link Severity#NORMAL} (status, relays, inputs) are not events. A flag already active in a device's first
 * snapshot is an event at that snapshot.
 *
 * @param time      the snapshot where the change was seen
 * @param device    device key
 * @param group     flag family, e.g. PROTECT
 * @param flag      flag key, e.g. COVBit
 * @param label     what it means
 * @param severity  how bad it is when active
 * @param fromLevel level before (0 = inactive)
 * @param toLevel   level after (0 = cleared)
 */
public record FlagEvent(Instant time, String device, String group, String flag, LocalizedText label, Severity severity,
                        int fromLevel, int toLevel) {

    public boolean raised() {
        return toLevel > fromLevel;
    }

    /** {@code PROTECT.COVBit} */
    public String key() {
        return group + "." + flag;
    }
}
