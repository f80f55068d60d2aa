package org.bmsw.calibration.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.calibration.CalibrationListener;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.LogEntry;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of a procedure while it happens: what it measured, changed and said, and whether it has written yet. */
final class Run {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    final CalibrationProcedure procedure;
    final DeviceSession session;
    final CalibrationRequest request;
    final Sampler sampler;
    private final CalibrationListener listener;
    private final Instant started = Instant.now();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<ParameterChange> parameters = new ArrayList<>();
    private final List<LogEntry> log = new ArrayList<>();
    private Path backupFile;
    private volatile boolean writing;
    private volatile boolean interruptionDeferred;

    Run(CalibrationProcedure procedure, DeviceSession session, CalibrationRequest request, CalibrationListener listener) {
        this.procedure = procedure;
        this.session = session;
        this.request = request;
        this.listener = listener;
        this.sampler = new Sampler(session, request.timing(), this);
    }

    void stage(Stage stage, String english, String chinese) {
        stage(stage, LocalizedText.of(english, chinese));
    }

    void stage(Stage stage, LocalizedText message) {
        log.add(new LogEntry(Instant.now(), stage, message));
        LOG.info("{} on {}: {}", procedure.id(), session.identity().describe(), message.english());
        try {
            listener.progress(stage, message);
        } catch (RuntimeException e) {
            LOG.warn("A calibration progress listener failed: {}", e.toString());
        }
    }

    /** From here on the device may differ from before: interruptions wait, failures restore. */
    void beginWriting() {
        if (Thread.interrupted()) {
            interruptionDeferred = true;
        }
        writing = true;
    }

    boolean writing() {
        return writing;
    }

    void deferInterruption() {
        interruptionDeferred = true;
    }

    boolean interruptionDeferred() {
        return interruptionDeferred;
    }

    void measured(Measurement measurement) {
        measurements.removeIf(m -> m.key().equals(measurement.key()));
        measurements.add(measurement);
    }

    List<Measurement> measurements() {
        return measurements;
    }

    void parameter(ParameterChange change) {
        parameters.removeIf(p -> p.key().equals(change.key()));
        parameters.add(change);
    }

    List<ParameterChange> parameters() {
        return parameters;
    }

    void backup(Path file) {
        backupFile = file;
    }

    Path backup() {
        return backupFile;
    }

    CalibrationResult end(Outcome outcome, String english, String chinese) {
        return end(outcome, LocalizedText.of(english, chinese));
    }

    CalibrationResult end(Outcome outcome, LocalizedText summary) {
        stage(Stage.DONE, summary);
        return new CalibrationResult(procedure.id(), procedure.title(), session.identity(), started, Instant.now(),
                outcome, summary, request.inputs(), measurements, parameters, log, backupFile, null, null);
    }
}
