package org.bmsw.device.api;

/**
 * One flag.
 *
 * @param key      e.g. {@code COV}, {@code SCBit}, {@code DSGEN}, {@code RL1}
 * @param label    what it means, in English and Chinese
 * @param level    0 inactive; 1 active; 1..3 the alarm level for leveled alarms
 * @param severity how bad it is when active
 */
public record Flag(String key, LocalizedText label, int level, Severity severity) {

    public boolean active() {
        return level > 0;
    }
}
