package org.bmsw.simulator.bus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.device.SimulatedBootloader;
import org.bmsw.simulator.device.SimulatedRegisterDevice;

/**
 * One virtual device at one address: a battery model served through a register profile's own map and
 * parameter schema (the data the host reads, never a copy). When the profile has a firmware section the device
 * has a bootloader too ({@link SimulatedBootloader}); a new application image starts with the version it declares,
 * keeping the parameters in flash, as a firmware update keeps a BMS's settings.
 */
public final class VirtualDevice {

    private final RegisterDeviceProfile profile;
    private final int address;
    private final BatterySimulator battery;
    private final SimulatedBootloader bootloader;
    private volatile SimulatedRegisterDevice registers;

    public VirtualDevice(RegisterDeviceProfile profile, int address, VirtualDeviceOptions options) {
        if (address < 1 || address > 247) {
            throw new IllegalArgumentException("a Modbus device address is 1..247, not " + address);
        }
        this.profile = profile;
        this.address = address;
        int[] modules = options.modules().stream().mapToInt(Integer::intValue).toArray();
        PackConfig.Builder pack = VirtualDeviceOptions.cascade(profile)
                ? PackConfig.jdi(modules)
                : PackConfig.smartBms(options.modules().stream().mapToInt(Integer::intValue).sum());
        pack.chemistry(options.chemistry()).seed(options.seed());
        if (!Double.isNaN(options.socPercent())) {
            pack.initialSoc(options.socPercent() / 100);
        }
        this.battery = new BatterySimulator(pack.build());
        this.registers = new SimulatedRegisterDevice(profile.definition(), profile.parameterSchema().orElse(null),
                battery, address, options.firmware());
        restore(boardConfiguration(battery.config().cellCount()));
        this.bootloader = profile.definition().firmware() == null ? null
                : new SimulatedBootloader(profile.definition().firmware(), options.firmware());
        if (bootloader != null) {
            bootloader.onApplicationStart(this::applicationStarted);
        }
    }

    /** The application restarted: with the flashed parameters, reporting the version its image declares. */
    private void applicationStarted(String version) {
        SimulatedRegisterDevice before = registers;
        SimulatedRegisterDevice after = new SimulatedRegisterDevice(profile.definition(),
                profile.parameterSchema().orElse(null), battery, address, version);
        after.importFlashed(before.flashedValues());
        registers = after;
    }

    /**
     * The board's own cell configuration, so that the device's parameters agree with its pack: the cell count
     * (CELLNUM) and, for two-AFE boards like the Smart BMS, the cells on the master and slave AFE (AFE_M + AFE_S =
     * CELLNUM, at most 16 each). Keys a schema does not have are skipped.
     */
    private Map<String, Double> boardConfiguration(int cells) {
        ParameterSchema schema = profile.parameterSchema().orElse(null);
        Map<String, Double> values = new LinkedHashMap<>();
        if (schema == null || schema.parameter("CELLNUM").isEmpty()) {
            return values;
        }
        values.put("CELLNUM", (double) cells);
        if (schema.parameter("AFE_M").isPresent() && schema.parameter("AFE_S").isPresent() && cells <= 32) {
            int master = Math.min(16, (cells + 1) / 2);
            values.put("AFE_M", (double) master);
            values.put("AFE_S", (double) (cells - master));
        }
        return values;
    }

    public RegisterDeviceProfile profile() {
        return profile;
    }

    public int address() {
        return address;
    }

    public BatterySimulator battery() {
        return battery;
    }

    /** The application's registers as they are now (a new application brings new ones). */
    public SimulatedRegisterDevice registers() {
        return registers;
    }

    /** The device's bootloader; empty when its profile declares no firmware section. */
    public Optional<SimulatedBootloader> bootloader() {
        return Optional.ofNullable(bootloader);
    }

    ModbusRtuSlave slave() {
        if (bootloader == null) {
            return new ModbusRtuSlave(address, registers);
        }
        return bootloader.installOn(new ModbusRtuSlave(address, bootloader.registers(() -> registers)));
    }

    /**
     * The parameter values that survive a restart, in engineering units by schema key: what a state file keeps.
     * For a device that stages writes in RAM (JDI "Calibration"), values not yet flashed are not among them.
     */
    public Map<String, Double> parameterValues() {
        return registers.flashedValues();
    }

    /**
     * Starts from values saved earlier, as after a power-on with that flash. Keys the schema no longer has and
     * values it refuses are skipped and returned, so a stale state file never stops the device from starting.
     */
    public Map<String, String> restore(Map<String, Double> saved) {
        return registers.importFlashed(saved);
    }

    @Override
    public String toString() {
        return profile.id() + "@" + address;
    }
}
