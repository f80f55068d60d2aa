package org.bmsw.simulator.device;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.ControlCommand;
import org.bmsw.simulator.battery.TelemetryMapper;

/**
 * A register-based BMS as seen on the bus: reads encode the battery model's present state through the
 * profile's map; writes to its command and calibration registers act on the model. Addresses the map
 * does not define are refused with ILLEGAL DATA ADDRESS, as a real device would.
 */
public final class SimulatedRegisterDevice implements RegisterBank {

    private final RegisterProfile profile;
    private final BatterySimulator battery;
    private final TelemetryEncoder encoder;
    private final String firmwareVersion;
    private final DeviceIdentity identity;
    private final ParameterSchema schema;
    /** Parameter registers by address: what the device stores. Guarded by {@code this}. */
    private final Map<Integer, Integer> parameterRegisters = new TreeMap<>();

    /**
     * @param schema the profile's parameter schema, or null for a device without parameters. Values start
     *               at the battery model's parameters where it has them, else at the schema's defaults.
     */
    public SimulatedRegisterDevice(RegisterProfile profile, ParameterSchema schema, BatterySimulator battery, int address,
                                   String firmwareVersion) {
        this.profile = profile;
        this.schema = schema;
        this.battery = battery;
        this.encoder = new TelemetryEncoder(profile);
        this.firmwareVersion = firmwareVersion;
        this.identity = new DeviceIdentity(profile.id(), profile.identify().ascii(), firmwareVersion, "", "", address,
                false);
        if (schema != null) {
            Map<String, Double> model = battery.parameters();
            for (ParameterDef def : schema.parameters()) {
                if (def.location() == null || def.location().register() == null) {
                    continue;
                }
                Double value = model.containsKey(def.key()) ? model.get(def.key()) : def.defaultValue();
                store(def, def.type().toWords(rawNear(def, value == null ? def.min() : value)));
            }
        }
    }

    /** The model may hold values finer than the register's resolution: store the nearest one in range. */
    private static long rawNear(ParameterDef def, double value) {
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
            return Arrays.copyOfRange(encoder.identification(), address - identify.register(),
                    address - identify.register() + count);
        }
        for (Block block : profile.blocks()) {
            if (block.function() == function && within(address, count, block.register(), block.count())) {
                Map<String, int[]> blocks = encoder.encode(
                        TelemetryMapper.toTelemetry(battery.snapshot(), identity, Instant.now()), firmwareVersion);
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
     * one the schema can hold, or nothing is changed. Values the battery model knows take effect at once.
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
        Map<String, Double> changed = new java.util.HashMap<>();
        for (ParameterDef def : schema.parameters()) {
            Integer start = def.location() == null ? null : def.location().register();
            if (start == null || start + def.type().words() <= address || start >= address + values.length) {
                continue;
            }
            int[] words = new int[def.type().words()];
            for (int i = 0; i < words.length; i++) {
                words[i] = parameterRegisters.get(start + i);
            }
            double value = def.toEngineering(def.type().fromWords(words, 0));
            if (value < def.min() || value > def.max()) {
                parameterRegisters.clear();
                parameterRegisters.putAll(before);
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, def.key() + " = " + value + " " + def.unit()
                        + " is outside " + def.min() + ".." + def.max());
            }
            if (battery.parameters().containsKey(def.key())) {
                changed.put(def.key(), value);
            }
        }
        battery.setParameters(changed);
        return true;
    }

    @Override
    public void writeRegisters(int address, int[] values) throws ModbusRefusal {
        if (writeParameters(address, values)) {
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
            return;
        }
        if (calibration != null && address == calibration.gainRegister()
                && values.length == (calibration.gainType().endsWith("32") ? 2 : 1)) {
            double deviceValue = FieldCodec.raw(calibration.gainType(), values, 0) * calibration.gainScale();
            try {
                battery.calibrateCurrentGain(deviceValue * calibration.chargingSign());
            } catch (IllegalStateException e) {
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, e.getMessage());
            }
            return;
        }
        boolean commandRegister = profile.commands().stream().anyMatch(c -> c.register() == address);
        throw new ModbusRefusal(commandRegister ? ExceptionCode.ILLEGAL_DATA_VALUE : ExceptionCode.ILLEGAL_DATA_ADDRESS,
                String.format("write of %s to 0x%04X is not defined in the %s map", Arrays.toString(values), address,
                        profile.id()));
    }

    private void execute(String key) throws ModbusRefusal {
        try {
            battery.command(ControlCommand.valueOf(key));
        } catch (IllegalArgumentException e) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "the simulator has no command " + key);
        }
    }
}
