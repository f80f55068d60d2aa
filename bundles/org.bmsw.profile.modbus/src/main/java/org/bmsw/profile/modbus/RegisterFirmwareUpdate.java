package org.bmsw.profile.modbus;

import java.util.List;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.protocol.modbus.ModbusUnit;

/** The profile's firmware section applied to one device: what it is and how its bootloader is entered. */
final class RegisterFirmwareUpdate implements FirmwareUpdateSupport {

    private final RegisterProfile.Firmware firmware;
    private final ModbusUnit unit;
    private final String model;

    RegisterFirmwareUpdate(RegisterProfile.Firmware firmware, ModbusUnit unit, String model) {
        this.firmware = firmware;
        this.unit = unit;
        this.model = model;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String hardwareRevision() {
        return firmware.hardwareRevision();
    }

    @Override
    public List<FlashRegion> flashMap() {
        return firmware.flashMap();
    }

    @Override
    public boolean requiresSignedImages() {
        return firmware.signedImages();
    }

    @Override
    public void enterBootloader() throws DeviceException {
        unit.writeRegister(firmware.register(), firmware.value());
    }
}
