package org.bmsw.mqtt.internal;

import static org.bmsw.mqtt.internal.Eventually.waitFor;
import static org.bmsw.mqtt.internal.Fixtures.SMART_BMS;
import static org.bmsw.mqtt.internal.Fixtures.settings;
import static org.bmsw.mqtt.internal.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bmsw.device.api.Telemetry;
import org.bmsw.mqtt.MqttPublisherStatus.Connection;
import org.bmsw.mqtt.internal.Subscriber.Received;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.BmsParameters;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.Protection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Discovery, state and availability messages on a real mosquitto, from snapshots of the real battery model. */
class DiscoveryAndStateTest {

    private static final String STATE = "bmsw/smartbms-a1/state";
    private static final String DEVICE_AVAILABILITY = "bmsw/smartbms-a1/availability";
    private static final String BRIDGE_AVAILABILITY = "bmsw/bridge/test-bridge/availability";
    /** 13 pack sensors, 24 cells, 4 fitted probes (of 6), 3 binary sensors. */
    private static final int ENTITIES = 13 + 24 + 4 + 3;

    @TempDir
    Path dir;
    private Mosquitto broker;
    private Subscriber subscriber;
    private TelemetryBridge bridge;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new Mosquitto(dir).start();
        subscriber = new Subscriber(broker.url(), "bmsw/#", "homeassistant/#");
    }

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        subscriber.close();
        broker.close();
    }

    private TelemetryBridge bridge(Object... more) {
        Object[] base = {"enabled", true, "brokerUrl", broker.url(), "clientId", "test-bridge", "minIntervalMillis", 0};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        bridge = new TelemetryBridge(settings(all), System::nanoTime).start();
        return bridge;
    }

    @Test
    void stateCarriesTheSnapshot() throws Exception {
        BatterySimulator sim = Fixtures.charging();
        Telemetry t = snapshot(sim, SMART_BMS);
        bridge().offer(t);

        JsonNode s = subscriber.await(STATE).json();
        assertEquals(t.time().toString(), s.get("time").asText());
        assertEquals(StatePayload.round(t.pack().socPercent(), 1), s.get("soc").asDouble());
        assertEquals(StatePayload.round(t.pack().voltage(), 2), s.get("voltage").asDouble());
        double current = s.get("current").asDouble();
        assertEquals(StatePayload.round(t.pack().current(), 2), current);
        assertEquals(20, current, 0.5, "charging at 20 A: positive current");
        assertEquals(StatePayload.round(t.pack().voltage() * t.pack().current(), 1), s.get("power").asDouble());
        assertEquals(StatePayload.round(t.pack().remainingCapacity(), 2), s.get("remaining_capacity").asDouble());
        assertEquals(StatePayload.round(t.pack().fullChargeCapacity(), 2), s.get("full_capacity").asDouble());
        assertEquals(t.pack().cycleCount(), s.get("cycles").asLong());
        assertEquals(StatePayload.round(t.maxCell().orElseThrow().volts(), 3), s.get("cell_max").asDouble());
        assertEquals(t.maxCell().orElseThrow().index(), s.get("cell_max_index").asInt());
        assertEquals(StatePayload.round(t.minCell().orElseThrow().volts(), 3), s.get("cell_min").asDouble());
        assertEquals(StatePayload.round(t.cellSpread() * 1000, 1), s.get("cell_spread_mv").asDouble());
        assertEquals(StatePayload.round(t.maxTemperature().orElseThrow().celsius(), 1), s.get("temperature_max").asDouble());
        assertTrue(s.get("charge_enabled").asBoolean());
        assertTrue(s.get("discharge_enabled").asBoolean());
        assertFalse(s.get("alarm").asBoolean());
        assertEquals("NORMAL", s.get("severity").asText());
        assertEquals(Set.of("DSGEN", "CHGEN", "CHGNG"), texts(s.get("flags").get("STATUS")));
        assertEquals("LFP", s.get("chemistry").asText());
        assertEquals(24, s.get("cells").size());
        for (int i = 0; i < 24; i++) {
            assertEquals(StatePayload.round(t.cells().get(i).volts(), 3), s.get("cells").get(i).asDouble(), "cell " + (i + 1));
        }
        JsonNode temps = s.get("temperatures");
        assertEquals(6, temps.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(StatePayload.round(t.temperatures().get(i).celsius(), 1), temps.get(i).asDouble(), "probe " + (i + 1));
        }
        assertTrue(temps.get(4).isNull() && temps.get(5).isNull(), "unfitted probes are null, not -40 or 0");
        assertFalse(s.has("quantities"), "a Smart BMS has no JDI quantities");

        assertEquals("online", subscriber.await(BRIDGE_AVAILABILITY).payload());
        assertEquals("online", subscriber.await(DEVICE_AVAILABILITY).payload());
        waitFor(() -> bridge.status().published() == 1, "the state is counted");
        assertEquals(Connection.CONNECTED, bridge.status().connection());
    }

    @Test
    void homeAssistantDiscoveryDescribesEveryEntity() throws Exception {
        bridge().offer(snapshot(Fixtures.charging(), SMART_BMS));
        List<Received> configs = subscriber.awaitCount(r -> r.topic().startsWith("homeassistant/"), ENTITIES, "discovery configs");
        assertEquals(ENTITIES, configs.size());
        JsonNode state = subscriber.await(STATE).json();

        JsonNode soc = config(configs, "homeassistant/sensor/bmsw_smartbms-a1/soc/config");
        assertEquals("State of charge", soc.get("name").asText());
        assertEquals("bmsw_smartbms-a1_soc", soc.get("unique_id").asText());
        assertEquals("battery", soc.get("device_class").asText());
        assertEquals("%", soc.get("unit_of_measurement").asText());
        assertEquals("measurement", soc.get("state_class").asText());
        assertEquals(STATE, soc.get("state_topic").asText());
        assertEquals("all", soc.get("availability_mode").asText());
        assertEquals(List.of(BRIDGE_AVAILABILITY, DEVICE_AVAILABILITY),
                soc.get("availability").findValuesAsText("topic"));
        JsonNode device = soc.get("device");
        assertEquals("bmsw_smartbms-a1", device.get("identifiers").get(0).asText());
        assertEquals("Smart BMS V4.0 @1", device.get("name").asText());
        assertEquals("Smart BMS V4.0", device.get("model").asText());
        assertEquals("35-7-3", device.get("sw_version").asText());
        assertFalse(device.has("serial_number"), "the device reports none");

        Map<String, String[]> expected = Map.ofEntries(
                Map.entry("sensor/bmsw_smartbms-a1/voltage", new String[] {"voltage", "V", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/current", new String[] {"current", "A", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/power", new String[] {"power", "W", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/remaining_capacity", new String[] {null, "Ah", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/full_capacity", new String[] {null, "Ah", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/cycles", new String[] {null, null, "total_increasing"}),
                Map.entry("sensor/bmsw_smartbms-a1/cell_max", new String[] {"voltage", "V", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/cell_min", new String[] {"voltage", "V", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/cell_spread", new String[] {"voltage", "mV", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/temperature_max", new String[] {"temperature", "°C", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/temperature_min", new String[] {"temperature", "°C", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/cell_1", new String[] {"voltage", "V", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/cell_24", new String[] {"voltage", "V", "measurement"}),
                Map.entry("sensor/bmsw_smartbms-a1/temperature_4", new String[] {"temperature", "°C", "measurement"}),
                Map.entry("binary_sensor/bmsw_smartbms-a1/charge_enabled", new String[] {"power", null, null}),
                Map.entry("binary_sensor/bmsw_smartbms-a1/discharge_enabled", new String[] {"power", null, null}),
                Map.entry("binary_sensor/bmsw_smartbms-a1/alarm", new String[] {"problem", null, null}));
        expected.forEach((entity, classUnitState) -> {
            JsonNode c = config(configs, "homeassistant/" + entity + "/config");
            assertEquals(classUnitState[0], text(c, "device_class"), entity);
            assertEquals(classUnitState[1], text(c, "unit_of_measurement"), entity);
            assertEquals(classUnitState[2], text(c, "state_class"), entity);
        });
        assertTrue(subscriber.on("homeassistant/sensor/bmsw_smartbms-a1/temperature_5/config").isEmpty(),
                "no entity for an unfitted probe");
        assertEquals("Temperature T01", config(configs, "homeassistant/sensor/bmsw_smartbms-a1/temperature_1/config").get("name").asText());

        // every entity reads a value that is in the state message, and the unique ids are unique
        Set<String> uniqueIds = new HashSet<>();
        for (Received r : configs) {
            JsonNode c = r.json();
            assertTrue(uniqueIds.add(c.get("unique_id").asText()), "duplicate unique_id " + c.get("unique_id"));
            assertEquals(STATE, c.get("state_topic").asText());
            JsonNode value = evaluate(c.get("value_template").asText(), state);
            if (r.topic().startsWith("homeassistant/binary_sensor/")) {
                assertTrue(value.asText().equals("ON") || value.asText().equals("OFF"), r.topic() + " renders " + value);
            } else {
                assertTrue(value.isNumber(), r.topic() + " renders a number, not " + value);
            }
        }
        assertEquals("ON", evaluate(config(configs, "homeassistant/binary_sensor/bmsw_smartbms-a1/charge_enabled/config")
                .get("value_template").asText(), state).asText());
        assertEquals("OFF", evaluate(config(configs, "homeassistant/binary_sensor/bmsw_smartbms-a1/alarm/config")
                .get("value_template").asText(), state).asText());

        // retained: Home Assistant started later still finds every entity and the publisher online
        try (Subscriber late = new Subscriber(broker.url(), "homeassistant/#", "bmsw/+/+/availability", "bmsw/+/availability")) {
            late.awaitCount(r -> r.topic().startsWith("homeassistant/") && r.retained(), ENTITIES, "retained discovery");
            assertTrue(late.await(BRIDGE_AVAILABILITY, "online").retained());
            assertTrue(late.await(DEVICE_AVAILABILITY, "online").retained());
        }
    }

    @Test
    void protectionShowsAsAlarm() throws Exception {
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).initialSoc(0.95).seed(3).build(),
                BmsParameters.defaultsWith(Chemistry.LFP, 24, Map.of("COVDelay", 2.0)));
        sim.runScenario("charge 25A until cutoff for 2h");
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.COV), Duration.ofHours(2)));
        bridge().offer(snapshot(sim, SMART_BMS));

        JsonNode s = subscriber.await(STATE).json();
        assertTrue(s.get("alarm").asBoolean());
        assertEquals("FAULT", s.get("severity").asText());
        assertEquals(Set.of("COVBit"), texts(s.get("flags").get("PROTECT")));
        assertTrue(texts(s.get("flags").get("ALARM")).contains("COV"));
        assertFalse(s.get("charge_enabled").asBoolean(), "the BMS opened the charge switch");
        JsonNode alarm = subscriber.await("homeassistant/binary_sensor/bmsw_smartbms-a1/alarm/config").json();
        assertEquals("ON", evaluate(alarm.get("value_template").asText(), s).asText());
        assertEquals(STATE, alarm.get("json_attributes_topic").asText());
    }

    @Test
    void closedSessionAndClosedPublisherGoOffline() throws Exception {
        bridge().offer(snapshot(Fixtures.charging(), SMART_BMS));
        subscriber.await(DEVICE_AVAILABILITY, "online");
        bridge.deviceGone(SMART_BMS);
        assertTrue(subscriber.await(DEVICE_AVAILABILITY, "offline").payload().equals("offline"));

        bridge.offer(snapshot(Fixtures.charging(), SMART_BMS));
        assertEquals(2, subscriber.awaitCount(r -> r.topic().equals(DEVICE_AVAILABILITY) && r.payload().equals("online"), 2,
                "online again after the device came back").size());

        bridge.close();
        bridge = null;
        subscriber.await(BRIDGE_AVAILABILITY, "offline");
    }

    @Test
    void minimumIntervalLimitsTheStateMessages() throws Exception {
        AtomicLong clock = new AtomicLong();
        bridge = new TelemetryBridge(settings("enabled", true, "brokerUrl", broker.url(), "clientId", "test-bridge",
                "minIntervalMillis", 1000), clock::get).start();
        BatterySimulator sim = Fixtures.charging();
        Instant start = Instant.parse("2024-03-26T16:46:00Z");
        for (int ms = 0; ms <= 2000; ms += 200) {
            clock.set(ms * 1_000_000L);
            bridge.offer(snapshot(sim, SMART_BMS, start.plusMillis(ms)));
        }
        // a second device's snapshot goes out after the first one's: when it arrives, all of them have
        bridge.offer(snapshot(sim, Fixtures.smartBmsAt(2), start));
        subscriber.await("bmsw/smartbms-a2/state");
        List<String> times = subscriber.on(STATE).stream().map(r -> r.json().get("time").asText()).toList();
        assertEquals(List.of(start.toString(), start.plusMillis(1000).toString(), start.plusMillis(2000).toString()), times);
    }

    @Test
    void entitiesFollowTheProbesThatAreFitted() throws Exception {
        BatterySimulator four = Fixtures.charging();
        BatterySimulator five = new BatterySimulator(PackConfig.smartBms(24).fittedProbes(5).seed(7).build());
        String fifth = "homeassistant/sensor/bmsw_smartbms-a1/temperature_5/config";
        bridge().offer(snapshot(four, SMART_BMS));
        subscriber.awaitCount(r -> r.topic().startsWith("homeassistant/"), ENTITIES, "discovery");
        bridge.offer(snapshot(five, SMART_BMS));
        assertFalse(subscriber.await(fifth).payload().isEmpty(), "a probe fitted: its entity appears");
        bridge.offer(snapshot(four, SMART_BMS));
        subscriber.await(fifth, "");
        subscriber.awaitCount(r -> r.topic().equals(STATE), 3, "a state per snapshot");
        assertEquals(ENTITIES + (ENTITIES + 1) + (ENTITIES + 1), subscriber.matching(r -> r.topic().startsWith("homeassistant/")).size(),
                "each change of layout publishes the whole set once, plus the removal of what went");
    }

    @Test
    void homeAssistantRestartGetsDiscoveryAgain() throws Exception {
        BatterySimulator sim = Fixtures.charging();
        String soc = "homeassistant/sensor/bmsw_smartbms-a1/soc/config";
        bridge().offer(snapshot(sim, SMART_BMS));
        subscriber.await(soc);
        bridge.offer(snapshot(sim, SMART_BMS));
        subscriber.awaitCount(r -> r.topic().equals(STATE), 2, "second state");
        assertEquals(1, subscriber.on(soc).size(), "discovery once per device, not per snapshot");

        subscriber.publish("homeassistant/status", "online");
        // the birth message reaches the publisher at its own pace; the snapshot after it brings the discovery
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (subscriber.on(soc).size() < 2 && System.nanoTime() < deadline) {
            bridge.offer(snapshot(sim, SMART_BMS));
            Thread.sleep(100);
        }
        assertEquals(2, subscriber.on(soc).size(), "discovery again after Home Assistant's birth message");
    }

    private static JsonNode config(List<Received> configs, String topic) {
        return configs.stream().filter(r -> r.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no discovery config on " + topic)).json();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static final Pattern VALUE = Pattern.compile("\\{\\{ value_json\\.(\\w+)(?:\\[(\\d+)])? }}");
    private static final Pattern ON_OFF = Pattern.compile("\\{\\{ 'ON' if value_json\\.(\\w+) else 'OFF' }}");

    /** The two template forms the discovery uses, rendered as Home Assistant would. */
    private static JsonNode evaluate(String template, JsonNode state) {
        Matcher m = VALUE.matcher(template);
        if (m.matches()) {
            JsonNode v = state.get(m.group(1));
            if (v == null) {
                fail("template " + template + " reads a field the state does not have");
            }
            return m.group(2) == null ? v : v.get(Integer.parseInt(m.group(2)));
        }
        m = ON_OFF.matcher(template);
        if (m.matches()) {
            JsonNode v = state.get(m.group(1));
            if (v == null || !v.isBoolean()) {
                fail("template " + template + " needs a boolean field, the state has " + v);
            }
            return TextNode.valueOf(v.asBoolean() ? "ON" : "OFF");
        }
        throw new AssertionError("template not understood: " + template);
    }
}
