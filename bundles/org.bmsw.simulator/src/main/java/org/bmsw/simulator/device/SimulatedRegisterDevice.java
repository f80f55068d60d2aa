package org.bmsw.simulator.device;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.profile.modbus.FieldCodec;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Command;
import org.bmsw.profile.modbus.TelemetryEncoder;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.RegisterBank;
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

    public SimulatedRegisterDevice(RegisterProfile profile, BatterySimulator battery, int address, String firmwareVersion) {
        this.profile = profile;
        this.battery = battery;
        this.encoder = new TelemetryEncoder(profile);
        this.firmwareVersion = firmwareVersion;
        this.identity = new DeviceIdentity(profile.id(), profile.identify().ascii(), firmwareVersion, "", "", address,
                false);
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

    @Override
    public void writeRegisters(int address, int[] values) throws ModbusRefusal {
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
