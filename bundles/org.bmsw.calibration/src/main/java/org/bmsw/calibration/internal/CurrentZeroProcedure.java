package org.bmsw.calibration.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.osgi.service.component.annotations.Component;

/**
 * The Smart BMS manual's "zero point calibration" (section 4): with no charge and no discharge, the current the BMS
 * shows is its zero offset; the device takes its present reading as 0 A. Runs only when the pack has been at rest
 * (every reading within the shield current {@code SHIELD_I}, and steady) for the steady time.
 */
@Component(service = CalibrationProcedure.class, property = CalibrationProcedure.PROPERTY_ORDER + ":Integer=100")
public class CurrentZeroProcedure extends CurrentCalibration {

    /** At rest without a shield current parameter (or with 0). */
    static final double DEFAULT_REST_AMPS = 1.0;
    /** A zero offset larger than this is a fault, not something to calibrate away. */
    static final double MAX_REST_AMPS = 5.0;
    /** Readings at rest may wander this much within the steady time. */
    static final double REST_SPREAD_AMPS = 0.3;
    static final String SHIELD_CURRENT = "SHIELD_I";

    @Override
    public String id() {
        return "current-zero";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("Current zero", "电流零点校准");
    }

    @Override
    public LocalizedText description() {
        return LocalizedText.of("When the battery is neither charging nor discharging but a current is shown, the current "
                        + "sensor's zero is off: the device takes its reading at rest as 0 A (the manual's Zero_C_Cal).",
                "电池无充放电但显示有电流时，电流零点存在偏移：设备将静置时的读数作为 0 A（说明书中的零点校准）。");
    }

    @Override
    CalibrationSupport.Kind kind() {
        return CalibrationSupport.Kind.CURRENT_ZERO;
    }

    @Override
    public List<LocalizedText> steps(DeviceSession session) {
        return List.of(
                LocalizedText.of("Disconnect the charger and every load: no current may flow.", "断开充电器和所有负载：不能有电流流过。"),
                LocalizedText.of("Wait until the shown current is steady (it may be off zero: that is what is calibrated).",
                        "等待显示的电流稳定（可以不为零：这正是要校准的偏移）。"),
                LocalizedText.of("Start: the pack must stay at rest until the verification is done.",
                        "开始校准：在校验完成前电池必须保持静置。"));
    }

    @Override
    public List<CalibrationInput> inputs(DeviceSession session) {
        return List.of();
    }

    @Override
    CalibrationResult execute(Run run) throws DeviceException, InterruptedException, IOException {
        CalibrationSupport support = support(run.session).orElseThrow();
        double threshold = restThreshold(run);
        String limit = "±" + Format.amps(threshold);
        run.stage(Stage.WAITING, "Waiting for the pack to rest: every reading within " + limit + " for "
                        + Sampler.seconds(run.request.timing().stableFor()),
                "等待电池静置：读数持续 " + Sampler.seconds(run.request.timing().stableFor()) + " 在 " + limit + " 以内");
        Sampler.Steady rest = run.sampler.awaitSteady(window -> restProblem(window, threshold));
        if (!rest.steady()) {
            return run.end(Outcome.REFUSED, LocalizedText.of("Not at rest: " + rest.problem().english()
                    + ". Nothing written.", "未处于静置状态：" + rest.problem().text(java.util.Locale.CHINESE) + "。未写入。"));
        }
        double before = rest.window().mean(CurrentCalibration::current);
        run.measured(new Measurement("current", LocalizedText.of("Current at rest", "静置电流"), "A", 0, before,
                Double.NaN, TOLERANCE_AMPS, LocalizedText.of("Reference 0 A: no charger and no load connected",
                "参考值 0 A：未连接充电器和负载")));
        if (!run.request.write()) {
            return run.end(Outcome.DRY_RUN, "Dry run: the device would take its present reading (" + Format.amps(before)
                    + ") as 0 A; nothing written", "试运行：设备将把当前读数（" + Format.amps(before) + "）作为 0 A；未写入");
        }
        Map<String, Double> backup = backUp(run);
        run.beginWriting();
        run.stage(Stage.WRITING, "Zero calibration: the device takes its reading of " + Format.amps(before) + " as 0 A",
                "零点校准：设备将读数 " + Format.amps(before) + " 作为 0 A");
        try {
            support.calibrate(CalibrationSupport.Kind.CURRENT_ZERO, 0);
        } catch (DeviceException e) {
            return restore(run, backup, "The zero calibration write failed (" + e.getMessage() + ")",
                    "零点校准写入失败（" + e.getMessage() + "）");
        }
        run.stage(Stage.VERIFYING, "Verifying: reading the current at rest again", "校验：重新读取静置电流");
        Window after;
        try {
            after = run.sampler.collect();
        } catch (DeviceException e) {
            return restore(run, backup, "The verification could not read the device (" + e.getMessage() + ")",
                    "校验时无法读取设备（" + e.getMessage() + "）");
        }
        Measurement verified = run.measurements().get(0).withAfter(after.mean(CurrentCalibration::current));
        run.measured(verified);
        LocalizedText moved = restProblem(after, threshold);
        if (moved != null) {
            return restore(run, backup, "The pack did not stay at rest during the verification: " + moved.english(),
                    "校验期间电池未保持静置：" + moved.text(java.util.Locale.CHINESE));
        }
        if (!verified.withinTolerance()) {
            return restore(run, backup, "After the zero calibration the reading at rest is " + Format.amps(verified.after())
                            + ", more than " + Format.tolerance(TOLERANCE_AMPS) + " from 0 A",
                    "零点校准后静置读数为 " + Format.amps(verified.after()) + "，偏离 0 A 超过 " + Format.tolerance(TOLERANCE_AMPS));
        }
        readAfter(run, backup);
        return run.end(Outcome.CALIBRATED, "Zero calibrated: the reading at rest went from " + Format.amps(before) + " to "
                        + Format.amps(verified.after()) + " (allowed ±" + Format.tolerance(TOLERANCE_AMPS) + ")",
                "零点已校准：静置读数由 " + Format.amps(before) + " 变为 " + Format.amps(verified.after()) + "（允许 ±"
                        + Format.tolerance(TOLERANCE_AMPS) + "）");
    }

    /** The shield current (below it the BMS counts the pack as at rest), bounded; a default without one. */
    private double restThreshold(Run run) throws DeviceException {
        if (Parameters.onDevice(run.session, SHIELD_CURRENT).isEmpty()) {
            return DEFAULT_REST_AMPS;
        }
        Double shield = Parameters.read(run.session, List.of(SHIELD_CURRENT)).get(SHIELD_CURRENT);
        if (shield == null || !(shield > 0)) {
            return DEFAULT_REST_AMPS;
        }
        return Math.min(shield, MAX_REST_AMPS);
    }

    /** Null when every reading is within the threshold and they agree; else what is wrong. */
    static LocalizedText restProblem(Window window, double threshold) {
        if (window.anyMissing(CurrentCalibration::current)) {
            return LocalizedText.of("the device reports no current", "设备未报告电流");
        }
        double min = window.min(CurrentCalibration::current);
        double max = window.max(CurrentCalibration::current);
        double worst = Math.abs(max) > Math.abs(min) ? max : min;
        if (Math.abs(worst) > threshold) {
            String what = worst > 0 ? "charging" : "discharging";
            String whatZh = worst > 0 ? "充电" : "放电";
            return LocalizedText.of("the current reached " + Format.amps(worst) + " (" + what + "); at rest every reading "
                            + "stays within ±" + Format.amps(threshold) + " (the shield current). Disconnect the charger "
                            + "and every load",
                    "电流达到 " + Format.amps(worst) + "（" + whatZh + "）；静置时读数应保持在 ±" + Format.amps(threshold)
                            + "（屏蔽电流）以内。请断开充电器和所有负载");
        }
        if (max - min > REST_SPREAD_AMPS) {
            return LocalizedText.of("the current at rest wandered between " + Format.amps(min) + " and " + Format.amps(max)
                            + " (at most " + Format.amps(REST_SPREAD_AMPS) + " apart); wait until it is steady",
                    "静置电流在 " + Format.amps(min) + " 与 " + Format.amps(max) + " 之间波动（最多允许相差 "
                            + Format.amps(REST_SPREAD_AMPS) + "）；请等待稳定");
        }
        return null;
    }
}
