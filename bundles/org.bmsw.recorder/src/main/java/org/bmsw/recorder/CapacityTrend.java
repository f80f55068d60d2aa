package org.bmsw.recorder;

import java.time.Instant;
import java.util.List;

/**
 * Capacity over the life of a pack, from the recorded phases.
 *
 * @param device        device key
 * @param nominalAh     capacity that counts as 100 % health (given, or the device's FCC / SOH); NaN when unknown
 * @param points        one per charge or discharge that moved SOC far enough
 * @param sohPercent    the health the points give now (least squares line at the last point); NaN without points
 * @param fadePerCycle  capacity change per measured phase, % of nominal (negative: fading); NaN with fewer than 2 points
 */
public record CapacityTrend(String device, double nominalAh, List<Point> points, double sohPercent, double fadePerCycle) {

    public CapacityTrend {
        points = List.copyOf(points);
    }

    /**
     * @param time        end of the phase
     * @param kind        charge or discharge
     * @param ampHours    net Ah moved in the phase
     * @param socSwing    SOC moved, %
     * @param capacityAh  Ah for 100 % SOC: ampHours / socSwing × 100
     * @param sohPercent  capacityAh / nominal × 100; NaN when the nominal is unknown
     */
    public record Point(Instant time, Cycle.Kind kind, double ampHours, double socSwing, double capacityAh, double sohPercent) {
    }
}
