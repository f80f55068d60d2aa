package org.bmsw.transport.tcp.internal;

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

/**
 * RTU over TCP: the raw byte stream of an RS485 bus behind a serial device server. Path {@code host:port}
 * (IPv6 as {@code [addr]:port}); the baud rate is only what protocols use for timing. Option
 * {@code reconnect=true} keeps the link when the connection drops: the loss is thrown once to the next
 * caller, and the connection is reestablished with back-off.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + TcpTransport.ID)
public class TcpTransport implements TransportProvider {

    static final String ID = "tcp";
    static final String OPTION_RECONNECT = "reconnect";

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final OpenLinks openLinks = new OpenLinks();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "RTU over TCP (serial device server)";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.BYTES);
    }

    /** Gateways cannot be enumerated; the user types host:port. */
    @Override
    public List<PortInfo> listPorts() {
        return List.of();
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) throws LinkException {
        Endpoint endpoint = Endpoint.parse(settings.path());
        boolean reconnect = reconnectOption(settings);
        StreamLink link = new StreamLink(settings, "TCP gateway " + settings.path(),
                vanished -> TcpConnection.open(endpoint.host(), endpoint.port(), settings.openTimeout()), reconnect, false)
                .start();
        LOG.debug("Connected to {}", settings.describe());
        return openLinks.track(link);
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) {
        throw new UnsupportedOperationException("The TCP transport carries bytes, not CAN frames");
    }

    @Deactivate
    void deactivate() {
        openLinks.closeAll(ID);
    }

    private static boolean reconnectOption(LinkSettings settings) throws LinkException {
        String value = settings.option(OPTION_RECONNECT).orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new LinkException(Reason.INVALID_SETTINGS, "Option reconnect of " + settings.path()
                    + " must be true or false, not '" + value + "'");
        }
        return value.equals("true");
    }

    /** {@code host:port} or {@code [v6]:port}. */
    record Endpoint(String host, int port) {

        static Endpoint parse(String path) throws LinkException {
            int colon = path.lastIndexOf(':');
            String host = colon > 0 ? path.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(path.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new LinkException(Reason.INVALID_SETTINGS, "'" + path
                        + "' is not a TCP address: use host:port, e.g. 192.168.1.200:4001 or [fe80::1]:502");
            }
            return new Endpoint(host, port);
        }
    }
}
