/**
 * Guided calibrations of a connected BMS.
 *
 * <p>A {@link org.bmsw.calibration.CalibrationProcedure} is an OSGi service; it says whether it applies to a
 * session (from the session's capabilities and parameter schema), what the user does, what the user enters, and
 * runs: preconditions checked on live readings (refused with the reason and nothing written when they fail), the
 * affected parameters backed up, the calibration written, the result verified on live readings, and the backup
 * restored when anything fails. {@link org.bmsw.calibration.CalibrationService} lists the procedures for a
 * session, runs them and keeps their reports (JSON and text) in {@code <data dir>/calibration/}. The window's
 * Calibration page and {@code bmsw calibrate} use the same procedures.
 */
@Version("1.0.0")
@Export
package org.bmsw.calibration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
