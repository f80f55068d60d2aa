package org.bmsw.mqtt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;

/**
 * Home Assistant MQTT discovery: one retained config message per entity, all reading the device's state topic
 * through a value template, available only while both the publisher and the device are online.
 */
final class HomeAssistantDiscovery {

    /**
     * What the entity set depends on; discovery is published again when it changes (cells added, a probe
     * fitted, new firmware).
     */
    record Layout(DeviceIdentity identity, int cells, List<String> fittedProbes) {

        static Layout of(Telemetry t) {
            List<String> fitted = new ArrayList<>();
            List<Temperature> probes = t.temperatures();
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i).fitted()) {
                    fitted.add(i + ":" + probes.get(i).label());
                }
            }
            return new Layout(t.identity(), t.cells().size(), fitted);
        }
    }

    private final Topics topics;

    HomeAssistantDiscovery(Topics topics) {
        this.topics = topics;
    }

    /** Every entity's config message for this device, retained, QoS 1. */
    List<Message> configs(String deviceId, Telemetry t) {
        List<Message> out = new ArrayList<>();
        Ctx ctx = new Ctx(deviceId, device(deviceId, t.identity()));
        out.add(ctx.sensor("soc", "State of charge", "battery", "%", 1, "{{ value_json.soc }}"));
        out.add(ctx.sensor("soh", "State of health", null, "%", 1, "{{ value_json.soh }}"));
        out.add(ctx.sensor("voltage", "Pack voltage", "voltage", "V", 2, "{{ value_json.voltage }}"));
        out.add(ctx.sensor("current", "Current", "current", "A", 2, "{{ value_json.current }}"));
        out.add(ctx.sensor("power", "Power", "power", "W", 0, "{{ value_json.power }}"));
        out.add(ctx.sensor("remaining_capacity", "Remaining capacity", null, "Ah", 2, "{{ value_json.remaining_capacity }}"));
        out.add(ctx.sensor("full_capacity", "Full charge capacity", null, "Ah", 2, "{{ value_json.full_capacity }}"));
        out.add(ctx.entity("sensor", "cycles", "Cycle count", Map.of("state_class", "total_increasing",
                "value_template", "{{ value_json.cycles }}")));
        out.add(ctx.sensor("cell_max", "Max cell voltage", "voltage", "V", 3, "{{ value_json.cell_max }}"));
        out.add(ctx.sensor("cell_min", "Min cell voltage", "voltage", "V", 3, "{{ value_json.cell_min }}"));
        out.add(ctx.sensor("cell_spread", "Cell voltage spread", "voltage", "mV", 0, "{{ value_json.cell_spread_mv }}"));
        out.add(ctx.sensor("temperature_max", "Max temperature", "temperature", "°C", 1, "{{ value_json.temperature_max }}"));
        out.add(ctx.sensor("temperature_min", "Min temperature", "temperature", "°C", 1, "{{ value_json.temperature_min }}"));
        List<CellVoltage> cells = t.cells();
        for (int i = 0; i < cells.size(); i++) {
            int n = cells.get(i).index();
            out.add(ctx.sensor("cell_" + n, "Cell " + n, "voltage", "V", 3, "{{ value_json.cells[" + i + "] }}"));
        }
        List<Temperature> probes = t.temperatures();
        for (int i = 0; i < probes.size(); i++) {
            if (probes.get(i).fitted()) {
                out.add(ctx.sensor("temperature_" + (i + 1), "Temperature " + probes.get(i).label(), "temperature", "°C", 1,
                        "{{ value_json.temperatures[" + i + "] }}"));
            }
        }
        out.add(ctx.binary("charge_enabled", "Charge enabled", "power",
                "{{ 'ON' if value_json.charge_enabled else 'OFF' }}", Map.of()));
        out.add(ctx.binary("discharge_enabled", "Discharge enabled", "power",
                "{{ 'ON' if value_json.discharge_enabled else 'OFF' }}", Map.of()));
        out.add(ctx.binary("alarm", "Alarm", "problem", "{{ 'ON' if value_json.alarm else 'OFF' }}", Map.of(
                "json_attributes_topic", topics.state(deviceId),
                "json_attributes_template", "{{ {'severity': value_json.severity, 'flags': value_json.flags} | tojson }}")));
        return out;
    }

    /** The empty retained message that makes Home Assistant forget an entity. */
    static Message removal(String configTopic) {
        return new Message(configTopic, new byte[0], 1, true);
    }

    private static Map<String, Object> device(String deviceId, DeviceIdentity id) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("identifiers", List.of("bmsw_" + deviceId));
        String serial = id.serialNumber().trim();
        d.put("name", id.model() + " " + (serial.isEmpty() ? "@" + id.address() : serial));
        d.put("model", id.model());
        putIfPresent(d, "sw_version", id.firmwareVersion());
        putIfPresent(d, "hw_version", id.hardwareRevision());
        putIfPresent(d, "serial_number", serial);
        return d;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (!value.isBlank()) {
            map.put(key, value);
        }
    }

    private final class Ctx {
        private final String deviceId;
        private final Map<String, Object> device;

        Ctx(String deviceId, Map<String, Object> device) {
            this.deviceId = deviceId;
            this.device = device;
        }

        Message sensor(String key, String name, String deviceClass, String unit, int precision, String template) {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (deviceClass != null) {
                extra.put("device_class", deviceClass);
            }
            extra.put("unit_of_measurement", unit);
            extra.put("state_class", "measurement");
            extra.put("suggested_display_precision", precision);
            extra.put("value_template", template);
            return entity("sensor", key, name, extra);
        }

        Message binary(String key, String name, String deviceClass, String template, Map<String, Object> more) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("device_class", deviceClass);
            extra.put("value_template", template);
            extra.putAll(more);
            return entity("binary_sensor", key, name, extra);
        }

        Message entity(String component, String key, String name, Map<String, Object> extra) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", name);
            c.put("unique_id", "bmsw_" + deviceId + "_" + key);
            c.put("state_topic", topics.state(deviceId));
            c.putAll(extra);
            c.put("availability", List.of(Map.of("topic", topics.bridgeAvailability()),
                    Map.of("topic", topics.deviceAvailability(deviceId))));
            c.put("availability_mode", "all");
            c.put("device", device);
            c.put("origin", Map.of("name", "BMS Workbench"));
            return new Message(topics.discovery(component, deviceId, key), StatePayload.bytes(c), 1, true);
        }
    }
}
