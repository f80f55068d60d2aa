package org.bmsw.calibration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;

/**
 * What a run did.
 *
 * @param procedureId  the procedure
 * @param procedure    its title
 * @param device       who was calibrated
 * @param started      when the run began
 * @param finished     when it ended
 * @param outcome      how it ended
 * @param summary      one sentence for people: the reason of a refusal, what failed, or what changed
 * @param inputs       the user's entries as given
 * @param measurements live readings against their references, before and after
 * @param parameters   the affected parameters, before and after
 * @param log          what happened, in order
 * @param backupFile   the backup of the affected parameters written before anything was; null when none was needed
 * @param reportFile   the saved JSON report; null until saved (dry runs and refusals are not saved)
 * @param textReport   the saved human-readable report; null until saved
 */
public record CalibrationResult(String procedureId, LocalizedText procedure, DeviceIdentity device, Instant started,
                                Instant finished, Outcome outcome, LocalizedText summary, Map<String, String> inputs,
                                List<Measurement> measurements, List<ParameterChange> parameters, List<LogEntry> log,
                                Path backupFile, Path reportFile, Path textReport) {

    public enum Outcome {
        /** Written and verified. */
        CALIBRATED,
        /** Checked and measured only, as asked: nothing written. */
        DRY_RUN,
        /** A precondition or an input was not met: nothing written. */
        REFUSED,
        /** The device failed before anything was written: nothing written. */
        ABORTED,
        /** The user stopped it before anything was written: nothing written. */
        CANCELLED,
        /** Writing or verifying failed; the backup was written back and verified: the device is as before. */
        ROLLED_BACK,
        /** Writing or verifying failed and restoring did too (or was impossible): see the summary and the backup. */
        FAILED;

        /** The device was not written to. */
        public boolean nothingWritten() {
            return this == DRY_RUN || this == REFUSED || this == ABORTED || this == CANCELLED;
        }
    }

    /**
     * A reading against a reference: {@code before} and {@code after} are the averages over the steady window.
     * Values not known are NaN (e.g. {@code after} of a dry run, {@code reference} of an informative reading).
     *
     * @param tolerance the largest error after calibration that passes; NaN when the reading is informative
     * @param note      how the reference was obtained or converted; null when nothing to say
     */
    public record Measurement(String key, LocalizedText label, String unit, double reference, double before,
                              double after, double tolerance, LocalizedText note) {

        public double errorBefore() {
            return before - reference;
        }

        public double errorAfter() {
            return after - reference;
        }

        /** The error after calibration is within the tolerance (false while unknown). */
        public boolean withinTolerance() {
            return Double.isFinite(tolerance) && Math.abs(errorAfter()) <= tolerance;
        }

        public Measurement withAfter(double value) {
            return new Measurement(key, label, unit, reference, before, value, tolerance, note);
        }
    }

    /**
     * A parameter of the device's schema, in engineering units; null where not known or not planned.
     *
     * @param planned what the procedure writes (or would write, in a dry run)
     */
    public record ParameterChange(String key, LocalizedText label, String unit, Double before, Double planned,
                                  Double after) {
    }

    public record LogEntry(Instant time, Stage stage, LocalizedText message) {
    }

    public CalibrationResult {
        Objects.requireNonNull(procedureId, "procedureId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        measurements = List.copyOf(measurements);
        parameters = List.copyOf(parameters);
        log = List.copyOf(log);
    }

    public CalibrationResult withReports(Path json, Path text) {
        return new CalibrationResult(procedureId, procedure, device, started, finished, outcome, summary, inputs,
                measurements, parameters, log, backupFile, json, text);
    }

    /** The measurement with this key. */
    public Optional<Measurement> measurement(String key) {
        return measurements.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The parameter with this key. */
    public Optional<ParameterChange> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
