package org.bmsw.calibration.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.bmsw.device.api.Temperature;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.WriteReport;
import org.osgi.service.component.annotations.Component;

/**
 * Temperature offsets (the Smart BMS's TempOffset1–3): the user measures probes with a reference thermometer; the
 * procedure averages each probe's steady reading and corrects its offset parameter by the difference, through the
 * schema engine's safe write, then verifies the readings.
 *
 * <p>Convention (the Smart BMS manual shows 400 for each and documents nothing more): {@code TempOffset<n>} corrects
 * probe n of the main board; a parameter without a unit is a raw number with 400 = no correction and 0.1 °C per
 * step; a parameter in °C is the correction itself.
 */
@Component(service = CalibrationProcedure.class, property = CalibrationProcedure.PROPERTY_ORDER + ":Integer=300")
public class TemperatureProcedure extends BaseProcedure {

    static final Pattern OFFSET_KEY = Pattern.compile("TempOffset(\\d+)");
    static final double RAW_STEP_CELSIUS = 0.1;
    /** A verified probe reads within this of its reference. */
    static final double TOLERANCE_CELSIUS = 0.3;
    /** A probe must not wander more than this within the steady time. */
    static final double STEADY_CELSIUS = 0.3;
    /** A probe this far from the thermometer is faulty or the thermometer is not on it. */
    static final double MAX_CORRECTION_CELSIUS = 15;

    @Override
    public String id() {
        return "temperature";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("Temperature offsets", "温度补偿校准");
    }

    @Override
    public LocalizedText description() {
        return LocalizedText.of("Corrects the temperature probes that have an offset parameter (TempOffset1–3) to a "
                        + "reference thermometer.",
                "按参考温度计修正带补偿参数（TempOffset1–3）的温度探头。");
    }

    /** Offset parameters by probe number, in probe order. */
    static Map<Integer, String> offsets(DeviceSession session) {
        Map<Integer, String> probes = new java.util.TreeMap<>();
        Parameters.schema(session).ifPresent(schema -> {
            for (ParameterDef def : schema.parameters()) {
                Matcher m = OFFSET_KEY.matcher(def.key());
                if (m.matches() && def.writable() && session.parameters().keys().contains(def.key())) {
                    probes.put(Integer.parseInt(m.group(1)), def.key());
                }
            }
        });
        return probes;
    }

    @Override
    public boolean appliesTo(DeviceSession session) {
        return !offsets(session).isEmpty();
    }

    @Override
    public List<String> affectedParameters(DeviceSession session) {
        return List.copyOf(offsets(session).values());
    }

    @Override
    public List<LocalizedText> steps(DeviceSession session) {
        return List.of(
                LocalizedText.of("Let the pack rest until its temperatures are steady (no charge or discharge for a while).",
                        "让电池静置至温度稳定（一段时间内无充放电）。"),
                LocalizedText.of("Put a reference thermometer on each probe to calibrate and read it.",
                        "将参考温度计贴在每个要校准的探头上并读数。"),
                LocalizedText.of("Enter the reference temperature of those probes; leave the others empty.",
                        "输入这些探头的参考温度；其余留空。"));
    }

    @Override
    public List<CalibrationInput> inputs(DeviceSession session) {
        List<CalibrationInput> inputs = new ArrayList<>();
        offsets(session).forEach((probe, key) -> inputs.add(CalibrationInput.number(inputKey(probe),
                LocalizedText.of("Reference temperature of T" + two(probe), "T" + two(probe) + " 参考温度"), "°C",
                LocalizedText.of("Corrected by " + key, "由 " + key + " 修正"), false)));
        return inputs;
    }

    static String inputKey(int probe) {
        return "T" + probe;
    }

    private static String two(int probe) {
        return String.format(Locale.ROOT, "%02d", probe);
    }

    @Override
    CalibrationResult execute(Run run) throws DeviceException, InterruptedException {
        Map<Integer, String> offsets = offsets(run.session);
        Map<Integer, Double> references = new LinkedHashMap<>();
        for (var entry : offsets.entrySet()) {
            String text = run.request.input(inputKey(entry.getKey()));
            if (text == null) {
                continue;
            }
            try {
                double value = Double.parseDouble(text);
                if (!(value >= -40 && value <= 100)) {
                    throw new NumberFormatException();
                }
                references.put(entry.getKey(), value);
            } catch (NumberFormatException e) {
                return run.end(Outcome.REFUSED, "The reference for T" + two(entry.getKey()) + " ('" + text + "') is not a "
                                + "temperature between −40 and 100 °C: nothing written",
                        "T" + two(entry.getKey()) + " 的参考温度（'" + text + "'）不是 −40 至 100 °C 之间的数值：未写入");
            }
        }
        for (String key : run.request.inputs().keySet()) {
            if (key.matches("T\\d+") && !offsets.containsKey(Integer.parseInt(key.substring(1)))) {
                return run.end(Outcome.REFUSED, "Probe " + key + " has no offset parameter on this device (it has "
                                + probeList(offsets) + "): nothing written",
                        "此设备的探头 " + key + " 没有补偿参数（可校准：" + probeList(offsets) + "）：未写入");
            }
        }
        if (references.isEmpty()) {
            return run.end(Outcome.REFUSED, "Enter the reference temperature of at least one probe (" + probeList(offsets)
                    + "): nothing written", "请至少输入一个探头的参考温度（" + probeList(offsets) + "）：未写入");
        }
        run.stage(Stage.WAITING, "Waiting for steady temperatures on " + probeList(references) + " for "
                        + Sampler.seconds(run.request.timing().stableFor()),
                "等待 " + probeList(references) + " 的温度稳定 " + Sampler.seconds(run.request.timing().stableFor()));
        Sampler.Steady steady = run.sampler.awaitSteady(window -> steadyProblem(window, references.keySet()));
        if (!steady.steady()) {
            return run.end(Outcome.REFUSED, LocalizedText.of("Temperatures not ready: " + steady.problem().english()
                    + ". Nothing written.", "温度未就绪：" + steady.problem().text(Locale.CHINESE) + "。未写入。"));
        }
        Map<String, Double> current = Parameters.read(run.session, references.keySet().stream().map(offsets::get).toList());
        Map<String, Double> planned = new LinkedHashMap<>();
        for (var entry : references.entrySet()) {
            int probe = entry.getKey();
            String key = offsets.get(probe);
            ParameterDef def = Parameters.onDevice(run.session, key).orElseThrow();
            double reading = steady.window().mean(t -> probeReading(t, probe));
            double correction = entry.getValue() - reading;
            run.measured(new Measurement(inputKey(probe), LocalizedText.of("Temperature T" + two(probe), "温度 T" + two(probe)),
                    "°C", entry.getValue(), reading, Double.NaN, TOLERANCE_CELSIUS, null));
            if (Math.abs(correction) > MAX_CORRECTION_CELSIUS) {
                return run.end(Outcome.REFUSED, "T" + two(probe) + " reads " + Format.celsius(reading) + ", "
                                + Format.celsius(Math.abs(correction)) + " from the reference " + Format.celsius(entry.getValue())
                                + ": a probe that far off is faulty or the thermometer is not on it (at most "
                                + Format.celsius(MAX_CORRECTION_CELSIUS) + "). Nothing written.",
                        "T" + two(probe) + " 读数 " + Format.celsius(reading) + "，与参考值 " + Format.celsius(entry.getValue())
                                + " 相差 " + Format.celsius(Math.abs(correction)) + "：探头故障或温度计未贴在探头上（最多 "
                                + Format.celsius(MAX_CORRECTION_CELSIUS) + "）。未写入。");
            }
            double value = corrected(def, current.get(key), correction);
            if (value < def.min() || value > def.max()) {
                return run.end(Outcome.REFUSED, key + " would become " + def.format(value) + ", outside its range "
                                + def.format(def.min()) + ".." + def.format(def.max()) + ". Nothing written.",
                        key + " 将变为 " + def.format(value) + "，超出范围 " + def.format(def.min()) + ".." + def.format(def.max())
                                + "。未写入。");
            }
            planned.put(key, value);
            run.parameter(Parameters.change(run.session, key, current.get(key), value, null));
        }
        if (!run.request.write()) {
            return run.end(Outcome.DRY_RUN, "Dry run: would write " + Parameters.describe(run.session, current, planned)
                    + "; nothing written", "试运行：将写入 " + Parameters.describe(run.session, current, planned) + "；未写入");
        }
        String chemistry = steady.window().latest().pack().chemistry();
        run.beginWriting();
        run.stage(Stage.WRITING, "Writing " + Parameters.describe(run.session, current, planned) + " (safe batch write)",
                "写入 " + Parameters.describe(run.session, current, planned) + "（安全批量写入）");
        WriteReport written = Parameters.write(run.session, planned, chemistry, run.request.dataDirectory());
        run.backup(written.backupFile());
        CalibrationResult failed = SchemaWrites.unlessWritten(run, written);
        if (failed != null) {
            return failed;
        }
        run.stage(Stage.VERIFYING, "Verifying: reading the temperatures again", "校验：重新读取温度");
        String problem = null;
        String problemZh = null;
        try {
            Window after = run.sampler.collect();
            for (var entry : references.entrySet()) {
                int probe = entry.getKey();
                Measurement m = run.measurements().stream().filter(x -> x.key().equals(inputKey(probe))).findFirst()
                        .orElseThrow().withAfter(after.mean(t -> probeReading(t, probe)));
                run.measured(m);
                if (!m.withinTolerance() && problem == null) {
                    problem = "T" + two(probe) + " reads " + Format.celsius(m.after()) + " after calibration, "
                            + Format.celsius(Math.abs(m.errorAfter())) + " from its reference (allowed " + Format.celsius(TOLERANCE_CELSIUS) + ")";
                    problemZh = "T" + two(probe) + " 校准后读数 " + Format.celsius(m.after()) + "，与参考值相差 "
                            + Format.celsius(Math.abs(m.errorAfter())) + "（允许 " + Format.celsius(TOLERANCE_CELSIUS) + "）";
                }
            }
        } catch (DeviceException e) {
            problem = "The verification could not read the device (" + e.getMessage() + ")";
            problemZh = "校验时无法读取设备（" + e.getMessage() + "）";
        }
        SchemaWrites.readBack(run, current, planned);
        if (problem != null) {
            return SchemaWrites.restore(run, current, problem, problemZh);
        }
        return run.end(Outcome.CALIBRATED, "Temperature offsets calibrated: " + Parameters.describe(run.session, current, planned),
                "温度补偿已校准：" + Parameters.describe(run.session, current, planned));
    }

    /** The parameter value that adds {@code correctionCelsius} to the probe's reading, on its resolution. */
    static double corrected(ParameterDef def, double current, double correctionCelsius) {
        double inUnits = "°C".equals(def.unit()) ? correctionCelsius : correctionCelsius / RAW_STEP_CELSIUS;
        double steps = Math.round(inUnits / def.resolution());
        return def.toEngineering(def.nearestRaw(current) + (long) steps);
    }

    static double probeReading(Telemetry t, int probe) {
        Optional<Temperature> found = t.temperatures().stream().filter(p -> p.index() == probe && p.module() == 0).findFirst();
        return found.filter(Temperature::fitted).map(Temperature::celsius).orElse(Double.NaN);
    }

    private static LocalizedText steadyProblem(Window window, Iterable<Integer> probes) {
        for (int probe : probes) {
            if (window.anyMissing(t -> probeReading(t, probe))) {
                return LocalizedText.of("T" + two(probe) + " is not fitted or reads nothing", "T" + two(probe) + " 未安装或无读数");
            }
            double spread = window.spread(t -> probeReading(t, probe));
            if (spread > STEADY_CELSIUS) {
                return LocalizedText.of("T" + two(probe) + " changed by " + Format.celsius(spread) + " (at most "
                                + Format.celsius(STEADY_CELSIUS) + "); let the pack rest until temperatures settle",
                        "T" + two(probe) + " 变化了 " + Format.celsius(spread) + "（最多 " + Format.celsius(STEADY_CELSIUS)
                                + "）；请静置电池至温度稳定");
            }
        }
        return null;
    }

    private static String probeList(Map<Integer, ?> probes) {
        return String.join(", ", probes.keySet().stream().map(p -> "T" + two(p)).toList());
    }
}
