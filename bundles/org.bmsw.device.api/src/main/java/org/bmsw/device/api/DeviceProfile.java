package org.bmsw.device.api;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;

/**
 * Knows one family of BMS: how to recognise it on a link and how to talk to it. Registered as an
 * OSGi service by a profile bundle (Java or data-only). A profile never opens a port; it is handed a
 * link.
 */
public interface DeviceProfile {

    /** Service property naming {@link #id()}. */
    String PROPERTY_ID = "bmsw.profile.id";

    /** Stable id, e.g. {@code smartbms.v4}, {@code jdi.bi51}. */
    String id();

    LocalizedText displayName();

    /** Model names this profile covers, e.g. BI5116, BI5132, BI5148. */
    Set<String> models();

    /** Kinds of link the profile can use. */
    Set<LinkKind> linkKinds();

    /** Serial settings the device uses out of the box (baud, framing), for the connection dialog. */
    default int defaultBaud() {
        return 9600;
    }

    /**
     * Asks whether the device at {@code address} on {@code link} is one of this profile's. Sends at most
     * a couple of short requests and never writes to the device.
     *
     * @return the identity when it is, empty when nothing answered or the answer does not fit
     */
    Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) throws DeviceException;

    /**
     * Something the profile offers without a device, e.g. its parameter schema
     * ({@code org.bmsw.schema.ParameterSchema}) for comparing two parameter files offline.
     */
    default <C> Optional<C> capability(Class<C> type) {
        return Optional.empty();
    }

    /**
     * Opens a session with the device at {@code address}. The session closes when the link closes,
     * with the link's reason.
     */
    DeviceSession connect(Link link, int address) throws DeviceException;

    /**
     * Opens a session with the device {@link #probe} recognised a moment ago on this link: the profile may skip
     * reading again what the probe read (on a 9600 bit/s line every frame counts). By default the same as
     * {@link #connect(Link, int)}.
     */
    default DeviceSession connect(Link link, int address, DeviceIdentity probed) throws DeviceException {
        return connect(link, address);
    }
}
