package org.bmsw.profile.modbus;

import java.util.EnumSet;
import java.util.Set;

import org.bmsw.device.api.CalibrationSupport;
import org.bmsw.device.api.DeviceException;
import org.bmsw.protocol.modbus.ModbusUnit;

/** Current calibration done by the device itself, from a reference the user supplies. */
final class RegisterCalibration implements CalibrationSupport {

    private final RegisterProfile.CalibrationRegisters registers;
    private final ModbusUnit unit;

    RegisterCalibration(RegisterProfile.CalibrationRegisters registers, ModbusUnit unit) {
        this.registers = registers;
        this.unit = unit;
    }

    @Override
    public Set<Kind> kinds() {
        return EnumSet.of(Kind.CURRENT_ZERO, Kind.CURRENT_GAIN);
    }

    @Override
    public void calibrate(Kind kind, double reference) throws DeviceException {
        if (kind == Kind.CURRENT_ZERO) {
            unit.writeRegister(registers.zeroRegister(), registers.zeroValue());
            return;
        }
        // the API's convention is positive = charging; the device may want charging entered as negative
        double deviceValue = reference * registers.chargingSign();
        int[] words = new int[registers.gainType().endsWith("32") ? 2 : 1];
        try {
            FieldCodec.put(registers.gainType(), words, 0, Math.round(deviceValue / registers.gainScale()));
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceException.Reason.INVALID, "reference current " + reference
                    + " A cannot be sent: " + e.getMessage());
        }
        unit.writeRegisters(registers.gainRegister(), words);
    }
}
