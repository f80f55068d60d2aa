package org.bmsw.calibration.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.schema.WriteReport;

/**
 * The two current calibrations the device performs itself ({@link CalibrationSupport}): the procedure checks the
 * pack's state on live readings, backs up the parameters the device keeps its calibration in, asks the device to
 * calibrate, verifies the reading, and restores the backup when the write or the verification fails.
 *
 * <p><b>Accuracy.</b> A verified calibration reads within {@link #TOLERANCE_AMPS}: 0.5 % of a
 * {@link #FULL_SCALE_AMPS} full scale, or 0.1 A, whichever is larger. The full scale is the top of the window the
 * Smart BMS manual prescribes for the real-current calibration (a 10–50 A charger): the calibration is made and
 * verified inside that range, so that is the range its accuracy can be stated for.
 */
abstract class CurrentCalibration extends BaseProcedure {

    static final double FULL_SCALE_AMPS = 50;
    static final double TOLERANCE_AMPS = Math.max(0.005 * FULL_SCALE_AMPS, 0.1);
    /** Where the device keeps its current calibration (the Smart BMS manual's names). */
    static final List<String> CALIBRATION_PARAMETERS = List.of("C_Gain", "C_Offset");

    abstract CalibrationSupport.Kind kind();

    @Override
    public boolean appliesTo(DeviceSession session) {
        return support(session).isPresent();
    }

    Optional<CalibrationSupport> support(DeviceSession session) {
        return session.capability(CalibrationSupport.class).filter(s -> s.kinds().contains(kind()));
    }

    @Override
    public List<String> affectedParameters(DeviceSession session) {
        return Parameters.present(session, CALIBRATION_PARAMETERS);
    }

    static double current(Telemetry t) {
        return t.pack().current();
    }

    /** Reads and saves the calibration parameters before the device changes them; returns their values. */
    Map<String, Double> backUp(Run run) throws DeviceException, IOException {
        List<String> keys = affectedParameters(run.session);
        Map<String, Double> values = Parameters.read(run.session, keys);
        if (values.isEmpty()) {
            run.stage(Stage.BACKING_UP, "This profile exposes no current calibration parameters: nothing to back up",
                    "此配置未提供电流校准参数：无需备份");
            return values;
        }
        run.stage(Stage.BACKING_UP, "Backing up " + String.join(", ", keys), "备份 " + String.join(", ", keys));
        run.backup(Parameters.backup(run.session, values, run.request.dataDirectory(), id()));
        values.forEach((key, value) -> run.parameter(Parameters.change(run.session, key, value, null, null)));
        return values;
    }

    /** The calibration parameters as the device holds them now, into the report. */
    void readAfter(Run run, Map<String, Double> before) {
        try {
            Map<String, Double> now = Parameters.read(run.session, before.keySet());
            now.forEach((key, value) -> run.parameter(Parameters.change(run.session, key, before.get(key), null, value)));
        } catch (DeviceException e) {
            run.stage(Stage.VERIFYING, "Reading the calibration parameters back failed: " + e.getMessage(),
                    "回读校准参数失败：" + e.getMessage());
        }
    }

    /** After a failed write or verification: the backup goes back through the safe batch writer. */
    CalibrationResult restore(Run run, Map<String, Double> backup, String reason, String reasonZh) {
        if (backup.isEmpty()) {
            return run.end(Outcome.FAILED, reason + "; this profile exposes no calibration parameters to restore: "
                    + "repeat the calibration", reasonZh + "；此配置未提供可恢复的校准参数：请重新校准");
        }
        run.stage(Stage.RESTORING, reason + "; restoring " + String.join(", ", backup.keySet()) + " from " + run.backup(),
                reasonZh + "；从备份恢复 " + String.join(", ", backup.keySet()));
        WriteReport report;
        try {
            report = Parameters.write(run.session, backup, "", run.request.dataDirectory());
        } catch (DeviceException e) {
            return run.end(Outcome.FAILED, reason + "; restoring failed too (" + e.getMessage() + "): the device's "
                            + "calibration is unknown, its previous values are in " + run.backup(),
                    reasonZh + "；恢复也失败（" + e.getMessage() + "）：设备校准状态未知，原值见 " + run.backup());
        }
        readAfter(run, backup);
        if (report.succeeded()) {
            return run.end(Outcome.ROLLED_BACK, reason + "; the previous calibration was restored and read back",
                    reasonZh + "；已恢复并回读原校准值");
        }
        return run.end(Outcome.FAILED, reason + "; restoring failed too (" + report.summary().english()
                        + "): the previous values are in " + run.backup(),
                reasonZh + "；恢复也失败（" + report.summary().text(java.util.Locale.CHINESE) + "）：原值见 " + run.backup());
    }
}
