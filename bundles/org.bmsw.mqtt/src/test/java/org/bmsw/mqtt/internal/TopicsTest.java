package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bmsw.device.api.DeviceIdentity;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void deviceIdsComeFromProfileAndSerialOrAddress() {
        assertEquals("smartbms-a1", Topics.deviceId(new DeviceIdentity("smartbms", "Smart BMS V4.0", "35-7-3", "", "", 1, false)));
        assertEquals("jdi-bi51-snbi5132_00042", Topics.deviceId(new DeviceIdentity("jdi-bi51", "BI5132", "1.2.0", "B",
                "BI5132/00042", 3, false)), "the serial wins over the address, made safe for topics and Home Assistant");
        assertEquals("smartbms-snab_c", Topics.deviceId(new DeviceIdentity("smartbms", "x", "", "", "AB+C", 2, false)));
    }

    @Test
    void layout() {
        Topics topics = new Topics("site1/bmsw", "homeassistant", "bmsw-host#1");
        assertEquals("site1/bmsw/bridge/bmsw-host_1/availability", topics.bridgeAvailability(),
                "a client id with a wildcard cannot break the topic");
        assertEquals("site1/bmsw/smartbms-a1/state", topics.state("smartbms-a1"));
        assertEquals("site1/bmsw/smartbms-a1/availability", topics.deviceAvailability("smartbms-a1"));
        assertEquals("homeassistant/sensor/bmsw_smartbms-a1/soc/config", topics.discovery("sensor", "smartbms-a1", "soc"));
        assertEquals("homeassistant/status", topics.homeAssistantStatus());
    }
}
