package org.bmsw.calibration;

import java.nio.file.Path;
import java.time.Instant;

import org.bmsw.device.api.LocalizedText;

/**
 * A saved report, as listed.
 *
 * @param file      the JSON report
 * @param textFile  the human-readable report beside it; null when missing
 * @param time      when the calibration started; null when the file does not say
 * @param procedure the procedure's id; "" when unreadable
 * @param title     the procedure's title
 * @param device    e.g. {@code SMARTBMS-V4 @1 (fw 35-7-3)}
 * @param outcome   null when the file cannot be read
 * @param summary   the run's summary, or why the file cannot be read
 */
public record ReportEntry(Path file, Path textFile, Instant time, String procedure, LocalizedText title,
                          String device, CalibrationResult.Outcome outcome, LocalizedText summary) {

    public boolean readable() {
        return outcome != null;
    }
}
