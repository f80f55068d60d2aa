package org.bmsw.device.api;

/** Register-level access for register-based devices (the manual's "REG_Config (Unsigned Short)"). */
public interface RawRegisterAccess {

    /** Reads {@code count} holding registers starting at {@code address}; values 0..65535. */
    int[] readRegisters(int address, int count) throws DeviceException;

    /** Writes one holding register; {@code value} must be 0..65535. */
    void writeRegister(int address, int value) throws DeviceException;
}
