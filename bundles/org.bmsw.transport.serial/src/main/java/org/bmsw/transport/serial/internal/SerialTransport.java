package org.bmsw.transport.serial.internal;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.spi.OpenLinks;
import org.bmsw.transport.spi.StreamLink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;

/**
 * RS485 / RS232 through jSerialComm.
 *
 * <p>Options: {@code rs485.echo=true} for half-duplex adapters that echo what is sent (the echo is read
 * back and dropped); {@code rs485.rts=true} to let the driver switch the transceiver with RTS;
 * {@code reconnect=true} to keep the link across unplugging: the loss is thrown once to the next caller,
 * then the port is reopened with back-off when it comes back.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + SerialTransport.ID)
public class SerialTransport implements TransportProvider {

    static final String ID = "serial";
    static final String OPTION_ECHO = "rs485.echo";
    static final String OPTION_RTS = "rs485.rts";
    static final String OPTION_RECONNECT = "reconnect";
    static final int MIN_BAUD = 1200;
    static final int MAX_BAUD = 921_600;

    private static final Logger LOG = LoggerFactory.getLogger(SerialTransport.class);
    private static final Set<String> OPTIONS = Set.of(OPTION_ECHO, OPTION_RTS, OPTION_RECONNECT);

    private final OpenLinks openLinks = new OpenLinks();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "RS485 / serial (jSerialComm)";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.BYTES);
    }

    @Override
    public List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        try {
            for (SerialPort port : SerialPort.getCommPorts()) {
                ports.add(portInfo(port));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Could not list serial ports (jSerialComm {})", SerialPort.getVersion(), e);
            return List.of();
        }
        return ports;
    }

    static PortInfo portInfo(SerialPort port) {
        int vendor = port.getVendorID();
        int product = port.getProductID();
        String serial = known(port.getSerialNumber());
        StringBuilder description = new StringBuilder(port.getPortDescription());
        String manufacturer = known(port.getManufacturer());
        if (!manufacturer.isEmpty() && !description.toString().contains(manufacturer)) {
            description.insert(0, manufacturer + " ");
        }
        if (vendor >= 0 && product >= 0) {
            description.append(String.format(" (%04x:%04x%s)", vendor, product, serial.isEmpty() ? "" : " SN " + serial));
        }
        return new PortInfo(ID, port.getSystemPortPath(), description.toString(), vendor, product, serial);
    }

    /** jSerialComm says "Unknown" where the OS does not tell. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.equals("Unknown") ? "" : value.trim();
    }

    @Override
    public synchronized ByteLink openByteLink(LinkSettings settings) throws LinkException {
        validate(settings);
        refuseSecondOpening(settings.path());
        boolean rts = settings.flag(OPTION_RTS);
        StreamLink link = new StreamLink(settings, "serial port " + settings.path(),
                vanished -> SerialConnection.open(settings, rts, vanished), settings.flag(OPTION_RECONNECT),
                settings.flag(OPTION_ECHO)).start();
        return openLinks.track(link);
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) {
        throw new UnsupportedOperationException("The serial transport carries bytes; use slcan for CAN over serial");
    }

    @Deactivate
    void deactivate() {
        openLinks.closeAll(ID);
    }

    static void validate(LinkSettings settings) throws LinkException {
        if (settings.baud() < MIN_BAUD || settings.baud() > MAX_BAUD) {
            throw new LinkException(Reason.INVALID_SETTINGS, "Baud rate " + settings.baud() + " for serial port "
                    + settings.path() + " is outside " + MIN_BAUD + ".." + MAX_BAUD);
        }
        for (var option : settings.options().entrySet()) {
            if (!OPTIONS.contains(option.getKey())) {
                // options may carry settings for other layers; a typo is worth a warning, not a failure
                LOG.warn("Serial port {}: ignoring unknown option {} (known: {})", settings.path(), option.getKey(),
                        OPTIONS);
            } else if (!option.getValue().equals("true") && !option.getValue().equals("false")) {
                throw new LinkException(Reason.INVALID_SETTINGS, "Option " + option.getKey() + " of serial port "
                        + settings.path() + " must be true or false, not '" + option.getValue() + "'");
            }
        }
    }

    private void refuseSecondOpening(String path) throws LinkException {
        String device = canonical(path);
        var open = openLinks.find(link -> canonical(link.settings().path()).equals(device));
        if (open.isPresent()) {
            throw new LinkException(Reason.BUSY, "Serial port " + path + " is already open in this program as "
                    + open.get().settings().describe());
        }
    }

    private static String canonical(String path) {
        try {
            return new File(path).getCanonicalPath();
        } catch (IOException e) {
            return path;
        }
    }
}
