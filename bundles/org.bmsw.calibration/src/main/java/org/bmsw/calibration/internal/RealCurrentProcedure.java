package org.bmsw.calibration.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CurrentConvention;
import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.osgi.service.component.annotations.Component;

/**
 * The Smart BMS manual's "actual current calibration" (section 4): while charging with a 10–50 A charger, the user
 * enters the current a reference meter shows and the device scales its reading to it. The manual enters charging as
 * negative; the user may enter it either way ({@link CurrentConvention}), and the device receives it in its own
 * convention through {@link CalibrationSupport}.
 */
@Component(service = CalibrationProcedure.class, property = CalibrationProcedure.PROPERTY_ORDER + ":Integer=200")
public class RealCurrentProcedure extends CurrentCalibration {

    static final String REFERENCE = "reference";
    static final String CONVENTION = "convention";
    /** The manual: "Use a 10A-50A charger". */
    static final double MIN_CHARGE_AMPS = 10;
    static final double MAX_CHARGE_AMPS = FULL_SCALE_AMPS;
    /** Steady: readings within 1 % of the current, or 0.3 A, whichever is larger. */
    static final double STEADY_SHARE = 0.01;
    static final double STEADY_MIN_AMPS = 0.3;
    /** A reading this far from the reference is a wrong entry or a broken sensor, not a calibration error. */
    static final double MAX_GAIN_ERROR = 0.25;

    @Override
    public String id() {
        return "current";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("Real current", "实际电流校准");
    }

    @Override
    public LocalizedText description() {
        return LocalizedText.of("When the zero is right but the charge and discharge currents do not match the real ones: "
                        + "while charging steadily with a 10–50 A charger, enter the current a reference meter shows and "
                        + "the device scales its reading to it (the manual's Real_C_Cal). Calibrate the zero first.",
                "零点正常但充放电电流与实际不符时：使用 10–50 A 充电器稳定充电，输入参考电流表的读数，设备据此校正电流读数"
                        + "（说明书中的实际电流校准）。请先校准零点。");
    }

    @Override
    CalibrationSupport.Kind kind() {
        return CalibrationSupport.Kind.CURRENT_GAIN;
    }

    @Override
    public List<LocalizedText> steps(DeviceSession session) {
        return List.of(
                LocalizedText.of("Calibrate the zero first, at rest.", "先在静置状态下校准零点。"),
                LocalizedText.of("Connect a 10–50 A charger and a reference meter (clamp or shunt) on the charge lead.",
                        "连接 10–50 A 充电器，并在充电线上接参考电流表（钳形表或分流器）。"),
                LocalizedText.of("Wait until the charging current is steady, read the meter, enter its value.",
                        "等待充电电流稳定，读取电流表并输入其数值。"),
                LocalizedText.of("Sign: the Smart BMS manual enters charging as NEGATIVE (−30 A); here you may enter it as "
                                + "the meter shows it (30 A) and choose the convention: both mean 30 A charging.",
                        "符号：Smart BMS 说明书中充电电流输入为负数（−30 A）；此处可按电流表显示输入（30 A）并选择符号约定：两者都表示充电 30 A。"));
    }

    @Override
    public List<CalibrationInput> inputs(DeviceSession session) {
        return List.of(
                CalibrationInput.number(REFERENCE, LocalizedText.of("Reference meter current", "参考电流表读数"), "A",
                        LocalizedText.of("While charging steadily at 10–50 A", "在 10–50 A 稳定充电时读取"), true),
                new CalibrationInput(CONVENTION, LocalizedText.of("Sign of a charging current", "充电电流的符号"), "",
                        LocalizedText.of("How you entered the charging current", "输入充电电流时使用的符号约定"), false,
                        List.of(CurrentConvention.NATURAL.key(), CurrentConvention.MANUAL.key()),
                        List.of(CurrentConvention.NATURAL.label(), CurrentConvention.MANUAL.label())));
    }

    @Override
    CalibrationResult execute(Run run) throws DeviceException, InterruptedException, IOException {
        String text = run.request.input(REFERENCE);
        if (text == null) {
            return run.end(Outcome.REFUSED, "Enter the reference meter's current (A): nothing written",
                    "请输入参考电流表读数（A）：未写入");
        }
        double entered;
        CurrentConvention convention;
        try {
            entered = Double.parseDouble(text);
            String sign = run.request.input(CONVENTION);
            convention = sign == null ? CurrentConvention.NATURAL : CurrentConvention.of(sign);
        } catch (NumberFormatException e) {
            return run.end(Outcome.REFUSED, "The reference current '" + text + "' is not a number of amperes: nothing written",
                    "参考电流 '" + text + "' 不是数字（A）：未写入");
        } catch (IllegalArgumentException e) {
            return run.end(Outcome.REFUSED, e.getMessage() + ": nothing written", e.getMessage() + "：未写入");
        }
        if (!Double.isFinite(entered)) {
            return run.end(Outcome.REFUSED, "The reference current must be a finite number: nothing written",
                    "参考电流必须是有限数值：未写入");
        }
        double reference = convention.toChargingPositive(entered);
        LocalizedText conversion = convention.explain(entered);
        run.stage(Stage.CHECKING, conversion);
        if (reference <= 0) {
            CurrentConvention other = convention == CurrentConvention.NATURAL ? CurrentConvention.MANUAL : CurrentConvention.NATURAL;
            return run.end(Outcome.REFUSED, conversion.english() + ", but this calibration is done while CHARGING. If you "
                            + "meant charging, enter it with " + other.label().english() + ". Nothing written.",
                    conversion.text(Locale.CHINESE) + "，但此校准须在充电时进行。若指充电，请按“" + other.label().text(Locale.CHINESE)
                            + "”输入。未写入。");
        }
        if (reference < MIN_CHARGE_AMPS || reference > MAX_CHARGE_AMPS) {
            return run.end(Outcome.REFUSED, "The reference " + Format.amps(reference) + " is outside the manual's window of "
                            + window() + ": use a 10–50 A charger. Nothing written.",
                    "参考电流 " + Format.amps(reference) + " 超出说明书规定的 " + window() + " 范围：请使用 10–50 A 充电器。未写入。");
        }
        run.stage(Stage.WAITING, "Waiting for a steady charging current within " + window() + " for "
                        + Sampler.seconds(run.request.timing().stableFor()),
                "等待 " + window() + " 范围内的稳定充电电流持续 " + Sampler.seconds(run.request.timing().stableFor()));
        Sampler.Steady charging = run.sampler.awaitSteady(RealCurrentProcedure::chargingProblem);
        if (!charging.steady()) {
            return run.end(Outcome.REFUSED, LocalizedText.of("Not charging steadily: " + charging.problem().english()
                    + ". Nothing written.", "未稳定充电：" + charging.problem().text(Locale.CHINESE) + "。未写入。"));
        }
        double before = charging.window().mean(CurrentCalibration::current);
        Measurement measurement = new Measurement("current", LocalizedText.of("Charging current", "充电电流"), "A",
                reference, before, Double.NaN, TOLERANCE_AMPS, conversion);
        run.measured(measurement);
        if (Math.abs(before / reference - 1) > MAX_GAIN_ERROR) {
            return run.end(Outcome.REFUSED, "The BMS reads " + Format.amps(before) + " but the reference is "
                            + Format.amps(reference) + ": a difference of " + Format.number(Math.abs(before / reference - 1) * 100, 0)
                            + " % is a wrong entry (value, sign, unit) or a faulty sensor, not a calibration error (at most "
                            + Format.number(MAX_GAIN_ERROR * 100, 0) + " %). Nothing written.",
                    "BMS 读数为 " + Format.amps(before) + "，参考值为 " + Format.amps(reference) + "：相差 "
                            + Format.number(Math.abs(before / reference - 1) * 100, 0) + " %，应为输入错误（数值、符号、单位）或传感器故障，"
                            + "而非校准误差（最多 " + Format.number(MAX_GAIN_ERROR * 100, 0) + " %）。未写入。");
        }
        if (!run.request.write()) {
            return run.end(Outcome.DRY_RUN, "Dry run: the device would scale its reading of " + Format.amps(before)
                            + " to the reference " + Format.amps(reference) + " (error now " + Format.signedAmps(before - reference)
                            + "); nothing written",
                    "试运行：设备将把读数 " + Format.amps(before) + " 校正为参考值 " + Format.amps(reference) + "（当前误差 "
                            + Format.signedAmps(before - reference) + "）；未写入");
        }
        Map<String, Double> backup = backUp(run);
        run.beginWriting();
        run.stage(Stage.WRITING, "Real-current calibration: the device scales its reading to " + Format.amps(reference)
                + " charging", "实际电流校准：设备将读数校正为充电 " + Format.amps(reference));
        try {
            support(run.session).orElseThrow().calibrate(CalibrationSupport.Kind.CURRENT_GAIN, reference);
        } catch (DeviceException e) {
            return restore(run, backup, "The real-current calibration write failed (" + e.getMessage() + ")",
                    "实际电流校准写入失败（" + e.getMessage() + "）");
        }
        run.stage(Stage.VERIFYING, "Verifying: reading the charging current again", "校验：重新读取充电电流");
        Window after;
        try {
            after = run.sampler.collect();
        } catch (DeviceException e) {
            return restore(run, backup, "The verification could not read the device (" + e.getMessage() + ")",
                    "校验时无法读取设备（" + e.getMessage() + "）");
        }
        Measurement verified = measurement.withAfter(after.mean(CurrentCalibration::current));
        run.measured(verified);
        LocalizedText changed = chargingProblem(after);
        if (changed != null) {
            return restore(run, backup, "The charging current did not stay steady during the verification: "
                    + changed.english(), "校验期间充电电流不稳定：" + changed.text(Locale.CHINESE));
        }
        if (!verified.withinTolerance()) {
            return restore(run, backup, "After calibration the reading is " + Format.amps(verified.after()) + ", "
                            + Format.signedAmps(verified.errorAfter()) + " from the reference (allowed ±" + Format.tolerance(TOLERANCE_AMPS) + ")",
                    "校准后读数为 " + Format.amps(verified.after()) + "，与参考值相差 " + Format.signedAmps(verified.errorAfter())
                            + "（允许 ±" + Format.tolerance(TOLERANCE_AMPS) + "）");
        }
        readAfter(run, backup);
        return run.end(Outcome.CALIBRATED, "Real current calibrated at " + Format.amps(reference) + ": error "
                        + Format.signedAmps(verified.errorBefore()) + " before, " + Format.signedAmps(verified.errorAfter())
                        + " after (allowed ±" + Format.tolerance(TOLERANCE_AMPS) + ")",
                "已在 " + Format.amps(reference) + " 校准实际电流：误差由 " + Format.signedAmps(verified.errorBefore()) + " 变为 "
                        + Format.signedAmps(verified.errorAfter()) + "（允许 ±" + Format.tolerance(TOLERANCE_AMPS) + "）");
    }

    private static String window() {
        return Format.number(MIN_CHARGE_AMPS, 0) + "–" + Format.number(MAX_CHARGE_AMPS, 0) + " A";
    }

    /** Null when every reading is a charging current within the window and they agree; else what is wrong. */
    static LocalizedText chargingProblem(Window window) {
        if (window.anyMissing(CurrentCalibration::current)) {
            return LocalizedText.of("the device reports no current", "设备未报告电流");
        }
        double min = window.min(CurrentCalibration::current);
        double max = window.max(CurrentCalibration::current);
        if (min <= CurrentZeroProcedure.DEFAULT_REST_AMPS) {
            String state = min < -CurrentZeroProcedure.DEFAULT_REST_AMPS ? "discharging" : "at rest";
            String stateZh = min < -CurrentZeroProcedure.DEFAULT_REST_AMPS ? "放电" : "静置";
            return LocalizedText.of("the current was " + Format.amps(min) + " (" + state + "); connect a 10–50 A charger",
                    "电流为 " + Format.amps(min) + "（" + stateZh + "）；请连接 10–50 A 充电器");
        }
        if (min < MIN_CHARGE_AMPS || max > MAX_CHARGE_AMPS) {
            return LocalizedText.of("charging at " + Format.amps(min) + (max - min >= 0.05 ? " to " + Format.amps(max) : "")
                            + ", outside the manual's " + window() + " window",
                    "充电电流 " + Format.amps(min) + (max - min >= 0.05 ? " 至 " + Format.amps(max) : "") + "，超出说明书规定的 "
                            + window() + " 范围");
        }
        double allowed = Math.max(STEADY_MIN_AMPS, STEADY_SHARE * max);
        if (max - min > allowed) {
            return LocalizedText.of("the charging current varied between " + Format.amps(min) + " and " + Format.amps(max)
                            + " (at most " + Format.amps(allowed) + " apart); wait until the charger holds it steady",
                    "充电电流在 " + Format.amps(min) + " 与 " + Format.amps(max) + " 之间波动（最多允许相差 " + Format.amps(allowed)
                            + "）；请等待充电器稳定输出");
        }
        return null;
    }
}
