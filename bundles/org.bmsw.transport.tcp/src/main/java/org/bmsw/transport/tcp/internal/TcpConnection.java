package org.bmsw.transport.tcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.spi.StreamLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One TCP connection to a serial device server. */
final class TcpConnection implements StreamLink.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);

    /**
     * Keep-alive probing so a gateway that lost power is noticed in about 25 s, not the OS default of two
     * hours. Looked up by name among the socket's options, so no import of {@code jdk.net} (which an OSGi
     * framework need not export) is needed; where the OS lacks them the defaults stay.
     */
    private static final Map<String, Integer> KEEPALIVE = Map.of("TCP_KEEPIDLE", 10, "TCP_KEEPINTERVAL", 5,
            "TCP_KEEPCOUNT", 3);

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TcpConnection open(String host, int port, Duration timeout) throws LinkException {
        String where = host + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new LinkException(Reason.NOT_FOUND, "Unknown host " + host + " (for the TCP gateway " + where + ")");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // requests are small and latency bound
            socket.setKeepAlive(true);
            tuneKeepAlive(socket);
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new TcpConnection(socket);
        } catch (ConnectException e) {
            close(socket);
            throw new LinkException(Reason.NOT_FOUND, "The TCP gateway " + where + " refused the connection: nothing "
                    + "listens on that port. Check the address, and that the device server's TCP server mode is on.", e);
        } catch (NoRouteToHostException e) {
            close(socket);
            throw new LinkException(Reason.NOT_FOUND, "No route to the TCP gateway " + where + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new LinkException(Reason.TIMEOUT, "The TCP gateway " + where + " did not answer within "
                    + timeout.toMillis() + " ms. Is it powered and on this network?", e);
        } catch (IOException e) {
            close(socket);
            throw new LinkException(Reason.IO, "Could not connect to the TCP gateway " + where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void tuneKeepAlive(Socket socket) {
        for (SocketOption<?> option : socket.supportedOptions()) {
            Integer value = KEEPALIVE.get(option.name());
            if (value != null && option.type() == Integer.class) {
                try {
                    socket.setOption((SocketOption<Integer>) option, value);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debug("Could not set {}: {}", option.name(), e.getMessage());
                }
            }
        }
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        out.flush();
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", socket, e.getMessage());
        }
    }
}
