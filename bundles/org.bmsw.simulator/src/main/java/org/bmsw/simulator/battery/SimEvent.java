package org.bmsw.simulator.battery;

import java.time.Duration;

/**
 * Something that changed inside the simulated BMS, stamped with simulated time: a log for recorders, tests and the
 * protocol front ends (e.g. to raise an event frame).
 *
 * @param sequence increasing number, starting at 1
 * @param at       simulated time since start
 * @param type     what happened
 * @param key      the protection / alarm / switch / relay / step concerned
 * @param detail   human-readable detail (value, level, step text ...)
 */
public record SimEvent(long sequence, Duration at, Type type, String key, String detail) {

    public enum Type {
        PROTECTION_TRIPPED, PROTECTION_RELEASED, ALARM_CHANGED, SWITCH_CHANGED, RELAY_CHANGED, BALANCING_CHANGED,
        SLEEP, WAKE, COMMAND, FAILURE, PARAMETER, SCENARIO_STEP, SCENARIO_FINISHED
    }
}
