package org.bmsw.transport.slcan.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.spi.OpenLinks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * CAN through slcan (Lawicel ASCII) adapters: CANable with slcan firmware, Lawicel CANUSB, USBtin and the
 * many clones. The path is the adapter's serial device, {@link LinkSettings#baud()} the CAN bit rate, and
 * option {@code serial.baud} (default 115200) the adapter's UART rate. The bytes come from the serial
 * transport, so this bundle never opens a port itself and stops with it.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + SlcanTransport.ID)
public class SlcanTransport implements TransportProvider {

    static final String ID = "slcan";
    static final String OPTION_SERIAL_BAUD = "serial.baud";
    static final int DEFAULT_SERIAL_BAUD = 115_200;

    /** USB ids of adapters that speak slcan out of the box, so listPorts offers only those. */
    private static final Map<String, String> KNOWN_ADAPTERS = Map.of(
            "16d0:117e", "CANable (slcan firmware)",
            "0403:ffa8", "Lawicel CANUSB",
            "04d8:000a", "USBtin (or another Microchip CDC device)");

    private final TransportProvider serial;
    private final OpenLinks openLinks = new OpenLinks();

    @Activate
    public SlcanTransport(@Reference(target = "(" + TransportProvider.PROPERTY_ID + "=serial)") TransportProvider serial) {
        this.serial = serial;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CAN via slcan adapter";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.CAN);
    }

    @Override
    public List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        for (PortInfo port : serial.listPorts()) {
            String adapter = port.usbId().map(KNOWN_ADAPTERS::get).orElse(null);
            if (adapter != null) {
                ports.add(new PortInfo(ID, port.path(), adapter + ": " + port.description(), port.usbVendorId(),
                        port.usbProductId(), port.serialNumber()));
            }
        }
        return ports;
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) {
        throw new UnsupportedOperationException("slcan carries CAN frames; open the port with the serial transport for bytes");
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) throws LinkException {
        Character code = Slcan.BITRATES.get(settings.baud());
        if (code == null) {
            throw new LinkException(Reason.INVALID_SETTINGS, "CAN bit rate " + settings.baud() + " for " + settings.path()
                    + " is not one slcan can set; use one of " + new TreeSet<>(Slcan.BITRATES.keySet()));
        }
        int uartBaud = serialBaud(settings);
        ByteLink bytes = serial.openByteLink(new LinkSettings("serial", settings.path(), uartBaud, 8,
                LinkSettings.Parity.NONE, LinkSettings.StopBits.ONE, settings.openTimeout(), Map.of()));
        return openLinks.track(new SlcanLink(settings, bytes).open(code));
    }

    @Deactivate
    void deactivate() {
        openLinks.closeAll(ID);
    }

    private static int serialBaud(LinkSettings settings) throws LinkException {
        String value = settings.option(OPTION_SERIAL_BAUD).orElse(String.valueOf(DEFAULT_SERIAL_BAUD));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LinkException(Reason.INVALID_SETTINGS, "Option serial.baud of " + settings.path()
                    + " must be a number (the adapter's UART baud rate), not '" + value + "'");
        }
    }
}
