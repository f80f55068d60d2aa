package org.bmsw.calibration.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Telemetry;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.WriteReport;
import org.osgi.service.component.annotations.Component;

/**
 * The Smart BMS's voltage table Vol0–Vol10: the open-circuit cell voltage at 0, 10 … 100 % SOC that the BMS corrects
 * its SOC estimate with at rest. The user gives the cells' curve (a preset from the manual's two parameter screens,
 * or points from the cell maker's datasheet); the table must rise strictly. Written through the schema engine's safe
 * write (backup, read-back, restore); the report shows the SOC the old and the new table give for the cells' present
 * voltage.
 */
@Component(service = CalibrationProcedure.class, property = CalibrationProcedure.PROPERTY_ORDER + ":Integer=400")
public class OcvTableProcedure extends BaseProcedure {

    static final int POINTS = 11;
    static final String PRESET = "preset";
    /** The manual's LFP parameter screen (Chinese page). */
    static final double[] LFP = {2500, 3150, 3195, 3213, 3227, 3236, 3245, 3265, 3280, 3290, 3550};
    /** The manual's English parameter screen (a 4.2 V NMC pack). */
    static final double[] NMC = {3010, 3300, 3710, 3730, 3750, 3780, 3810, 3860, 3920, 4000, 4150};

    @Override
    public String id() {
        return "voltage";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("Voltage table (Vol0–Vol10)", "电压表校准（Vol0–Vol10）");
    }

    @Override
    public LocalizedText description() {
        return LocalizedText.of("Sets the open-circuit voltage table the BMS corrects its SOC with at rest: Vol0 at 0 % "
                        + "to Vol10 at 100 %, from the cells' datasheet or the manual's LFP / NMC table.",
                "设置 BMS 静置时修正 SOC 所用的开路电压表：Vol0 对应 0 %，Vol10 对应 100 %，取自电芯规格书或说明书中的 LFP / NMC 表。");
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            keys.add("Vol" + i);
        }
        return keys;
    }

    @Override
    public boolean appliesTo(DeviceSession session) {
        return Parameters.present(session, keys()).size() == POINTS;
    }

    @Override
    public List<String> affectedParameters(DeviceSession session) {
        return Parameters.present(session, keys());
    }

    @Override
    public List<LocalizedText> steps(DeviceSession session) {
        return List.of(
                LocalizedText.of("Take the cells' open-circuit voltage curve from the datasheet (11 points, 0 to 100 % SOC), "
                        + "or choose the manual's LFP or NMC table.", "从电芯规格书取开路电压曲线（0 至 100 % SOC 共 11 点），或选择说明书中的 LFP 或 NMC 表。"),
                LocalizedText.of("Enter only the points to change; the table must rise from Vol0 to Vol10.",
                        "只需输入要修改的点；电压表须从 Vol0 到 Vol10 递增。"));
    }

    @Override
    public List<CalibrationInput> inputs(DeviceSession session) {
        List<CalibrationInput> inputs = new ArrayList<>();
        inputs.add(new CalibrationInput(PRESET, LocalizedText.of("Start from", "起始表"), "", null, false,
                List.of("device", "lfp", "nmc"), List.of(LocalizedText.of("the device's table", "设备当前表"),
                LocalizedText.of("LFP (the manual's table)", "LFP（说明书表）"),
                LocalizedText.of("NMC 4.2 V (the manual's table)", "三元 4.2 V（说明书表）"))));
        for (String key : keys()) {
            ParameterDef def = Parameters.onDevice(session, key).orElse(null);
            inputs.add(CalibrationInput.number(key, def == null ? LocalizedText.of(key) : def.label(), "mV", null, false));
        }
        return inputs;
    }

    @Override
    CalibrationResult execute(Run run) throws DeviceException, InterruptedException {
        List<String> keys = keys();
        Map<String, Double> current = Parameters.read(run.session, keys);
        Map<String, Double> table = new LinkedHashMap<>(current);
        String preset = run.request.input(PRESET);
        if (preset != null && !preset.equalsIgnoreCase("device")) {
            double[] values = switch (preset.toLowerCase(Locale.ROOT)) {
                case "lfp" -> LFP;
                case "nmc" -> NMC;
                default -> null;
            };
            if (values == null) {
                return run.end(Outcome.REFUSED, "Unknown preset '" + preset + "' (device, lfp or nmc): nothing written",
                        "未知的起始表 '" + preset + "'（device、lfp 或 nmc）：未写入");
            }
            for (int i = 0; i < POINTS; i++) {
                table.put(keys.get(i), values[i]);
            }
        }
        for (String key : keys) {
            String text = run.request.input(key);
            if (text == null) {
                continue;
            }
            try {
                table.put(key, Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return run.end(Outcome.REFUSED, key + ": '" + text + "' is not a voltage in mV: nothing written",
                        key + "：'" + text + "' 不是以 mV 为单位的电压：未写入");
            }
        }
        for (int i = 1; i < POINTS; i++) {
            double below = table.get(keys.get(i - 1));
            double here = table.get(keys.get(i));
            if (!(here > below)) {
                return run.end(Outcome.REFUSED, "The table must rise: " + keys.get(i) + " (" + Format.number(here, 0)
                                + " mV) is not above " + keys.get(i - 1) + " (" + Format.number(below, 0) + " mV). Nothing written.",
                        "电压表必须递增：" + keys.get(i) + "（" + Format.number(here, 0) + " mV）不高于 " + keys.get(i - 1) + "（"
                                + Format.number(below, 0) + " mV）。未写入。");
            }
        }
        Map<String, Double> planned = new LinkedHashMap<>();
        for (String key : keys) {
            if (!Parameters.onDevice(run.session, key).orElseThrow().sameOnDevice(table.get(key), current.get(key))) {
                planned.put(key, table.get(key));
            }
            run.parameter(Parameters.change(run.session, key, current.get(key), table.get(key), null));
        }
        Telemetry now = run.sampler.once();
        double cellVolts = meanCellMillivolts(now);
        run.measured(new Measurement("soc.table", LocalizedText.of("SOC the table gives for the mean cell voltage",
                "按电压表由平均单体电压得到的 SOC"), "%", Double.NaN, socOf(current, cellVolts), Double.NaN, Double.NaN,
                LocalizedText.of("Mean cell voltage " + Format.number(cellVolts, 0) + " mV; meaningful at rest",
                        "平均单体电压 " + Format.number(cellVolts, 0) + " mV；静置时才有意义")));
        if (planned.isEmpty()) {
            return run.end(run.request.write() ? Outcome.CALIBRATED : Outcome.DRY_RUN,
                    "The device already holds this table: nothing to write", "设备已是此电压表：无需写入");
        }
        if (!run.request.write()) {
            return run.end(Outcome.DRY_RUN, "Dry run: would write " + Parameters.describe(run.session, current, planned)
                    + "; nothing written", "试运行：将写入 " + Parameters.describe(run.session, current, planned) + "；未写入");
        }
        run.beginWriting();
        run.stage(Stage.WRITING, "Writing " + Parameters.describe(run.session, current, planned) + " (safe batch write)",
                "写入 " + Parameters.describe(run.session, current, planned) + "（安全批量写入）");
        WriteReport written = Parameters.write(run.session, planned, now.pack().chemistry(), run.request.dataDirectory());
        run.backup(written.backupFile());
        SchemaWrites.readBack(run, current, table);
        CalibrationResult failed = SchemaWrites.unlessWritten(run, written);
        if (failed != null) {
            return failed;
        }
        run.measured(run.measurements().get(0).withAfter(socOf(table, cellVolts)));
        return run.end(Outcome.CALIBRATED, "Voltage table written and read back: " + Parameters.describe(run.session,
                current, planned), "电压表已写入并回读：" + Parameters.describe(run.session, current, planned));
    }

    static double meanCellMillivolts(Telemetry t) {
        return t.cells().stream().mapToDouble(CellVoltage::volts).filter(Double::isFinite).average().orElse(Double.NaN) * 1000;
    }

    /** SOC % by linear interpolation between the table's points (0, 10 … 100 %). */
    static double socOf(Map<String, Double> table, double millivolts) {
        List<String> keys = keys();
        if (!Double.isFinite(millivolts)) {
            return Double.NaN;
        }
        if (millivolts <= table.get(keys.get(0))) {
            return 0;
        }
        for (int i = 1; i < POINTS; i++) {
            double low = table.get(keys.get(i - 1));
            double high = table.get(keys.get(i));
            if (millivolts <= high) {
                return (i - 1 + (millivolts - low) / (high - low)) * 100.0 / (POINTS - 1);
            }
        }
        return 100;
    }
}
