/**
 * Recording and analysis of live telemetry.
 *
 * <p>A {@link org.bmsw.recorder.Recorder} records every snapshot of the connected devices, at a chosen
 * interval, into one SQLite file per recording under {@code <data dir>/records/}. A
 * {@link org.bmsw.recorder.Recording} reads one back: the snapshots as {@link org.bmsw.device.api.Telemetry},
 * charge / discharge / rest {@link org.bmsw.recorder.Cycle cycles}, the capacity trend, the
 * alarm and protection {@link org.bmsw.recorder.FlagEvent events} with the cell data around each, min / max
 * {@link org.bmsw.recorder.Series series} for charts, CSV and JSON exports. Recordings from another machine are
 * imported, and any recording can be {@link org.bmsw.recorder.Replay replayed} to a
 * {@link org.bmsw.core.TelemetryListener} as if it were live.
 */
@Version("1.1.0")
@Export
package org.bmsw.recorder;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
