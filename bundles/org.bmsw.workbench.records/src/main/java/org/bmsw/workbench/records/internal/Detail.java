package org.bmsw.workbench.records.internal;

import java.util.List;
import java.util.Map;

import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.Series;

/** What the page shows of one device of a recording, read off the UI thread: first the charts, then the analysis. */
final class Detail {

    /** The charts, in their order on the page. */
    static final List<Metric> CHARTED = List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.SOC, Metric.CELL_SPREAD);

    private Detail() {
    }

    /**
     * @param series voltage, current, SOC and cell spread, decimated to the charts' widths
     * @param millis how long reading them took
     */
    record Charts(Map<Metric, Series> series, long millis) {
    }

    /**
     * Everything that needs a pass over the snapshots, so it comes after the charts.
     *
     * @param cycles   charge, discharge and rest phases
     * @param events   alarms, protections and faults of the device
     * @param capacity capacity measured over deep enough phases
     * @param millis   how long the analysis took
     */
    record Analysis(List<Cycle> cycles, List<FlagEvent> events, CapacityTrend capacity, long millis) {
    }
}
