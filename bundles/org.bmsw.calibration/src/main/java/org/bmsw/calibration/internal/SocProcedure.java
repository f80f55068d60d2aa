package org.bmsw.calibration.internal;

import java.util.List;
import java.util.Map;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Telemetry;
import org.bmsw.schema.WriteReport;
import org.osgi.service.component.annotations.Component;

/**
 * The JDI manual's SOC calibration ("modifying the SOC to 30 %: double click 65535, enter 30, click Calibration,
 * click Flash"): the BMS's SOC estimate is set to a known value through the parameter {@code SOC}, then verified in
 * the telemetry. A failed verification sets the previous estimate again.
 */
@Component(service = CalibrationProcedure.class, property = CalibrationProcedure.PROPERTY_ORDER + ":Integer=500")
public class SocProcedure extends BaseProcedure {

    static final String PARAMETER = "SOC";
    static final String INPUT = "soc";
    /** The parameter's resolution: whole percent. */
    static final double TOLERANCE_PERCENT = 1.0;

    @Override
    public String id() {
        return "soc";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("SOC", "SOC 标定");
    }

    @Override
    public LocalizedText description() {
        return LocalizedText.of("Sets the BMS's state-of-charge estimate to a known value, e.g. 100 % after a full charge "
                        + "(the JDI manual's SOC calibration, written to RAM, then flashed).",
                "将 BMS 的 SOC 估算值设为已知值，例如充满后设为 100 %（JDI 说明书中的 SOC 标定：先写入 RAM 再固化）。");
    }

    @Override
    public boolean appliesTo(DeviceSession session) {
        return Parameters.onDevice(session, PARAMETER).filter(def -> def.writable() && "%".equals(def.unit())).isPresent();
    }

    @Override
    public List<String> affectedParameters(DeviceSession session) {
        return Parameters.present(session, List.of(PARAMETER));
    }

    @Override
    public List<LocalizedText> steps(DeviceSession session) {
        return List.of(
                LocalizedText.of("Bring the pack to a known state of charge: fully charged (100 %), or discharged to the "
                        + "cut-off (0 %).", "使电池处于已知的荷电状态：充满（100 %）或放电至截止（0 %）。"),
                LocalizedText.of("Enter that SOC in whole percent.", "以整数百分比输入该 SOC。"));
    }

    @Override
    public List<CalibrationInput> inputs(DeviceSession session) {
        return List.of(CalibrationInput.number(INPUT, LocalizedText.of("Known state of charge", "已知 SOC"), "%",
                LocalizedText.of("0 to 100, whole percent", "0 至 100 的整数"), true));
    }

    @Override
    CalibrationResult execute(Run run) throws DeviceException, InterruptedException {
        String text = run.request.input(INPUT);
        double reference;
        try {
            reference = Double.parseDouble(text == null ? "" : text);
        } catch (NumberFormatException e) {
            reference = Double.NaN;
        }
        if (!(reference >= 0 && reference <= 100) || reference != Math.rint(reference)) {
            return run.end(Outcome.REFUSED, "Enter the known SOC as a whole percent 0..100" + (text == null ? "" : ", not '"
                    + text + "'") + ": nothing written", "请以 0..100 的整数输入已知 SOC：未写入");
        }
        Telemetry now = run.sampler.once();
        double before = now.pack().socPercent();
        Measurement measurement = new Measurement("soc", LocalizedText.of("State of charge", "荷电状态"), "%", reference,
                before, Double.NaN, TOLERANCE_PERCENT, null);
        run.measured(measurement);
        Map<String, Double> planned = Map.of(PARAMETER, reference);
        Map<String, Double> current = Parameters.read(run.session, List.of(PARAMETER));
        run.parameter(Parameters.change(run.session, PARAMETER, current.get(PARAMETER), reference, null));
        if (!run.request.write()) {
            return run.end(Outcome.DRY_RUN, "Dry run: would set the SOC from " + Format.number(before, 1) + " % to "
                    + Format.number(reference, 0) + " %; nothing written", "试运行：将把 SOC 由 " + Format.number(before, 1)
                    + " % 设为 " + Format.number(reference, 0) + " %；未写入");
        }
        run.beginWriting();
        run.stage(Stage.WRITING, "Setting the SOC to " + Format.number(reference, 0) + " % (Calibration, then Flash)",
                "将 SOC 设为 " + Format.number(reference, 0) + " %（写入 RAM 后固化）");
        WriteReport written = Parameters.write(run.session, planned, now.pack().chemistry(), run.request.dataDirectory());
        run.backup(written.backupFile());
        CalibrationResult failed = SchemaWrites.unlessWritten(run, written);
        if (failed != null) {
            return failed;
        }
        SchemaWrites.readBack(run, current, planned);
        run.stage(Stage.VERIFYING, "Verifying: reading the SOC again", "校验：重新读取 SOC");
        String problem;
        String problemZh;
        try {
            Measurement verified = measurement.withAfter(run.sampler.collect().latest().pack().socPercent());
            run.measured(verified);
            if (verified.withinTolerance()) {
                return run.end(Outcome.CALIBRATED, "SOC set from " + Format.number(before, 1) + " % to "
                        + Format.number(verified.after(), 1) + " %", "SOC 已由 " + Format.number(before, 1) + " % 设为 "
                        + Format.number(verified.after(), 1) + " %");
            }
            problem = "The BMS reports " + Format.number(verified.after(), 1) + " % after setting " + Format.number(reference, 0) + " %";
            problemZh = "设置 " + Format.number(reference, 0) + " % 后 BMS 报告 " + Format.number(verified.after(), 1) + " %";
        } catch (DeviceException e) {
            problem = "The verification could not read the device (" + e.getMessage() + ")";
            problemZh = "校验时无法读取设备（" + e.getMessage() + "）";
        }
        // the parameter is a one-shot setting: the previous estimate is restored by setting it
        double previous = Math.max(0, Math.min(100, Math.round(before)));
        return SchemaWrites.restore(run, Map.of(PARAMETER, previous), problem + " (the previous estimate was "
                + Format.number(before, 1) + " %)", problemZh + "（原估算值 " + Format.number(before, 1) + " %）");
    }
}
