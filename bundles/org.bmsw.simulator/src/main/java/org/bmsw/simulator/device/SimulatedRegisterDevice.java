package org.bmsw.simulator.device;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.profile.modbus.FieldCodec;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Command;
import org.bmsw.profile.modbus.TelemetryEncoder;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.ControlCommand;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.SimulatedFailure;
import org.bmsw.simulator.can.SimulatedTelemetry;

/**
 * A register-based BMS as seen on the bus: reads encode the battery model's present state through the
 * profile's map; writes to its command and calibration registers act on the model. Addresses the map
 * does not define are refused with ILLEGAL DATA ADDRESS, as a real device would.
 *
 * <p>Parameters live twice, as on a device with RAM and flash: a write lands in RAM and acts on the model at
 * once. With a schema that persists immediately (Smart BMS) every write also lands in flash; with a
 * {@code ram-then-flash} schema (JDI "Calibration") only the profile's persist write ("Flash") copies RAM to
 * flash. {@link #restart()} (also the RESET command) reloads RAM from flash, so unflashed values are lost.
 *
 * <p>Parameters with an effect beyond the model's parameter map: {@code SOC} (JDI) sets the BMS's SOC estimate
 * when written with 0..100 and reads 65535 ("not set") again after a restart; {@code SIM_<failure>} (a
 * {@link SimulatedFailure} name) injects the failure while 1.
 *
 * <p>Calibration parameters (Smart BMS V4.0 names; the vendor documents neither encoding, so these are the
 * simulator's assumption): {@code TempOffset<n>} corrects probe n by (value − 400) × 0.1 °C; {@code C_Offset} is the
 * zero of the current reading, (value − 16380) × 0.01 A, and {@code C_Gain} its gain, value / 82. The calibration
 * registers ("Cal_Cur") compute the calibration exactly and store it in these two parameters, rounded to their
 * resolution, as a board keeps its calibration in its parameter memory; writing the parameters (a restore)
 * sets the calibration from them.
 */
public final class SimulatedRegisterDevice implements RegisterBank {

    /** The JDI SOC field: a one-shot setting, 65535 when nothing is pending. */
    static final String SOC_KEY = "SOC";
    static final long SOC_NOT_SET = 65535;
    static final String FAILURE_PREFIX = "SIM_";
    static final Pattern TEMPERATURE_OFFSET = Pattern.compile("TempOffset(\\d+)");
    static final double TEMPERATURE_OFFSET_ZERO = 400;
    static final double TEMPERATURE_OFFSET_STEP_CELSIUS = 0.1;
    static final String CURRENT_OFFSET_KEY = "C_Offset";
    static final double CURRENT_OFFSET_ZERO = 16380;
    static final double CURRENT_OFFSET_STEP_AMPS = 0.01;
    static final String CURRENT_GAIN_KEY = "C_Gain";
    static final double CURRENT_GAIN_UNITY = 82;

    private final RegisterProfile profile;
    private final BatterySimulator battery;
    private final TelemetryEncoder encoder;
    private final String firmwareVersion;
    private final String model;
    private final DeviceIdentity identity;
    private final ParameterSchema schema;
    private final boolean staging;
    /** Parameter registers by address, RAM (what the device works with) and flash. Guarded by {@code this}. */
    private final Map<Integer, Integer> parameterRegisters = new TreeMap<>();
    private final Map<Integer, Integer> flashRegisters = new TreeMap<>();

    /**
     * The model is the profile's only one, or for a JDI cascade the BIU's ({@code BI51nn}, nn = its cells).
     *
     * @param schema the profile's parameter schema, or null for a device without parameters. Values start
     *               at the battery model's parameters where it has them, else at the schema's defaults.
     */
    public SimulatedRegisterDevice(RegisterProfile profile, ParameterSchema schema, BatterySimulator battery, int address,
                                   String firmwareVersion) {
        this(profile, schema, battery, address, firmwareVersion, defaultModel(profile, battery.config()));
    }

    /** @param model what the identification registers report; one of the profile's models */
    public SimulatedRegisterDevice(RegisterProfile profile, ParameterSchema schema, BatterySimulator battery, int address,
                                   String firmwareVersion, String model) {
        if (!profile.identify().accepted().contains(model)) {
            throw new IllegalArgumentException("model " + model + " is not one of " + profile.id() + "'s "
                    + profile.identify().accepted());
        }
        this.profile = profile;
        this.schema = schema;
        this.battery = battery;
        this.encoder = new TelemetryEncoder(profile);
        this.firmwareVersion = firmwareVersion;
        this.model = model;
        this.identity = new DeviceIdentity(profile.id(), model, firmwareVersion, "", "", address, false);
        this.staging = schema != null && schema.persistence() == Persistence.RAM_THEN_FLASH;
        if (schema != null) {
            Map<String, Double> modelValues = battery.parameters();
            for (ParameterDef def : registerParameters()) {
                Double value = modelValues.containsKey(def.key()) ? modelValues.get(def.key()) : def.defaultValue();
                store(def, def.type().toWords(rawNear(def, value == null ? def.min() : value)));
            }
            flashRegisters.putAll(parameterRegisters);
        }
    }

    /** A JDI board reports BI51 and the cell count of its BIU (module 0); other profiles name one model. */
    static String defaultModel(RegisterProfile profile, PackConfig config) {
        List<String> accepted = profile.identify().accepted();
        // models named after the main board's cell count (BI5116 / BI5132 / BI5148): the one that fits, else the first
        String cells = String.format("%02d", config.moduleCells().get(0));
        return accepted.stream().filter(model -> model.endsWith(cells)).findFirst().orElse(accepted.get(0));
    }

    /** The model may hold values finer than the register's resolution: store the nearest one in range. */
    private static long rawNear(ParameterDef def, double value) {
        if (def.enumerated()) {
            double allowed = def.enumeration().containsKey((long) value) ? value
                    : def.defaultValue() != null ? def.defaultValue() : def.enumeration().keySet().iterator().next();
            return def.rawOf(allowed).orElseThrow();
        }
        double inRange = Math.max(def.min(), Math.min(def.max(), value));
        long raw = Math.round((inRange - def.offset()) / def.scale());
        return Math.max(def.type().min(), Math.min(def.type().max(), raw));
    }

    private void store(ParameterDef def, int[] words) {
        for (int i = 0; i < words.length; i++) {
            parameterRegisters.put(def.location().register() + i, words[i]);
        }
    }

    public BatterySimulator battery() {
        return battery;
    }

    /** Who the device says it is: the model its identification registers hold. */
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
        return read(3, address, count);
    }

    @Override
    public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
        return read(4, address, count);
    }

    private int[] read(int function, int address, int count) throws ModbusRefusal {
        if (function == 3) {
            int[] stored = storedParameters(address, count);
            if (stored != null) {
                return stored;
            }
        }
        var identify = profile.identify();
        if (identify.function() == function && within(address, count, identify.register(), identify.count())) {
            return Arrays.copyOfRange(encoder.identification(model), address - identify.register(),
                    address - identify.register() + count);
        }
        for (Block block : profile.blocks()) {
            if (block.function() == function && within(address, count, block.register(), block.count())) {
                Map<String, int[]> blocks = encoder.encode(
                        SimulatedTelemetry.of(battery.snapshot(), identity, Instant.now()), firmwareVersion);
                int from = address - block.register();
                return Arrays.copyOfRange(blocks.get(block.id()), from, from + count);
            }
        }
        throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS, String.format(
                "no %s registers 0x%04X..0x%04X in the %s map", function == 4 ? "input" : "holding", address,
                address + count - 1, profile.id()));
    }

    private static boolean within(int address, int count, int start, int size) {
        return address >= start && address + count <= start + size;
    }

    private synchronized int[] storedParameters(int address, int count) {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            Integer word = parameterRegisters.get(address + i);
            if (word == null) {
                return null;
            }
            words[i] = word;
        }
        return words;
    }

    /**
     * A write into the parameter area: every register must belong to a parameter, every value must be
     * one the schema can hold, or nothing is changed. The new values act on the battery model at once.
     */
    private synchronized boolean writeParameters(int address, int[] values) throws ModbusRefusal {
        if (schema == null || !parameterRegisters.containsKey(address)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!parameterRegisters.containsKey(address + i)) {
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS,
                        String.format("0x%04X is not a parameter register", address + i));
            }
        }
        Map<Integer, Integer> before = new TreeMap<>(parameterRegisters);
        for (int i = 0; i < values.length; i++) {
            parameterRegisters.put(address + i, values[i]);
        }
        Map<String, Double> changed = new LinkedHashMap<>();
        for (ParameterDef def : registerParameters()) {
            int start = def.location().register();
            if (start + def.type().words() <= address || start >= address + values.length) {
                continue;
            }
            double value = valueIn(def, parameterRegisters);
            boolean allowed = def.enumerated() ? def.enumeration().containsKey((long) value)
                    : value >= def.min() && value <= def.max();
            if (!allowed) {
                parameterRegisters.clear();
                parameterRegisters.putAll(before);
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, def.key() + " = " + value + " " + def.unit()
                        + (def.enumerated() ? " is not one of its values" : " is outside " + def.min() + ".." + def.max()));
            }
            changed.put(def.key(), value);
        }
        if (!staging) {
            flashRegisters.putAll(parameterRegisters);
        }
        apply(changed);
        return true;
    }

    private static double valueIn(ParameterDef def, Map<Integer, Integer> registers) {
        int[] words = new int[def.type().words()];
        for (int i = 0; i < words.length; i++) {
            words[i] = registers.get(def.location().register() + i);
        }
        return def.toEngineering(def.type().fromWords(words, 0));
    }

    /** Values the device now works with, acting on the model: its parameters, the SOC, simulated failures. */
    private void apply(Map<String, Double> values) {
        Map<String, Double> model = new HashMap<>();
        Set<String> known = battery.parameters().keySet();
        applyCurrentCalibration(values.get(CURRENT_GAIN_KEY), values.get(CURRENT_OFFSET_KEY));
        values.forEach((key, value) -> {
            var temperatureOffset = TEMPERATURE_OFFSET.matcher(key);
            if (temperatureOffset.matches()) {
                int probe = Integer.parseInt(temperatureOffset.group(1));
                if (probe >= 1 && probe <= battery.config().probeCount()) {
                    battery.setProbeCorrection(probe, (value - TEMPERATURE_OFFSET_ZERO) * TEMPERATURE_OFFSET_STEP_CELSIUS);
                }
            } else if (key.equals(SOC_KEY) && schema.persistence() == Persistence.RAM_THEN_FLASH) {
                if (value != SOC_NOT_SET) {
                    battery.setSocPercent(value);
                }
            } else if (key.startsWith(FAILURE_PREFIX) && failure(key) != null) {
                if (value >= 1) {
                    battery.injectFailure(failure(key));
                } else {
                    battery.clearFailure(failure(key));
                }
            } else if (known.contains(key)) {
                model.put(key, value);
            }
        });
        if (!model.isEmpty()) {
            battery.setParameters(model);
        }
    }

    /** C_Gain and C_Offset written (either may be null: unchanged) set the current calibration from them. */
    private void applyCurrentCalibration(Double gainValue, Double offsetValue) {
        if (gainValue == null && offsetValue == null) {
            return;
        }
        var state = battery.snapshot();
        double gain = gainValue == null ? state.currentCalibrationGain() : gainValue / CURRENT_GAIN_UNITY;
        double offset = offsetValue == null ? state.currentCalibrationOffsetAmps()
                : (offsetValue - CURRENT_OFFSET_ZERO) * CURRENT_OFFSET_STEP_AMPS;
        battery.setCurrentCalibration(gain, offset);
    }

    /** After a "Cal_Cur" calibration: the board keeps the new calibration in C_Gain and C_Offset. */
    private synchronized void storeCurrentCalibration() {
        if (schema == null) {
            return;
        }
        var state = battery.snapshot();
        storeCalibration(CURRENT_GAIN_KEY, state.currentCalibrationGain() * CURRENT_GAIN_UNITY);
        storeCalibration(CURRENT_OFFSET_KEY,
                CURRENT_OFFSET_ZERO + state.currentCalibrationOffsetAmps() / CURRENT_OFFSET_STEP_AMPS);
        if (!staging) {
            flashRegisters.putAll(parameterRegisters);
        }
    }

    private void storeCalibration(String key, double value) {
        schema.parameter(key).filter(def -> def.location() != null && def.location().register() != null)
                .ifPresent(def -> store(def, def.type().toWords(rawNear(def, value))));
    }

    private static SimulatedFailure failure(String key) {
        try {
            return SimulatedFailure.valueOf(key.substring(FAILURE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void writeRegisters(int address, int[] values) throws ModbusRefusal {
        if (writeParameters(address, values)) {
            return;
        }
        var persist = profile.persist();
        if (persist != null && address == persist.register() && values.length == 1 && values[0] == persist.value()) {
            persist();
            return;
        }
        for (Command command : profile.commands()) {
            if (address == command.register() && values.length == 1 && values[0] == command.value()) {
                execute(command.key());
                return;
            }
        }
        var calibration = profile.calibration();
        if (calibration != null && address == calibration.zeroRegister() && values.length == 1
                && values[0] == calibration.zeroValue()) {
            battery.calibrateCurrentZero();
            storeCurrentCalibration();
            return;
        }
        if (calibration != null && address == calibration.gainRegister()
                && values.length == (calibration.gainType().endsWith("32") ? 2 : 1)) {
            double deviceValue = FieldCodec.raw(calibration.gainType(), values, 0) * calibration.gainScale();
            try {
                battery.calibrateCurrentGain(deviceValue * calibration.chargingSign());
                storeCurrentCalibration();
            } catch (IllegalStateException e) {
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, e.getMessage());
            }
            return;
        }
        boolean commandRegister = profile.commands().stream().anyMatch(c -> c.register() == address)
                || persist != null && persist.register() == address;
        throw new ModbusRefusal(commandRegister ? ExceptionCode.ILLEGAL_DATA_VALUE : ExceptionCode.ILLEGAL_DATA_ADDRESS,
                String.format("write of %s to 0x%04X is not defined in the %s map", Arrays.toString(values), address,
                        profile.id()));
    }

    private void execute(String key) throws ModbusRefusal {
        if (key.equals(ControlCommand.RESET.name())) {
            restart();
            return;
        }
        try {
            battery.command(ControlCommand.valueOf(key));
        } catch (IllegalArgumentException e) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "the simulator has no command " + key);
        }
    }

    // ------------------------------------------------------------------ RAM and flash

    /** "Flash": the RAM parameters become the ones that survive a restart. */
    public synchronized void persist() {
        flashRegisters.clear();
        flashRegisters.putAll(parameterRegisters);
    }

    /**
     * The BMS restarts (power cycle, RESET): RAM is reloaded from flash and acts on the model, unflashed values are
     * gone, the SOC field reads "not set" again, and the BMS logic restarts (protections re-evaluated).
     */
    public void restart() {
        synchronized (this) {
            parameterRegisters.clear();
            parameterRegisters.putAll(flashRegisters);
            if (schema != null) {
                schema.parameter(SOC_KEY).filter(def -> staging && def.location().register() != null)
                        .ifPresent(def -> store(def, def.type().toWords(SOC_NOT_SET)));
                Map<String, Double> all = new LinkedHashMap<>(ramValues());
                all.remove(SOC_KEY);
                apply(all);
            }
        }
        battery.command(ControlCommand.RESET);
    }

    /** The parameter values the device works with now (RAM), by schema key in engineering units. */
    public synchronized Map<String, Double> ramValues() {
        return values(parameterRegisters);
    }

    /** The values that survive a restart (flash): what a state file keeps. */
    public synchronized Map<String, Double> flashedValues() {
        return values(flashRegisters);
    }

    /** Keys whose RAM value differs from the flashed one ("Calibration" without "Flash"). */
    public synchronized Set<String> unflashedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (ParameterDef def : registerParameters()) {
            if (valueIn(def, parameterRegisters) != valueIn(def, flashRegisters)) {
                keys.add(def.key());
            }
        }
        return keys;
    }

    /**
     * Starts from a saved flash (a state file): the values become flash and RAM, as after a power-on, and act on
     * the model. Keys the schema lacks and values it refuses are skipped and returned with the reason.
     */
    public synchronized Map<String, String> importFlashed(Map<String, Double> saved) {
        Map<String, String> skipped = new LinkedHashMap<>();
        for (var entry : saved.entrySet()) {
            ParameterDef def = schema == null ? null : schema.parameter(entry.getKey()).orElse(null);
            if (def == null || def.location() == null || def.location().register() == null) {
                skipped.put(entry.getKey(), "not a register parameter of " + profile.id());
                continue;
            }
            double value = entry.getValue();
            boolean allowed = def.enumerated() ? def.enumeration().containsKey((long) value)
                    : value >= def.min() && value <= def.max();
            if (!allowed || def.rawOf(value).isEmpty()) {
                skipped.put(entry.getKey(), value + " " + def.unit() + " is not a value of " + def.key());
                continue;
            }
            int[] words = def.type().toWords(def.rawOf(value).getAsLong());
            for (int i = 0; i < words.length; i++) {
                flashRegisters.put(def.location().register() + i, words[i]);
            }
        }
        parameterRegisters.clear();
        parameterRegisters.putAll(flashRegisters);
        Map<String, Double> all = new LinkedHashMap<>(ramValues());
        all.remove(SOC_KEY);
        apply(all);
        return skipped;
    }

    private Map<String, Double> values(Map<Integer, Integer> registers) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ParameterDef def : registerParameters()) {
            values.put(def.key(), valueIn(def, registers));
        }
        return values;
    }

    private List<ParameterDef> registerParameters() {
        return schema == null ? List.of() : schema.parameters().stream()
                .filter(def -> def.location() != null && def.location().register() != null).toList();
    }
}
