package org.bmsw.workbench.records.internal;

import java.util.List;
import java.util.Map;

import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.Series;

/**
 * What the page shows of one device of one recording, read off the UI thread in one go.
 *
 * @param info     the recording
 * @param device   the device key
 * @param series   voltage, current, SOC and cell spread, decimated to the charts' widths
 * @param cycles   its charge, discharge and rest phases
 * @param events   its alarms, protections and faults
 * @param capacity capacity measured over deep enough phases
 * @param millis   how long reading and decimating took
 */
record Detail(RecordingInfo info, String device, Map<Metric, Series> series, List<Cycle> cycles, List<FlagEvent> events,
              CapacityTrend capacity, long millis) {

    /** The charts, in their order on the page. */
    static final List<Metric> CHARTED = List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.SOC, Metric.CELL_SPREAD);
}
