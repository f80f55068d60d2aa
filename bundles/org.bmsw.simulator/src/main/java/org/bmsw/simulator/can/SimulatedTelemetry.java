package org.bmsw.simulator.can;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.simulator.battery.DeviceKind;
import org.bmsw.simulator.battery.SimulatorState;
import org.bmsw.simulator.battery.TelemetryMapper;

/**
 * What a simulated device reports, on any wire: {@link TelemetryMapper}'s snapshot plus the two JDI values it
 * leaves out, the second HV channel ({@code voltage.hv2}: the relay side of the pack, which the pre-charge
 * raises) and the number of BMUs in the cascade ({@code modules.bmu}). The register device and the CAN
 * broadcaster both encode this, so RS485 and CAN report the same values.
 */
public final class SimulatedTelemetry {

    private SimulatedTelemetry() {
    }

    public static Telemetry of(SimulatorState s, DeviceIdentity identity, Instant time) {
        Telemetry t = TelemetryMapper.toTelemetry(s, identity, time);
        if (s.kind() != DeviceKind.JDI) {
            return t;
        }
        List<Quantity> quantities = new ArrayList<>(t.quantities());
        quantities.add(new Quantity("voltage.hv2", LocalizedText.of("Pack voltage HV2 (relay side)", "总压HV2（继电器后）"),
                s.loadVolts(), "V", "pack", false));
        long modules = s.cells().stream().mapToInt(c -> c.module()).distinct().count();
        quantities.add(new Quantity("modules.bmu", LocalizedText.of("BMUs in the cascade", "级联BMU数量"), modules - 1, "",
                "system", false));
        return new Telemetry(t.time(), t.identity(), t.pack(), t.cells(), t.temperatures(), t.flags(), quantities);
    }
}
