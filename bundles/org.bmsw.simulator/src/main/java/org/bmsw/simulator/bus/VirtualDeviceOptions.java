package org.bmsw.simulator.bus;

import java.util.List;

import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.simulator.battery.Chemistry;

/**
 * How one virtual device is built.
 *
 * @param modules   cells per module; one entry for a single board (Smart BMS), the BIU then the BMUs for JDI
 * @param chemistry cell chemistry
 * @param seed      seed of the battery model's cell-to-cell spread
 * @param firmware  firmware version the device reports
 * @param socPercent initial state of charge, or NaN for the model's default
 */
public record VirtualDeviceOptions(List<Integer> modules, Chemistry chemistry, long seed, String firmware,
                                   double socPercent) {

    public VirtualDeviceOptions {
        modules = List.copyOf(modules);
        if (modules.isEmpty() || modules.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("every module needs at least one cell: " + modules);
        }
        if (!Double.isNaN(socPercent) && (socPercent < 0 || socPercent > 100)) {
            throw new IllegalArgumentException("initial SOC must be 0..100 %: " + socPercent);
        }
    }

    /** A 24-cell LFP pack, as the Smart BMS manual's screenshot shows. */
    public static VirtualDeviceOptions defaults() {
        return new VirtualDeviceOptions(List.of(24), Chemistry.LFP, 1, "35-7-3", Double.NaN);
    }

    /**
     * The defaults for a profile's device: for a cascade (a main board and modules, like the JDI BIU + BMUs) 48 cells
     * and one module of 16, otherwise 24 cells, or as many as the map holds when that is fewer.
     */
    public static VirtualDeviceOptions defaults(RegisterDeviceProfile profile) {
        VirtualDeviceOptions defaults = defaults();
        if (cascade(profile)) {
            return defaults.withModules(List.of(48, 16));
        }
        RegisterProfile.Cells cells = profile.definition().cells();
        int fitted = defaults.modules().get(0);
        return cells == null || cells.max() >= fitted ? defaults : defaults.withModules(List.of(cells.max()));
    }

    /** The map reads cells per module (a main board and modules in cascade, like the JDI): simulate such a pack. */
    public static boolean cascade(RegisterDeviceProfile profile) {
        RegisterProfile.Cells cells = profile.definition().cells();
        return cells != null && cells.moduleCounts() != null;
    }

    public VirtualDeviceOptions withModules(List<Integer> newModules) {
        return new VirtualDeviceOptions(newModules, chemistry, seed, firmware, socPercent);
    }

    public VirtualDeviceOptions withSeed(long newSeed) {
        return new VirtualDeviceOptions(modules, chemistry, newSeed, firmware, socPercent);
    }
}
