package org.bmsw.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.bmsw.transport.api.LinkSettings;

/**
 * What to connect to.
 *
 * @param link         transport, path and line settings
 * @param address      device address on the bus (Modbus unit id 1..247)
 * @param profileId    a profile to use, or empty to recognise the device by probing every profile
 * @param probeTimeout per-profile probe timeout
 */
public record ConnectRequest(LinkSettings link, int address, Optional<String> profileId, Duration probeTimeout) {

    public ConnectRequest {
        Objects.requireNonNull(link, "link");
        profileId = profileId == null ? Optional.empty() : profileId;
        probeTimeout = probeTimeout == null ? Duration.ofMillis(500) : probeTimeout;
        if (address < 0 || address > 255) {
            throw new IllegalArgumentException("address must be 0..255: " + address);
        }
    }

    public static ConnectRequest auto(LinkSettings link, int address) {
        return new ConnectRequest(link, address, Optional.empty(), null);
    }
}
