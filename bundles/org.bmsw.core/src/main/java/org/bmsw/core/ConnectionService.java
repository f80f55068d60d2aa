package org.bmsw.core;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.LinkSettings;

/**
 * Opens links through the transport registry, recognises devices through the profile registry and
 * keeps the open sessions. Sessions for several addresses on one port share one link; the link is
 * closed when its last session closes.
 */
public interface ConnectionService {

    /**
     * Connects, probing every profile unless the request names one.
     *
     * @throws DeviceException LINK when the port cannot be opened (the message says why and how to fix it),
     *                         UNSUPPORTED when no profile recognises the device
     */
    DeviceSession connect(ConnectRequest request) throws DeviceException;

    /**
     * Probes every address from {@code first} to {@code last} with every profile that fits the link, at most
     * {@code timeoutPerAddress} per profile and address. Reads only; never writes to a device.
     *
     * @return the devices that answered, in address order
     * @throws DeviceException LINK when the port cannot be opened or fails during the scan
     */
    List<DeviceIdentity> scan(LinkSettings link, int first, int last, Duration timeoutPerAddress, ScanProgress progress)
            throws DeviceException;

    List<DeviceSession> sessions();

    /** Called with every session opened. */
    AutoCloseable onSessionOpened(Consumer<DeviceSession> listener);
}
