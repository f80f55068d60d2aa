package org.bmsw.transport.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A port a provider found.
 *
 * @param transport   provider id
 * @param path        what to pass as {@link LinkSettings#path()}, e.g. {@code /dev/ttyUSB0}
 * @param description what the user recognises, e.g. "CH340 USB-RS485 (1a86:7523 SN 5A3C)"
 * @param usbVendorId USB vendor id, or -1 when not a USB device or unknown
 * @param usbProductId USB product id, or -1
 * @param serialNumber USB serial number, or empty
 */
public record PortInfo(String transport, String path, String description, int usbVendorId, int usbProductId,
                       String serialNumber) {

    public PortInfo {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(path, "path");
        description = description == null ? "" : description;
        serialNumber = serialNumber == null ? "" : serialNumber;
    }

    /** USB "vvvv:pppp" when known. */
    public Optional<String> usbId() {
        return usbVendorId < 0 || usbProductId < 0 ? Optional.empty()
                : Optional.of(String.format("%04x:%04x", usbVendorId, usbProductId));
    }
}
