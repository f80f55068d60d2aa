/**
 * Telemetry described by a DBC: a signal's {@code BMSW_Field} attribute says which value it carries
 * ({@link org.bmsw.can.dbc.telemetry.TelemetryField}). {@link org.bmsw.can.dbc.telemetry.DbcTelemetry} reads the
 * mapping; its decoder turns received broadcast frames into {@code Telemetry} snapshots, its encoder turns a
 * snapshot into the frames a device would send. Labels and severities come from a
 * {@link org.bmsw.can.dbc.telemetry.TelemetryCatalog}.
 */
@Version("1.0.0")
@Export
package org.bmsw.can.dbc.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
