package org.bmsw.mqtt.internal;

import java.util.Locale;

import org.bmsw.device.api.DeviceIdentity;

/**
 * The topic layout.
 * <pre>
 * &lt;prefix&gt;/bridge/&lt;client&gt;/availability   online / offline (the last will)
 * &lt;prefix&gt;/&lt;device&gt;/availability           online / offline (session open or closed)
 * &lt;prefix&gt;/&lt;device&gt;/state                  JSON, one message per snapshot
 * &lt;discovery&gt;/&lt;component&gt;/bmsw_&lt;device&gt;/&lt;entity&gt;/config   Home Assistant discovery
 * </pre>
 */
record Topics(String prefix, String discoveryPrefix, String clientId) {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    /**
     * A stable id that survives reconnects and restarts: the profile and the serial number, or the bus address
     * when the device reports no serial. Lower case, only {@code [a-z0-9_-]} (what Home Assistant allows).
     */
    static String deviceId(DeviceIdentity identity) {
        String serial = identity.serialNumber().trim();
        return safe(identity.profileId()) + "-" + (serial.isEmpty() ? "a" + identity.address() : "sn" + safe(serial));
    }

    static String safe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ? ch : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }

    String bridgeAvailability() {
        return prefix + "/bridge/" + safe(clientId) + "/availability";
    }

    String deviceAvailability(String deviceId) {
        return prefix + "/" + deviceId + "/availability";
    }

    String state(String deviceId) {
        return prefix + "/" + deviceId + "/state";
    }

    String discovery(String component, String deviceId, String entity) {
        return discoveryPrefix + "/" + component + "/bmsw_" + deviceId + "/" + entity + "/config";
    }

    /** Home Assistant announces its start here; discovery is published again then. */
    String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }
}
