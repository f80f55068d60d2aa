package org.bmsw.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One charge, discharge or rest phase of a device. Amp-hours and watt-hours are integrated from the
 * recorded current and voltage (trapezoids, nothing across gaps in the data); "in" is charge that went into
 * the pack, "out" what came out, both positive. Cell, spread and temperature extremes are over the phase's
 * snapshots; NaN where the device does not report them.
 *
 * @param device      device key
 * @param kind        charge, discharge or rest
 * @param start       first snapshot of the phase
 * @param end         where the next phase starts, or the last snapshot of the data
 * @param samples     snapshots in the phase
 * @param ampHoursIn  Ah in
 * @param ampHoursOut Ah out
 * @param wattHoursIn Wh in
 * @param wattHoursOut Wh out
 * @param startSoc    SOC at the start, %
 * @param endSoc      SOC at the end, %
 * @param minCell     lowest cell voltage, V
 * @param maxCell     highest cell voltage, V
 * @param maxSpread   largest max − min cell voltage, V
 * @param maxTemperature hottest fitted probe, °C
 * @param peakCurrent largest |current|, A
 * @param protections keys of protections and faults active during the phase, e.g. {@code PROTECT.COVBit}
 * @param alarms      keys of alarms active during the phase, e.g. {@code ALARM.COV}
 */
public record Cycle(String device, Kind kind, Instant start, Instant end, long samples, double ampHoursIn,
                    double ampHoursOut, double wattHoursIn, double wattHoursOut, double startSoc, double endSoc,
                    double minCell, double maxCell, double maxSpread, double maxTemperature, double peakCurrent,
                    Set<String> protections, Set<String> alarms) {

    public Cycle {
        protections = Set.copyOf(protections);
        alarms = Set.copyOf(alarms);
    }

    public enum Kind { CHARGE, DISCHARGE, REST }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
