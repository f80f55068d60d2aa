package org.bmsw.simulator.bus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bmsw.simulator.device.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a bus as an RS485-to-Ethernet gateway does: RTU frames over TCP ("RTU over TCP"), any number of
 * clients, each with a line of its own. A line cut drops that client.
 */
public final class TcpEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TcpEndpoint.class);

    private final VirtualBus bus;
    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    /** Binds {@code host:port} (port 0 picks a free one) and starts accepting. */
    public static TcpEndpoint start(VirtualBus bus, String host, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        TcpEndpoint endpoint = new TcpEndpoint(bus, server);
        Thread accepting = new Thread(endpoint::accept, "bmsw-sim tcp " + endpoint.address());
        accepting.setDaemon(true);
        accepting.start();
        return endpoint;
    }

    private TcpEndpoint(VirtualBus bus, ServerSocket server) {
        this.bus = bus;
        this.server = server;
    }

    @Override
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                clients.add(client);
                Thread serving = new Thread(() -> serve(client), "bmsw-sim tcp client " + client.getRemoteSocketAddress());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Simulator TCP endpoint {} stopped accepting: {}", address(), e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            bus.serve(client.getInputStream(), client.getOutputStream());
        } catch (SimulatedLine.LineCut e) {
            LOG.info("Simulated cable pull for {}: {}", client.getRemoteSocketAddress(), e.getMessage());
        } catch (SocketException e) {
            LOG.debug("Client {} left: {}", client.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("Serving {} failed: {}", client.getRemoteSocketAddress(), e.getMessage());
        } finally {
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", address(), e.getMessage());
        }
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.debug("Closing client {}: {}", client, e.getMessage());
            }
        }
    }
}
