package org.bmsw.mqtt.internal;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.TelemetryMapper;

/** Configurations and snapshots of the real battery model for the tests. */
final class Fixtures {

    static final DeviceIdentity SMART_BMS = new DeviceIdentity("smartbms", "Smart BMS V4.0", "35-7-3", "", "", 1, false);

    private Fixtures() {
    }

    static DeviceIdentity smartBmsAt(int address) {
        return new DeviceIdentity("smartbms", "Smart BMS V4.0", "35-7-3", "", "", address, false);
    }

    /** A 24-cell LFP pack (6 probes, 4 fitted) ten minutes into a 20 A charge. */
    static BatterySimulator charging() {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).initialSoc(0.6).seed(7).build());
        sim.runScenario("charge 20A for 2h");
        sim.step(Duration.ofMinutes(10));
        return sim;
    }

    static Telemetry snapshot(BatterySimulator sim, DeviceIdentity identity) {
        return TelemetryMapper.toTelemetry(sim.snapshot(), identity, Instant.now());
    }

    static Telemetry snapshot(BatterySimulator sim, DeviceIdentity identity, Instant time) {
        return TelemetryMapper.toTelemetry(sim.snapshot(), identity, time);
    }

    /** The configuration annotation with these values and the declared defaults for the rest. */
    static MqttConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(), new Class<?>[] {MqttConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> MqttConfig.class;
                    case "toString" -> "MqttConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    static PublisherSettings settings(Object... keyValues) {
        return PublisherSettings.from(config(keyValues));
    }
}
